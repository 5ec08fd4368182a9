import type { Program } from "@coral-xyz/anchor";
import {
  createAssociatedTokenAccountIdempotentInstruction,
  getAssociatedTokenAddressSync,
} from "@solana/spl-token";
import { Transaction, type PublicKey, type TransactionInstruction } from "@solana/web3.js";
import type { PoolAccount } from "../accounts";
import type { NftStaking } from "../idl";
import { claimInstruction } from "../instructions";
import { stakingProgram } from "../program";
import { budgetInstructions, type TransactionOptions } from "./batching";
import { claimComputeUnits } from "./compute";

/** Where one stream's rewards go. */
export interface RewardDestinationInput {
  /** The stream's reward mint (default: the pool's; when given it must match). */
  mint?: PublicKey;
  /** The owner's associated token account of the mint (default: derived). */
  ata?: PublicKey;
  /**
   * An existing token account of the mint owned by the holder, or `null` when they have none:
   * their ATA is then created (idempotently) in the claim transaction and receives the rewards.
   */
  account: PublicKey | null;
}

/** Parameters of {@link buildClaimTransaction}. */
export type ClaimTransactionParams = {
  pool: PublicKey;
  /** The decoded pool (its streams decide the accounts). */
  poolAccount: PoolAccount;
  owner: PublicKey;
  /** Reward mints whose owner ATA may not exist: each is created idempotently first. */
  createAtaFor?: PublicKey[];
} & (
  | {
      /** Per stream index, where its rewards go (an existing account, or `null` to create the ATA). */
      destinations: RewardDestinationInput[];
      rewardTokenAccounts?: never;
    }
  | {
      /** Destination token accounts by stream index; default: the owner's ATA of each mint. */
      rewardTokenAccounts?: PublicKey[];
      destinations?: never;
    }
);

/**
 * Claims every stream of the pool in one transaction: a compute-unit limit for the streams and
 * the ATA creations (`claimComputeUnits`), then an idempotent ATA creation (paid by the fee
 * payer) for each reward account that does not exist yet, then `claim`. Pass `program` for a
 * deployment under another program id.
 *
 * @example
 * const tx = await buildClaimTransaction(
 *   { pool, poolAccount, owner, destinations: [{ account: null }] }, // no account of stream 0's mint yet
 *   { feePayer: owner },
 * );
 */
export async function buildClaimTransaction(
  params: ClaimTransactionParams,
  options: TransactionOptions,
  program: Program<NftStaking> = stakingProgram(),
): Promise<Transaction> {
  const streams = params.poolAccount.streams.slice(0, params.poolAccount.streamCount);
  if (params.destinations && params.destinations.length !== streams.length) {
    throw new RangeError(
      `${params.destinations.length} destinations for ${streams.length} reward streams`,
    );
  }
  const creations = new Map<string, TransactionInstruction>();
  const createAta = (
    mint: PublicKey,
    ata = getAssociatedTokenAddressSync(mint, params.owner, true),
  ) => {
    creations.set(
      ata.toBase58(),
      createAssociatedTokenAccountIdempotentInstruction(options.feePayer, ata, params.owner, mint),
    );
    return ata;
  };
  for (const mint of params.createAtaFor ?? []) createAta(mint);
  const rewardTokenAccounts =
    params.destinations?.map((destination, index) => {
      const mint = streams[index]!.mint;
      if (destination.mint && !destination.mint.equals(mint)) {
        throw new Error(
          `destination ${index} is for mint ${destination.mint.toBase58()}, not ${mint.toBase58()}`,
        );
      }
      return destination.account ?? createAta(mint, destination.ata);
    }) ?? params.rewardTokenAccounts;
  const claim = await claimInstruction(
    {
      pool: params.pool,
      poolAccount: params.poolAccount,
      owner: params.owner,
      rewardTokenAccounts,
    },
    program,
  );
  const budget = budgetInstructions(claimComputeUnits(streams.length, creations.size), options);
  return new Transaction({ feePayer: options.feePayer }).add(
    ...budget,
    ...creations.values(),
    claim,
  );
}
