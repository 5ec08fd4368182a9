import { useQuery } from "@tanstack/react-query";
import type { PublicKey } from "@solana/web3.js";
import { decodeStaker, findStakerAddress, type StakerAccount } from "@nft-staking/sdk";
import { useChain } from "../../hooks/useChain";

/** The holder's `Staker` account in the pool (`null`: never staked there). */
export function useStaker(pool: PublicKey | null, owner: PublicKey | null) {
  const { connection, programId, key } = useChain();
  return useQuery({
    queryKey: [...key, "staker", pool?.toBase58(), owner?.toBase58()],
    enabled: pool !== null && owner !== null,
    refetchInterval: 20_000,
    queryFn: async (): Promise<StakerAccount | null> => {
      const [address] = findStakerAddress(pool!, owner!, programId);
      const info = await connection.getAccountInfo(address);
      return info ? decodeStaker(info.data) : null;
    },
  });
}
