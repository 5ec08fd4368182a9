import { PublicKey } from "@solana/web3.js";
import { IDL } from "./idl";

/** Program id of `nft_staking` (the same on every cluster it is deployed to). */
export const PROGRAM_ID = new PublicKey(IDL.address);

/** Seed prefix of the `Pool` PDA. */
export const POOL_SEED = Buffer.from("pool");

/** Longest pool URI the program accepts, in bytes. */
export const MAX_URI_LEN = 96;

/** Metaplex Token Metadata program. */
export const TOKEN_METADATA_PROGRAM_ID = new PublicKey(
  "metaqbxxUerdq28cj1RbAWkYQm3ybzjb6a8bt518x1s",
);
