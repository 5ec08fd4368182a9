import { PublicKey } from "@solana/web3.js";
import {
  findEscrowAddress,
  findStakerAddress,
  unstakeInstruction,
  type StakerAccount,
} from "@nft-staking/sdk";
import {
  createPool,
  holderWithNfts,
  type PoolFixture,
  stakeNfts,
  TestChain,
  type TestNft,
} from "@nft-staking/dev-kit";
import { assertOk, rejecterFor } from "../utils/assertions";

/** Lamports of one signature: every test transaction here has one fee payer and one fee. */
export const FEE = 5000n;

/** Offset of `Pool::paused`: discriminator (8) + 6 keys, 4 u64s, u32, 8 tiers, 4 locks, bump. */
export const POOL_PAUSED_OFFSET = 8 + 293;

export type StakeRecord = StakerAccount["records"][number];

/** A record as plain strings, to compare records field by field. */
interface RecordFields {
  mint: string;
  lockUntil: string;
  stakedAt: string;
  weight: string;
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
    tier: record.tier.toString(),
    lockOption: record.lockOption.toString(),
    escrowBump: record.escrowBump.toString(),
  };
}

/**
 * Shared setup of the `unstake` tests (`unstake.test.ts`: success paths,
 * `unstake.rejects.test.ts`: failure paths). Call it inside `describe`: it registers a
 * `beforeEach` that builds a new chain and a pool, and returns that state as getters (read them in
 * a test or hook, not while `describe` runs) and the helpers over it.
 */
export function unstakeFixture() {
  let chain: TestChain;
  let fixture: PoolFixture;

  beforeEach(async () => {
    chain = new TestChain();
    fixture = await createPool(chain);
  });

  const lamports = (address: PublicKey): bigint => chain.account(address)?.lamports ?? 0n;
  const rent = (size: number): bigint => chain.svm.minimumBalanceForRentExemption(BigInt(size));
  const escrowOf = (nft: TestNft): PublicKey => findEscrowAddress(fixture.pool, nft.mint)[0];
  const stakerOf = (owner: PublicKey): PublicKey => findStakerAddress(fixture.pool, owner)[0];

  /** `unstake` of these NFTs by `owner`, to their ATAs unless `tokenAccount` is given. */
  const unstakeIx = (owner: PublicKey, nfts: { mint: PublicKey; tokenAccount?: PublicKey }[]) =>
    unstakeInstruction({
      pool: fixture.pool,
      owner,
      nfts: nfts.map(({ mint, tokenAccount }) => ({ mint, tokenAccount })),
    });

  /** A holder of `count` NFTs who staked them all (optionally with a lock option). */
  async function stakedHolder(count: number, lockOption?: number) {
    const { holder, nfts } = holderWithNfts(fixture, count);
    assertOk(await stakeNfts(fixture, holder, nfts, lockOption));
    return { holder, nfts };
  }

  /** Expects `error` and that nothing changed (see `assertRejected`). */
  const expectRejected = rejecterFor(() => chain);

  /** The accounts an unstake of `nfts` by `owner` touches, before any test tampering. */
  function accountsOf(owner: PublicKey, nfts: TestNft[]): PublicKey[] {
    return [
      fixture.pool,
      stakerOf(owner),
      owner,
      ...nfts.flatMap((nft) => [escrowOf(nft), nft.tokenAccount]),
    ];
  }

  return {
    get chain(): TestChain {
      return chain;
    },
    get fixture(): PoolFixture {
      return fixture;
    },
    lamports,
    rent,
    escrowOf,
    stakerOf,
    unstakeIx,
    stakedHolder,
    expectRejected,
    accountsOf,
  };
}
