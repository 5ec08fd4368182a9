import { strict as assert } from "assert";
import type { Keypair, PublicKey } from "@solana/web3.js";
import { decodePerkReceipt, findReceiptAddress, type PerkReceiptAccount } from "@nft-staking/sdk";
import { poolState } from "@nft-staking/dev-kit";
import { perkSuite } from "../utils/perks";
import { START, extendSuite } from "../utils/suite";

/** `PerkReceipt` account size: discriminator + perk, owner, i64, u32, u8, 3 padding bytes. */
export const RECEIPT_SIZE = 8 + 32 + 32 + 8 + 4 + 1 + 3;

/** Weight of one default-tier NFT in these tests. */
export const WEIGHT = 3n;

/**
 * Shared setup of the `redeem_perk` tests (`redeem_perk.test.ts`: success paths,
 * `redeem_perk.rejects.test.ts`: failure paths): a {@link perkSuite} (a new chain at `START` and a
 * pool whose default tier weight is `WEIGHT` before each test, with the time noted in `now`) with
 * the receipt, point and checkpoint helpers.
 */
export function redeemPerkFixture() {
  const suite = perkSuite({
    start: START,
    defaultTierWeight: Number(WEIGHT),
    terms: () => ({ costPoints: 1_000n, minStaked: 2 }),
  });

  const receiptOf = (perk: PublicKey, owner: PublicKey): PublicKey =>
    findReceiptAddress(perk, owner)[0];

  function receiptState(perk: PublicKey, owner: PublicKey): PerkReceiptAccount {
    const account = suite.chain.svm.getAccount(receiptOf(perk, owner));
    assert.ok(account, "receipt missing");
    return decodePerkReceipt(account.data);
  }

  /**
   * Settles the holder's points with a claim of every stream, into fresh token accounts, and
   * returns what each stream paid. A claim that would pay nothing is refused (NothingToClaim),
   * so the pool needs a funded stream the holder has earned from since their last checkpoint.
   */
  async function checkpoint(holder: Keypair): Promise<bigint[]> {
    const pool = poolState(suite.fixture);
    const mints = pool.streams.slice(0, pool.streamCount).map((stream) => stream.mint);
    return suite.claimInto(holder, mints);
  }

  const points = (owner: PublicKey): bigint => BigInt(suite.staker(owner).points.toString());

  return extendSuite(suite, { receiptOf, receiptState, checkpoint, points });
}
