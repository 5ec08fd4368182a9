import type { Program } from "@coral-xyz/anchor";
import { TOKEN_PROGRAM_ID, getAssociatedTokenAddressSync } from "@solana/spl-token";
import { SystemProgram, type PublicKey, type TransactionInstruction } from "@solana/web3.js";
import type { NftStaking } from "../idl";
import {
  findEditionAddress,
  findEscrowAddress,
  findMetadataAddress,
  findStakerAddress,
} from "../pda";
import { stakingProgram } from "../program";
import { checkBatch } from "./batch";
import type { LockTerms } from "../args/lockTerms";

/** Accounts of `stake` before the NFTs: pool, staker, owner, token and system programs. */
export const STAKE_FIXED_ACCOUNTS = 5;
/** Accounts per staked NFT: mint, metadata, edition, owner's token account, escrow. */
export const STAKE_ACCOUNTS_PER_NFT = 5;

/** How many NFTs a built `stake` instruction stakes. */
export function stakedNftCount(ix: TransactionInstruction): number {
  return (ix.keys.length - STAKE_FIXED_ACCOUNTS) / STAKE_ACCOUNTS_PER_NFT;
}

/** One NFT to stake. */
export interface StakeNftInput {
  mint: PublicKey;
  /** Tier index and its proof (`TierTree.proof(mint)`); omit both for the default tier. */
  tier?: number;
  proof?: Uint8Array[];
  /** The holder's token account holding it; defaults to their associated token account. */
  tokenAccount?: PublicKey;
}

/** Parameters of {@link stakeInstruction}. */
export interface StakeParams {
  pool: PublicKey;
  owner: PublicKey;
  nfts: StakeNftInput[];
  /**
   * The lock the holder accepted (`lockTermsOf(pool, index)` on the pool they were shown), or
   * omit for no lock. The stake fails with `LockTermsChanged` if the pool's option differs.
   */
  lock?: LockTerms;
}

/**
 * Builds `stake` for 1..=16 NFTs (use `buildStakeTransactions` to split any number).
 *
 * @example
 * const ix = await stakeInstruction({ pool, owner: wallet.publicKey,
 *   nfts: [{ mint, tier: 2, proof: tree.proof(mint) }], lock: lockTermsOf(pool, 0) });
 */
export async function stakeInstruction(
  params: StakeParams,
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  checkBatch(params.nfts.length);
  const [staker, stakerBump] = findStakerAddress(params.pool, params.owner, program.programId);
  // Each NFT's escrow and metadata PDAs are derived once (a bump search each) and used twice:
  // their bumps go in the arguments, their addresses in the remaining accounts. The edition
  // PDA is only an account: the program checks it from the metadata's edition nonce.
  const derived = params.nfts.map((nft) => ({
    nft,
    escrow: findEscrowAddress(params.pool, nft.mint, program.programId),
    metadata: findMetadataAddress(nft.mint),
  }));
  const nfts = derived.map(({ nft, escrow: [, escrowBump], metadata: [, metadataBump] }) => ({
    tier: nft.tier ?? null,
    proof: (nft.proof ?? []).map((hash) => Array.from(hash)),
    escrowBump,
    metadataBump,
  }));
  const remaining = derived.flatMap(({ nft, escrow: [escrow], metadata: [metadata] }) => [
    { pubkey: nft.mint, isSigner: false, isWritable: false },
    { pubkey: metadata, isSigner: false, isWritable: false },
    { pubkey: findEditionAddress(nft.mint)[0], isSigner: false, isWritable: false },
    {
      pubkey: nft.tokenAccount ?? getAssociatedTokenAddressSync(nft.mint, params.owner, true),
      isSigner: false,
      isWritable: true,
    },
    { pubkey: escrow, isSigner: false, isWritable: true },
  ]);
  return program.methods
    .stake(params.lock ?? null, nfts, stakerBump)
    .accountsStrict({
      pool: params.pool,
      staker,
      owner: params.owner,
      tokenProgram: TOKEN_PROGRAM_ID,
      systemProgram: SystemProgram.programId,
    })
    .remainingAccounts(remaining)
    .instruction();
}
