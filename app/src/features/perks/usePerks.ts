import { useQuery } from "@tanstack/react-query";
import type { PublicKey } from "@solana/web3.js";
import {
  decodePerkReceipt,
  fetchPerks,
  findReceiptAddress,
  type PerkAccount,
  type PerkReceiptAccount,
} from "@nft-staking/sdk";
import { useChain } from "../../hooks/useChain";
import { getAccounts } from "../../lib/tokens";

export interface PerkEntry {
  address: PublicKey;
  perk: PerkAccount;
}

/** Every perk of the pool, by perk id (the SDK's `fetchPerks`). */
export function usePerks(pool: PublicKey | null) {
  const { connection, program, key } = useChain();
  return useQuery({
    queryKey: [...key, "perks", pool?.toBase58()],
    enabled: pool !== null,
    refetchInterval: 30_000,
    queryFn: async (): Promise<PerkEntry[]> => {
      const perks = await fetchPerks(connection, pool!, program);
      return perks.map(({ address, account }) => ({ address, perk: account }));
    },
  });
}

/** The holder's receipts for `perks` (perk address → receipt), absent where never redeemed. */
export function useReceipts(perks: PerkEntry[] | undefined, owner: PublicKey | null) {
  const { connection, programId, key } = useChain();
  const addresses = (perks ?? []).map((entry) => entry.address.toBase58());
  return useQuery({
    queryKey: [...key, "receipts", owner?.toBase58(), addresses.join()],
    enabled: owner !== null && perks !== undefined,
    queryFn: async () => {
      const receipts = (perks ?? []).map(
        (entry) => findReceiptAddress(entry.address, owner!, programId)[0],
      );
      const accounts = await getAccounts(connection, receipts);
      const out = new Map<string, PerkReceiptAccount>();
      accounts.forEach((account, index) => {
        const perk = addresses[index];
        if (account && perk) out.set(perk, decodePerkReceipt(account.data));
      });
      return out;
    },
  });
}
