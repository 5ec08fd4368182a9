import type { Program } from "@coral-xyz/anchor";
import { TOKEN_PROGRAM_ID, getAssociatedTokenAddressSync } from "@solana/spl-token";
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import type { NftStaking } from "../idl";
import { findEscrowAddress, findStakerAddress } from "../pda";
import { stakingProgram } from "../program";
import { checkBatch } from "./batch";

/** Parameters of {@link unstakeInstruction}. */
export interface UnstakeParams {
  pool: PublicKey;
  owner: PublicKey;
  /**
   * The NFTs to return, with optional destination token accounts (default: the owner's ATA)
   * and escrow (default: the canonical PDA; pass `escrowAddressOf(pool, record)` for an NFT
   * staked by a client that chose another valid bump — the record keeps the bump it used).
   */
  nfts: { mint: PublicKey; tokenAccount?: PublicKey; escrow?: PublicKey }[];
}

/**
 * Builds `unstake` for 1..=16 NFTs. The destination token accounts must exist: prepend
 * `createAssociatedTokenAccountIdempotentInstruction` when they may not
 * (`buildUnstakeTransactions` does).
 *
 * @example
 * const ix = await unstakeInstruction({ pool, owner: wallet.publicKey, nfts: [{ mint }] });
 */
export async function unstakeInstruction(
  params: UnstakeParams,
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  checkBatch(params.nfts.length);
  const [staker] = findStakerAddress(params.pool, params.owner, program.programId);
  const remaining = params.nfts.flatMap((nft) => [
    {
      pubkey: nft.escrow ?? findEscrowAddress(params.pool, nft.mint, program.programId)[0],
      isSigner: false,
      isWritable: true,
    },
    {
      pubkey: nft.tokenAccount ?? getAssociatedTokenAddressSync(nft.mint, params.owner, true),
      isSigner: false,
      isWritable: true,
    },
  ]);
  return program.methods
    .unstake()
    .accountsStrict({
      pool: params.pool,
      staker,
      owner: params.owner,
      tokenProgram: TOKEN_PROGRAM_ID,
    })
    .remainingAccounts(remaining)
    .instruction();
}
