import { strict as assert } from "assert";
import { PublicKey } from "@solana/web3.js";
import {
  StreamMode,
  claimInstruction,
  pendingReward,
  type PoolAccount,
  type StakerAccount,
  type StreamState,
} from "@nft-staking/sdk";
import {
  createPool,
  holderWithNfts,
  type PoolFixture,
  poolState,
  setTokenBalance,
  stakeNfts,
  stakerState,
  TestChain,
} from "@nft-staking/dev-kit";
import { assertOk, rejecterFor } from "../utils/assertions";

/** A u64/u128 field decoded as a `BN` (or any number-like) as a bigint. */
export const big = (value: { toString(): string }): bigint => BigInt(value.toString());

/** A decoded pool stream in the SDK math's shape. */
export function streamState(stream: PoolAccount["streams"][number]): StreamState {
  return {
    mode: stream.mode as StreamMode,
    rate: big(stream.rate),
    startTs: big(stream.startTs),
    endTs: big(stream.endTs),
    lastUpdateTs: big(stream.lastUpdateTs),
    accPerWeight: big(stream.accPerWeight),
    unsettledScaled: big(stream.unsettledScaled),
    owedTotal: big(stream.owedTotal),
  };
}

/** What the SDK says `staker` can claim on stream `index` of `pool` at `now`. */
export function projectedClaim(
  pool: PoolAccount,
  staker: StakerAccount,
  index: number,
  now: bigint,
): bigint {
  const stream = pool.streams[index];
  const mine = staker.streams[index];
  assert.ok(stream && mine);
  return pendingReward(streamState(stream), big(pool.totalWeight), now, {
    weight: big(staker.totalWeight),
    checkpoint: big(mine.checkpointAcc),
    owed: big(mine.owed),
  });
}

/**
 * Shared setup of the `claim` tests (`claim.test.ts`: success paths, `claim.rejects.test.ts`:
 * failure paths). Call it inside `describe`: it registers a `beforeEach` that builds a new chain
 * and a pool, and returns that state as getters (read them in a test or hook, not while `describe`
 * runs) and the helpers over it.
 */
export function claimFixture() {
  let chain: TestChain;
  let fixture: PoolFixture;

  beforeEach(async () => {
    chain = new TestChain();
    fixture = await createPool(chain);
  });

  /** `claim` over all of the pool's streams, to the owner's ATAs unless given. */
  const claimIx = async (owner: PublicKey, rewardTokenAccounts?: PublicKey[]) =>
    claimInstruction({
      pool: fixture.pool,
      poolAccount: poolState(fixture),
      owner,
      rewardTokenAccounts,
    });

  /** A holder who staked `count` default-tier NFTs, with an empty ATA for each reward mint. */
  async function stakedHolder(count: number, rewardMints: PublicKey[]) {
    const { holder, nfts } = holderWithNfts(fixture, count);
    assertOk(await stakeNfts(fixture, holder, nfts));
    const destinations = rewardMints.map((mint) =>
      setTokenBalance(chain, holder.publicKey, mint, 0n),
    );
    return { holder, nfts, destinations };
  }

  /** The holder's decoded staker account (it must exist). */
  function staker(owner: PublicKey): StakerAccount {
    const state = stakerState(fixture, owner);
    assert.ok(state, "staker account missing");
    return state;
  }

  /** Expects `error` and that nothing changed (see `assertRejected`). */
  const expectRejected = rejecterFor(() => chain);

  return {
    get chain(): TestChain {
      return chain;
    },
    set chain(value: TestChain) {
      chain = value;
    },
    get fixture(): PoolFixture {
      return fixture;
    },
    set fixture(value: PoolFixture) {
      fixture = value;
    },
    claimIx,
    stakedHolder,
    staker,
    expectRejected,
  };
}
