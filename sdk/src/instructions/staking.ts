import type { Program } from "@coral-xyz/anchor";
import { TOKEN_PROGRAM_ID, getAssociatedTokenAddressSync } from "@solana/spl-token";
import { SystemProgram, type PublicKey, type TransactionInstruction } from "@solana/web3.js";
import type { PoolAccount } from "../accounts";
import { MAX_BATCH } from "../constants";
import type { NftStaking } from "../idl";
import { findEscrowAddress, findMetadataAddress, findStakerAddress } from "../pda";
import { stakingProgram } from "../program";

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

function checkBatch(count: number): void {
  if (count < 1 || count > MAX_BATCH) throw new RangeError(`1..=${MAX_BATCH} NFTs per instruction`);
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
  const [staker] = findStakerAddress(params.pool, params.owner, program.programId);
  const nfts = params.nfts.map((nft) => {
    const [, escrowBump] = findEscrowAddress(params.pool, nft.mint, program.programId);
    const [, metadataBump] = findMetadataAddress(nft.mint);
    return {
      tier: nft.tier ?? null,
      proof: (nft.proof ?? []).map((hash) => Array.from(hash)),
      escrowBump,
      metadataBump,
    };
  });
  const remaining = params.nfts.flatMap((nft) => [
    { pubkey: nft.mint, isSigner: false, isWritable: false },
    { pubkey: findMetadataAddress(nft.mint)[0], isSigner: false, isWritable: false },
    {
      pubkey: nft.tokenAccount ?? getAssociatedTokenAddressSync(nft.mint, params.owner, true),
      isSigner: false,
      isWritable: true,
    },
    {
      pubkey: findEscrowAddress(params.pool, nft.mint, program.programId)[0],
      isSigner: false,
      isWritable: true,
    },
  ]);
  return program.methods
    .stake(params.lockOption ?? null, nfts)
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

/** Parameters of {@link claimInstruction}. */
export interface ClaimParams {
  pool: PublicKey;
  /** The decoded pool (its streams decide the accounts). */
  poolAccount: PoolAccount;
  owner: PublicKey;
  /** Destination token accounts by stream index; default: the owner's ATA of each reward mint. */
  rewardTokenAccounts?: PublicKey[];
}

/**
 * Builds `claim` over all of the pool's streams. Destination token accounts must exist.
 *
 * @example
 * const ix = await claimInstruction({ pool, poolAccount: await fetchPool(connection, pool), owner });
 */
export async function claimInstruction(
  params: ClaimParams,
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  const [staker] = findStakerAddress(params.pool, params.owner, program.programId);
  const streams = params.poolAccount.streams.slice(0, params.poolAccount.streamCount);
  const remaining = streams.flatMap((stream, index) => [
    { pubkey: stream.vault, isSigner: false, isWritable: true },
    {
      pubkey:
        params.rewardTokenAccounts?.[index] ??
        getAssociatedTokenAddressSync(stream.mint, params.owner, true),
      isSigner: false,
      isWritable: true,
    },
  ]);
  return program.methods
    .claim()
    .accountsStrict({
      pool: params.pool,
      staker,
      owner: params.owner,
      tokenProgram: TOKEN_PROGRAM_ID,
    })
    .remainingAccounts(remaining)
    .instruction();
}
