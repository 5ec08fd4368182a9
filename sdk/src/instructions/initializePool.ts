import type { Program } from "@coral-xyz/anchor";
import { PublicKey, SystemProgram, type TransactionInstruction } from "@solana/web3.js";
import type { NftStaking } from "../idl";
import { findPoolAddress, toBN, type U64Like } from "../pda";
import { stakingProgram } from "../program";
import { DEFAULT_POOL_LIMITS, type PoolLimitsInput } from "../args/poolLimits";

/** Parameters of {@link initializePoolInstruction}. */
export interface InitializePoolParams {
  /** The pool's authority (a wallet or a multisig vault PDA); signs, and seeds the pool address. */
  authority: PublicKey;
  /** Pays the pool's rent; defaults to `authority`. */
  payer?: PublicKey;
  /** Creator-chosen id; one authority can run many pools. */
  poolId: U64Like;
  /** Verified Metaplex collection mint the pool accepts. */
  collection?: PublicKey | null;
  /** Verified creator the pool accepts (alternative or addition to `collection`). */
  creator?: PublicKey | null;
  /** Weight of an NFT staked without a tier proof (> 0). */
  defaultTierWeight: number;
  /** Pool metadata URI (terms, pictures), at most 96 bytes. */
  uri?: string;
  /** Lock, pause and eligibility bounds; defaults to {@link DEFAULT_POOL_LIMITS}. */
  limits?: PoolLimitsInput;
}

/**
 * Builds `initialize_pool`. The pool address is derived from `authority` and `poolId`.
 *
 * @example
 * const ix = await initializePoolInstruction({
 *   authority: creator.publicKey, poolId: 1n, collection: collectionMint, defaultTierWeight: 1,
 * });
 */
export async function initializePoolInstruction(
  params: InitializePoolParams,
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  const [pool] = findPoolAddress(params.authority, params.poolId, program.programId);
  return program.methods
    .initializePool(
      toBN(params.poolId),
      params.collection ?? null,
      params.creator ?? null,
      params.defaultTierWeight,
      params.uri ?? "",
      params.limits ?? DEFAULT_POOL_LIMITS,
    )
    .accountsStrict({
      pool,
      authority: params.authority,
      payer: params.payer ?? params.authority,
      systemProgram: SystemProgram.programId,
    })
    .instruction();
}
