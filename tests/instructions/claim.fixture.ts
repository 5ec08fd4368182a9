import { strict as assert } from "assert";
import type { PublicKey } from "@solana/web3.js";
import {
  StreamMode,
  pendingReward,
  type PoolAccount,
  type StakerAccount,
  type StreamState,
} from "@nft-staking/sdk";
import { setTokenBalance } from "@nft-staking/dev-kit";
import { extendSuite, poolSuite } from "../utils/suite";

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
 * failure paths): a {@link poolSuite} (a new chain and pool before each test) whose
 * `stakedHolder` also gives the holder an empty ATA of each reward mint.
 */
export function claimFixture() {
  const suite = poolSuite();
  const stakedWithoutAtas = suite.stakedHolder;

  /** A holder who staked `count` default-tier NFTs, with an empty ATA for each reward mint. */
  async function stakedHolder(count: number, rewardMints: PublicKey[]) {
    const { holder, nfts } = await stakedWithoutAtas(count);
    const destinations = rewardMints.map((mint) =>
      setTokenBalance(suite.chain, holder.publicKey, mint, 0n),
    );
    return { holder, nfts, destinations };
  }

  return extendSuite(suite, { stakedHolder });
}
