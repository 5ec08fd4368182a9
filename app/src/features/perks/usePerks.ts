import { useQuery } from "@tanstack/react-query";
import type { PublicKey } from "@solana/web3.js";
import {
  decodePerkReceipt,
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

/** Every perk of the pool (getProgramAccounts: Perk discriminator + pool at offset 8). */
export function usePerks(pool: PublicKey | null) {
  const { program, key } = useChain();
  return useQuery({
    queryKey: [...key, "perks", pool?.toBase58()],
    enabled: pool !== null,
    refetchInterval: 30_000,
    queryFn: async (): Promise<PerkEntry[]> => {
      const all = await program.account.perk.all([
        { memcmp: { offset: 8, bytes: pool!.toBase58() } },
      ]);
      return all
        .map(({ publicKey, account }) => ({ address: publicKey, perk: account }))
        .sort((a, b) => a.perk.perkId.cmp(b.perk.perkId));
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
