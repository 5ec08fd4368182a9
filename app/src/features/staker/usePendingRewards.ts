import {
  pendingReward,
  toPoolView,
  toStakerView,
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
  const { totalWeight } = toPoolView(poolAccount);
  const holderView = toStakerView(staker);
  return streams.map((stream) => {
    const holder = holderView.streams[stream.index];
    if (!holder) return 0n;
    return pendingReward(toStreamState(stream.raw), totalWeight, now, {
      weight: holderView.totalWeight,
      checkpoint: holder.checkpointAcc,
      owed: holder.owed,
    });
  });
}
