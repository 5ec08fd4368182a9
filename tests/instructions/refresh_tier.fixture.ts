import { strict as assert } from "assert";
import { PublicKey, type TransactionInstruction } from "@solana/web3.js";
import {
  TierTree,
  findStakerAddress,
  refreshTierInstruction,
  type LockOptionInput,
  type StakerAccount,
} from "@nft-staking/sdk";
import {
  configurePool,
  createPool,
  holderWithNfts,
  type PoolFixture,
  stakeNfts,
  stakerState,
  TestChain,
} from "@nft-staking/dev-kit";
import { assertOk, rejecterFor } from "../utils/assertions";

/** A realistic unix time to start from (LiteSVM's clock starts at 0). */
const START = 1_700_000_000;

/** A lock option of 1 000 s at 2x. */
export const LOCK_2X: LockOptionInput = { durationS: 1_000, multiplierBps: 20_000 };

/**
 * Shared setup of the `refresh_tier` tests (`refresh_tier.test.ts`: success paths,
 * `refresh_tier.rejects.test.ts`: failure paths). Call it inside `describe`: it registers a
 * `beforeEach` that builds a new chain at `START` and a pool, and returns that state as getters
 * (read them in a test or hook, not while `describe` runs) and the helpers over it.
 */
export function refreshTierFixture() {
  let chain: TestChain;
  let fixture: PoolFixture;

  beforeEach(async () => {
    chain = new TestChain();
    chain.warp(START);
    fixture = await createPool(chain);
  });

  const lamports = (address: PublicKey): bigint => chain.account(address)?.lamports ?? 0n;
  const stakerOf = (owner: PublicKey): PublicKey => findStakerAddress(fixture.pool, owner)[0];

  /** The holder's decoded staker account (it must exist). */
  function staker(owner: PublicKey): StakerAccount {
    const state = stakerState(fixture, owner);
    assert.ok(state, "staker account missing");
    return state;
  }

  /** The holder's record of `mint` (it must exist). */
  function recordOf(owner: PublicKey, mint: PublicKey) {
    const record = staker(owner).records.find((r) => r.mint.equals(mint));
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
    await configurePool(fixture, { tiers, defaultTierWeight: 1, tierWeights, lockOptions });
    return tiers;
  }

  /** `refresh_tier` of `nft` in `owner`'s staker with `tree`'s proof (or the given one). */
  const refreshIx = (
    owner: PublicKey,
    mint: PublicKey,
    tier: number,
    proof: Uint8Array[],
  ): Promise<TransactionInstruction> =>
    refreshTierInstruction({ pool: fixture.pool, owner, mint, tier, proof });

  /** A holder of `count` NFTs who staked them all at the default tier (weight 1). */
  async function stakedHolder(count: number, lockOption?: number) {
    const { holder, nfts } = holderWithNfts(fixture, count);
    assertOk(await stakeNfts(fixture, holder, nfts, lockOption));
    return { holder, nfts };
  }

  /** Expects `error` and that nothing changed (see `assertRejected`). */
  const expectRejected = rejecterFor(() => chain);

  return {
    get chain(): TestChain {
      return chain;
    },
    get fixture(): PoolFixture {
      return fixture;
    },
    lamports,
    stakerOf,
    staker,
    recordOf,
    publish,
    refreshIx,
    stakedHolder,
    expectRejected,
  };
}
