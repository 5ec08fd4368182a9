import { Program, type Provider } from "@coral-xyz/anchor";
import { Connection, PublicKey } from "@solana/web3.js";
import { IDL, type NftStaking } from "./idl";

/**
 * An Anchor `Program` client for `nft_staking`. Without a provider it can still build
 * instructions and decode accounts (nothing is sent), which is all the builders need.
 *
 * @example
 * const program = stakingProgram(new AnchorProvider(connection, wallet, {}));
 * const pool = await program.account.pool.fetch(poolAddress);
 */
export function stakingProgram(provider?: Provider, programId?: PublicKey): Program<NftStaking> {
  if (!provider && !programId) {
    // Builders and decoders call this on every use; building a Program costs milliseconds.
    offlineProgram ??= new Program<NftStaking>(IDL, offlineProvider());
    return offlineProgram;
  }
  const idl = programId ? { ...IDL, address: programId.toBase58() } : IDL;
  return new Program<NftStaking>(idl, provider ?? offlineProvider());
}

let offline: Provider | undefined;
let offlineProgram: Program<NftStaking> | undefined;

/** A provider whose connection is never used: instruction building and decoding are local. */
function offlineProvider(): Provider {
  offline ??= { connection: new Connection("http://127.0.0.1:8899") };
  return offline;
}
