import {
  createAssociatedTokenAccountIdempotentInstruction,
  getAssociatedTokenAddressSync,
} from "@solana/spl-token";
import type { PublicKey, Transaction } from "@solana/web3.js";
import { stakeInstruction, unstakeInstruction, type StakeNftInput } from "../instructions";
import { budgetInstructions, packIntoTransactions, type BatchOptions } from "./batching";
import { findStakerAddress } from "../pda";
import { stakeComputeUnits, unstakeComputeUnits } from "./compute";

/**
 * Stakes any number of NFTs: splits them into legacy transactions that fit (size and the
 * program's 16-NFT limit), each with a compute-unit limit from measured CU plus a margin.
 * Sign and send them in order.
 *
 * @example
 * const txs = await buildStakeTransactions({ pool, owner, nfts: mints.map((mint) => ({ mint })) },
 *   { feePayer: owner, priorityFeeMicroLamports: 1_000 });
 */
export async function buildStakeTransactions(
  params: { pool: PublicKey; owner: PublicKey; nfts: StakeNftInput[]; lockOption?: number },
  options: BatchOptions,
): Promise<Transaction[]> {
  const [, stakerBump] = findStakerAddress(params.pool, params.owner);
  return packIntoTransactions(params.nfts, options, async (chunk) => [
    ...budgetInstructions(stakeComputeUnits(chunk.length, stakerBump), options),
    await stakeInstruction({ ...params, nfts: chunk }),
  ]);
}

/**
 * Unstakes any number of NFTs, split like {@link buildStakeTransactions}. For mints listed in
 * `createTokenAccountsFor` (destination ATAs that do not exist), an idempotent ATA creation is
 * prepended in the same transaction.
 *
 * @example
 * const txs = await buildUnstakeTransactions({ pool, owner, mints }, { feePayer: owner });
 */
export async function buildUnstakeTransactions(
  params: {
    pool: PublicKey;
    owner: PublicKey;
    mints: PublicKey[];
    createTokenAccountsFor?: PublicKey[];
  },
  options: BatchOptions,
): Promise<Transaction[]> {
  const missing = new Set((params.createTokenAccountsFor ?? []).map((mint) => mint.toBase58()));
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
      await unstakeInstruction({
        pool: params.pool,
        owner: params.owner,
        nfts: chunk.map((mint) => ({ mint })),
      }),
    ];
  });
}
