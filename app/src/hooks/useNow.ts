import { useSyncExternalStore } from "react";
import { useQuery } from "@tanstack/react-query";
import { useChain } from "./useChain";

// One shared one-second ticker for every live number on the page.
let tick = 0;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => {
    tick++;
    listeners.forEach((notify) => notify());
  }, 1_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/**
 * Seconds the chain's clock is ahead of this machine's: what the program calls "now" is the
 * cluster's block time (a local chain can be warped; user clocks drift).
 */
export function useChainClockOffset(): number {
  const { connection, key } = useChain();
  const { data } = useQuery({
    queryKey: [...key, "clock"],
    queryFn: async () => {
      const slot = await connection.getSlot("confirmed");
      const blockTime = await connection.getBlockTime(slot);
      return blockTime === null ? 0 : blockTime - Date.now() / 1000;
    },
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
  return data ?? 0;
}

/** The chain's current unix time in seconds, re-rendering every second. */
export function useNow(): bigint {
  const offset = useChainClockOffset();
  useSyncExternalStore(subscribe, () => tick);
  return BigInt(Math.floor(Date.now() / 1000 + offset));
}
