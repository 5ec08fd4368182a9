import type { PublicKey } from "@solana/web3.js";
import { findEscrowAddress, type StakerAccount } from "@nft-staking/sdk";
import type { TestNft } from "@nft-staking/dev-kit";
import { extendSuite, poolSuite } from "../utils/suite";

export type StakeRecord = StakerAccount["records"][number];

/** A record as plain strings, to compare records field by field. */
interface RecordFields {
  mint: string;
  lockUntil: string;
  stakedAt: string;
  weight: string;
  multiplierBps: string;
  tier: string;
  lockOption: string;
  escrowBump: string;
}

export function recordFields(record: StakeRecord): RecordFields {
  return {
    mint: record.mint.toBase58(),
    lockUntil: record.lockUntil.toString(),
    stakedAt: record.stakedAt.toString(),
    weight: record.weight.toString(),
    multiplierBps: record.multiplierBps.toString(),
    tier: record.tier.toString(),
    lockOption: record.lockOption.toString(),
    escrowBump: record.escrowBump.toString(),
  };
}

/**
 * Shared setup of the `unstake` tests (`unstake.test.ts`: success paths,
 * `unstake.rejects.test.ts`: failure paths): a {@link poolSuite} (a new chain and pool before
 * each test) with the escrow of an NFT and the accounts an unstake touches.
 */
export function unstakeFixture() {
  const suite = poolSuite();

  const escrowOf = (nft: TestNft): PublicKey => findEscrowAddress(suite.fixture.pool, nft.mint)[0];

  /** The accounts an unstake of `nfts` by `owner` touches, before any test tampering. */
  function accountsOf(owner: PublicKey, nfts: TestNft[]): PublicKey[] {
    return [
      suite.fixture.pool,
      suite.stakerOf(owner),
      owner,
      ...nfts.flatMap((nft) => [escrowOf(nft), nft.tokenAccount]),
    ];
  }

  return extendSuite(suite, { escrowOf, accountsOf });
}
