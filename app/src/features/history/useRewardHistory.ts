import { useInfiniteQuery } from "@tanstack/react-query";
import type { Connection, PublicKey } from "@solana/web3.js";
import { findStakerAddress, parseEvents } from "@nft-staking/sdk";
import { useChain } from "../../hooks/useChain";
import { historyRows, type HistoryRow } from "./history";

const PAGE = 25;

async function mapLimited<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

interface HistoryPage {
  rows: HistoryRow[];
  /** Signature to continue before, when there may be older ones. */
  next: string | undefined;
}

async function loadPage(
  connection: Connection,
  staker: PublicKey,
  programId: PublicKey,
  pool: string,
  owner: string,
  before: string | undefined,
): Promise<HistoryPage> {
  const signatures = await connection.getSignaturesForAddress(staker, { limit: PAGE, before });
  const transactions = await mapLimited(signatures, 6, (info) =>
    info.err
      ? Promise.resolve(null)
      : connection.getTransaction(info.signature, {
          commitment: "confirmed",
          maxSupportedTransactionVersion: 0,
        }),
  );
  const rows: HistoryRow[] = [];
  signatures.forEach((info, index) => {
    const logs = transactions[index]?.meta?.logMessages ?? [];
    const time = transactions[index]?.blockTime ?? info.blockTime ?? null;
    rows.push(...historyRows(info.signature, time, parseEvents(logs, programId), pool, owner));
  });
  return {
    rows,
    next: signatures.length === PAGE ? signatures[signatures.length - 1]?.signature : undefined,
  };
}

/**
 * The holder's history in a pool, newest first, from the program's events in the transactions
 * that touched their `Staker` account (stake, unstake, claim, redeem); pages of 25.
 */
export function useRewardHistory(pool: PublicKey | null, owner: PublicKey | null) {
  const { connection, programId, key } = useChain();
  return useInfiniteQuery({
    queryKey: [...key, "history", pool?.toBase58(), owner?.toBase58()],
    enabled: pool !== null && owner !== null,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: HistoryPage) => last.next,
    queryFn: ({ pageParam }) =>
      loadPage(
        connection,
        findStakerAddress(pool!, owner!, programId)[0],
        programId,
        pool!.toBase58(),
        owner!.toBase58(),
        pageParam,
      ),
  });
}
