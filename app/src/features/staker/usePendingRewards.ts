import {
  pendingReward,
  toStreamState,
  type PoolAccount,
  type StakerAccount,
} from "@nft-staking/sdk";
import { useNow } from "../../hooks/useNow";
import type { StreamView } from "../pool/usePool";

/** A holder's live pending reward on each stream, exactly as the program will compute it. */
export function usePendingRewards(
  poolAccount: PoolAccount,
  staker: StakerAccount,
  streams: StreamView[],
): bigint[] {
  const now = useNow();
  const totalWeight = BigInt(poolAccount.totalWeight.toString());
  const weight = BigInt(staker.totalWeight.toString());
  return streams.map((stream) => {
    const holder = staker.streams[stream.index];
    if (!holder) return 0n;
    return pendingReward(toStreamState(stream.raw), totalWeight, now, {
      weight,
      checkpoint: BigInt(holder.checkpointAcc.toString()),
      owed: BigInt(holder.owed.toString()),
    });
  });
}
