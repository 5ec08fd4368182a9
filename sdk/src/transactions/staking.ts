import type { Program } from "@coral-xyz/anchor";
import {
  createAssociatedTokenAccountIdempotentInstruction,
  getAssociatedTokenAddressSync,
} from "@solana/spl-token";
import type { PublicKey, Transaction } from "@solana/web3.js";
import type { NftStaking } from "../idl";
import type { LockTerms } from "../args";
import { stakeInstruction, unstakeInstruction, type StakeNftInput } from "../instructions";
import { escrowAddressOf, findStakerAddress } from "../pda";
import { stakingProgram } from "../program";
import { budgetInstructions, packIntoTransactions, type BatchOptions } from "./batching";
import { stakeComputeUnits, unstakeComputeUnits } from "./compute";

/** Parameters of {@link buildStakeTransactions}. */
export interface StakeTransactionsParams {
  pool: PublicKey;
  owner: PublicKey;
  nfts: StakeNftInput[];
  /** The lock the holder accepted (`lockTermsOf(pool, index)`), or omit for no lock. */
  lock?: LockTerms;
}

/**
 * Stakes any number of NFTs: splits them into legacy transactions that fit (size and the
 * program's 16-NFT limit), each with a compute-unit limit from measured CU plus a margin (the
 * holder's Staker bump, which the limit depends on, derived for `program`'s id). Sign and send
 * them in order. Pass `program` for a deployment under another program id.
 *
 * @example
 * const txs = await buildStakeTransactions({ pool, owner, nfts: mints.map((mint) => ({ mint })) },
 *   { feePayer: owner, priorityFeeMicroLamports: 1_000 });
 */
export async function buildStakeTransactions(
  params: StakeTransactionsParams,
  options: BatchOptions,
  program: Program<NftStaking> = stakingProgram(),
): Promise<Transaction[]> {
  const [, stakerBump] = findStakerAddress(params.pool, params.owner, program.programId);
  return packIntoTransactions(params.nfts, options, async (chunk) => [
    ...budgetInstructions(stakeComputeUnits(chunk.length, stakerBump), options),
    await stakeInstruction({ ...params, nfts: chunk }, program),
  ]);
}

/** Parameters of {@link buildUnstakeTransactions}. */
export interface UnstakeTransactionsParams {
  pool: PublicKey;
  owner: PublicKey;
  mints: PublicKey[];
  /** Mints whose destination ATA (the owner's) does not exist: created idempotently first. */
  createTokenAccountsFor?: PublicKey[];
  /**
   * The holder's stake records (`staker.records`): each NFT leaves the escrow its record names,
   * so an NFT another client staked at a non-canonical escrow bump is unstaked too. Without
   * them the canonical escrow is assumed (what this SDK's `stake` uses).
   */
  records?: { mint: PublicKey; escrowBump: number }[];
}

/**
 * Unstakes any number of NFTs, split like {@link buildStakeTransactions}. For mints listed in
 * `createTokenAccountsFor` (destination ATAs that do not exist), an idempotent ATA creation paid
 * by the fee payer is prepended in the same transaction, and counted in its compute-unit limit.
 *
 * @example
 * const txs = await buildUnstakeTransactions({ pool, owner, mints }, { feePayer: owner });
 */
export async function buildUnstakeTransactions(
  params: UnstakeTransactionsParams,
  options: BatchOptions,
  program: Program<NftStaking> = stakingProgram(),
): Promise<Transaction[]> {
  const missing = new Set((params.createTokenAccountsFor ?? []).map((mint) => mint.toBase58()));
  const recordOf = new Map(
    (params.records ?? []).map((record) => [record.mint.toBase58(), record]),
  );
  const escrowOf = (mint: PublicKey) => {
    const record = recordOf.get(mint.toBase58());
    return record ? escrowAddressOf(params.pool, record, program.programId) : undefined;
  };
  return packIntoTransactions(params.mints, options, async (chunk) => {
    const creations = chunk
      .filter((mint) => missing.has(mint.toBase58()))
      .map((mint) =>
        createAssociatedTokenAccountIdempotentInstruction(
          options.feePayer,
          getAssociatedTokenAddressSync(mint, params.owner, true),
          params.owner,
          mint,
        ),
      );
    return [
      ...budgetInstructions(unstakeComputeUnits(chunk.length, creations.length), options),
      ...creations,
      await unstakeInstruction(
        {
          pool: params.pool,
          owner: params.owner,
          nfts: chunk.map((mint) => ({ mint, escrow: escrowOf(mint) })),
        },
        program,
      ),
    ];
  });
}
