import { useMemo } from "react";
import { useConnection } from "@solana/wallet-adapter-react";
import { PublicKey } from "@solana/web3.js";
import { stakingProgram } from "@nft-staking/sdk";
import { useAppConfig } from "../config/ConfigProvider";

/**
 * The connection, configured program and a query-key prefix for chain data. Every chain query
 * key starts with `["chain", rpcUrl]`, so one invalidation refreshes all of it after a send.
 */
export function useChain() {
  const { connection } = useConnection();
  const { config } = useAppConfig();
  const programId = useMemo(() => new PublicKey(config.programId), [config.programId]);
  // The program client only builds instructions and decodes; `connection` serves `.all()` reads.
  const program = useMemo(() => stakingProgram({ connection }, programId), [connection, programId]);
  const key = useMemo(() => ["chain", config.rpcUrl] as const, [config.rpcUrl]);
  return { connection, config, programId, program, key };
}
