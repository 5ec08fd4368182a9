import type { Program } from "@coral-xyz/anchor";
import { TOKEN_PROGRAM_ID, getAssociatedTokenAddressSync } from "@solana/spl-token";
import { SystemProgram, type PublicKey, type TransactionInstruction } from "@solana/web3.js";
import type { NftStaking } from "../idl";
import { findEscrowAddress, findMetadataAddress, findStakerAddress } from "../pda";
import { stakingProgram } from "../program";
import { checkBatch } from "./batch";

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
  /** Lock option index, or omit for no lock. */
  lockOption?: number;
}

/**
 * Builds `stake` for 1..=16 NFTs (use `buildStakeTransactions` to split any number).
 *
 * @example
 * const ix = await stakeInstruction({ pool, owner: wallet.publicKey,
 *   nfts: [{ mint, tier: 2, proof: tree.proof(mint) }], lockOption: 0 });
 */
export async function stakeInstruction(
  params: StakeParams,
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  checkBatch(params.nfts.length);
  const [staker, stakerBump] = findStakerAddress(params.pool, params.owner, program.programId);
  // Each NFT's escrow and metadata PDAs are derived once (a bump search each) and used twice:
  // their bumps go in the arguments, their addresses in the remaining accounts.
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
    {
      pubkey: nft.tokenAccount ?? getAssociatedTokenAddressSync(nft.mint, params.owner, true),
      isSigner: false,
      isWritable: true,
    },
    { pubkey: escrow, isSigner: false, isWritable: true },
  ]);
  return program.methods
    .stake(params.lockOption ?? null, nfts, stakerBump)
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
