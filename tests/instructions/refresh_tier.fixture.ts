import { strict as assert } from "assert";
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import { TierTree, refreshTierInstruction, type LockOptionInput } from "@nft-staking/sdk";
import { configurePool } from "@nft-staking/dev-kit";
import { START, extendSuite, poolSuite } from "../utils/suite";

/** A lock option of 1 000 s at 2x. */
export const LOCK_2X: LockOptionInput = { durationS: 1_000, multiplierBps: 20_000 };

/**
 * Shared setup of the `refresh_tier` tests (`refresh_tier.test.ts`: success paths,
 * `refresh_tier.rejects.test.ts`: failure paths): a {@link poolSuite} (a new chain at `START`
 * and a pool before each test) with the tier publishing and `refresh_tier` helpers.
 */
export function refreshTierFixture() {
  const suite = poolSuite({ start: START });

  /** The holder's record of `mint` (it must exist). */
  function recordOf(owner: PublicKey, mint: PublicKey) {
    const record = suite.staker(owner).records.find((r) => r.mint.equals(mint));
    assert.ok(record, "record missing");
    return record;
  }

  /** The creator publishes `entries` as the new tier tree, with these weights and locks. */
  async function publish(
    entries: { mint: PublicKey; tier: number }[],
    tierWeights: number[],
    lockOptions: LockOptionInput[] = [],
  ): Promise<TierTree> {
    const tiers = TierTree.fromEntries(entries);
    await configurePool(suite.fixture, { tiers, defaultTierWeight: 1, tierWeights, lockOptions });
    return tiers;
  }

  /** `refresh_tier` of `nft` in `owner`'s staker with `tree`'s proof (or the given one). */
  const refreshIx = (
    owner: PublicKey,
    mint: PublicKey,
    tier: number,
    proof: Uint8Array[],
  ): Promise<TransactionInstruction> =>
    refreshTierInstruction({ pool: suite.fixture.pool, owner, mint, tier, proof });

  return extendSuite(suite, { recordOf, publish, refreshIx });
}
