/**
 * The SDK's batch builders for the configured program. `buildStakeTransactions` and
 * `buildUnstakeTransactions` target the SDK's default program id; a deployment under another id
 * gets the same packing (the SDK's `packIntoTransactions`, measured CU limits) with its program.
 */
import {
  PROGRAM_ID,
  budgetInstructions,
  buildStakeTransactions,
  buildUnstakeTransactions,
  findStakerAddress,
  packIntoTransactions,
  stakeComputeUnits,
  stakeInstruction,
  unstakeComputeUnits,
  unstakeInstruction,
  type StakeNftInput,
  type stakingProgram,
} from "@nft-staking/sdk";
import {
  createAssociatedTokenAccountIdempotentInstruction,
  getAssociatedTokenAddressSync,
} from "@solana/spl-token";
import type { PublicKey, Transaction } from "@solana/web3.js";

type Program = ReturnType<typeof stakingProgram>;

export async function stakeTransactions(
  params: { pool: PublicKey; owner: PublicKey; nfts: StakeNftInput[]; lockOption?: number },
  program: Program,
): Promise<Transaction[]> {
  const options = { feePayer: params.owner };
  if (program.programId.equals(PROGRAM_ID)) return buildStakeTransactions(params, options);
  const [, stakerBump] = findStakerAddress(params.pool, params.owner, program.programId);
  return packIntoTransactions(params.nfts, options, async (chunk) => [
    ...budgetInstructions(stakeComputeUnits(chunk.length, stakerBump), options),
    await stakeInstruction({ ...params, nfts: chunk }, program),
  ]);
}

export async function unstakeTransactions(
  params: {
    pool: PublicKey;
    owner: PublicKey;
    mints: PublicKey[];
    createTokenAccountsFor: PublicKey[];
  },
  program: Program,
): Promise<Transaction[]> {
  const options = { feePayer: params.owner };
  if (program.programId.equals(PROGRAM_ID)) return buildUnstakeTransactions(params, options);
  const missing = new Set(params.createTokenAccountsFor.map((mint) => mint.toBase58()));
  return packIntoTransactions(params.mints, options, async (chunk) => {
    const creations = chunk
      .filter((mint) => missing.has(mint.toBase58()))
      .map((mint) =>
        createAssociatedTokenAccountIdempotentInstruction(
          params.owner,
          getAssociatedTokenAddressSync(mint, params.owner, true),
          params.owner,
          mint,
        ),
      );
    return [
      ...budgetInstructions(unstakeComputeUnits(chunk.length, creations.length), options),
      ...creations,
      await unstakeInstruction(
        { pool: params.pool, owner: params.owner, nfts: chunk.map((mint) => ({ mint })) },
        program,
      ),
    ];
  });
}
