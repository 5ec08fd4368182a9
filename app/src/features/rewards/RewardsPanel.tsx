import { Keypair, SystemProgram, Transaction, type PublicKey } from "@solana/web3.js";
import {
  ACCOUNT_SIZE,
  TOKEN_PROGRAM_ID,
  createAssociatedTokenAccountIdempotentInstruction,
  createInitializeAccount3Instruction,
} from "@solana/spl-token";
import {
  StakingErrorCode,
  budgetInstructions,
  claimComputeUnits,
  claimInstruction,
  pendingReward,
  stakingErrorFromCode,
  toStreamState,
  type PoolAccount,
  type StakerAccount,
} from "@nft-staking/sdk";
import { useChain } from "../../hooks/useChain";
import { useNow } from "../../hooks/useNow";
import { formatAmount } from "../../lib/format";
import { useSendTransactions } from "../toasts/useSendTransactions";
import { useTokenAccounts } from "../nfts/useNfts";
import type { StreamView } from "../pool/usePool";
import { rewardDestinations, type RewardDestination } from "./useStaker";

/** A holder's live pending reward on one stream, exactly as the program will compute it. */
function usePending(poolAccount: PoolAccount, staker: StakerAccount, streams: StreamView[]) {
  const now = useNow();
  const totalWeight = BigInt(poolAccount.totalWeight.toString());
  const weight = BigInt(staker.totalWeight.toString());
  return streams.map((stream) => {
    const holder = staker.streams[stream.index];
    if (!holder) return 0n;
    return pendingReward(toStreamState(stream.raw), totalWeight, now, {
      weight,
      checkpoint: BigInt(holder.checkpointAcc.toString()),
      owed: BigInt(holder.owed.toString()),
    });
  });
}

/** Rewards: a pending-rewards ticker per stream (updates every second) and claim. */
export function RewardsPanel({
  pool,
  poolAccount,
  staker,
  streams,
  owner,
}: {
  pool: PublicKey;
  poolAccount: PoolAccount;
  staker: StakerAccount;
  streams: StreamView[];
  owner: PublicKey;
}) {
  const { connection, config, program } = useChain();
  const tokenAccounts = useTokenAccounts(owner);
  const claim = useSendTransactions();
  const createAccount = useSendTransactions();
  const pending = usePending(poolAccount, staker, streams);
  const destinations = tokenAccounts.data
    ? rewardDestinations(
        streams.map((stream) => stream.mint),
        owner,
        tokenAccounts.data,
      )
    : null;
  const missing = destinations?.filter((destination) => !destination.account) ?? [];
  // The local chain cannot run the Associated Token program: there, reward accounts must exist.
  const localChain = config.cluster === "localnet";
  const anyPending = pending.some((amount) => amount > 0n);

  const blocked = poolAccount.paused
    ? stakingErrorFromCode(StakingErrorCode.PoolPaused)?.message
    : !destinations
      ? "Checking your token accounts…"
      : localChain && missing.length > 0
        ? "You need a token account for every reward token before claiming (see below)."
        : !anyPending
          ? "Nothing to claim yet."
          : null;

  const onClaim = () =>
    claim.run({
      label: "Claim rewards",
      build: async () => {
        const dests = destinations ?? [];
        const creations = localChain
          ? []
          : dests
              .filter((destination) => !destination.account)
              .map((destination) =>
                createAssociatedTokenAccountIdempotentInstruction(
                  owner,
                  destination.ata,
                  owner,
                  destination.mint,
                ),
              );
        const claimIx = await claimInstruction(
          {
            pool,
            poolAccount,
            owner,
            rewardTokenAccounts: dests.map((destination) => destination.account ?? destination.ata),
          },
          program,
        );
        // Measured CU limit for a plain claim; ATA creations keep the default limit.
        const budget =
          creations.length === 0
            ? budgetInstructions(claimComputeUnits(streams.length), { feePayer: owner })
            : [];
        return [new Transaction({ feePayer: owner }).add(...budget, ...creations, claimIx)];
      },
    });

  const onCreateAccount = (destination: RewardDestination, label: string) =>
    createAccount.run({
      label: `Create a ${label} token account`,
      build: async () => {
        // A plain token account (Token program only): the local chain cannot run the ATA program.
        const account = Keypair.generate();
        const lamports = await connection.getMinimumBalanceForRentExemption(ACCOUNT_SIZE);
        const tx = new Transaction({ feePayer: owner }).add(
          SystemProgram.createAccount({
            fromPubkey: owner,
            newAccountPubkey: account.publicKey,
            lamports,
            space: ACCOUNT_SIZE,
            programId: TOKEN_PROGRAM_ID,
          }),
          createInitializeAccount3Instruction(account.publicKey, destination.mint, owner),
        );
        return [{ transaction: tx, signers: [account] }];
      },
    });

  return (
    <section className="card" aria-labelledby="rewards-title">
      <h2 id="rewards-title">Your rewards</h2>
      <ul className="rewards">
        {streams.map((stream, index) => {
          const holder = staker.streams[stream.index];
          return (
            <li key={stream.index} className="reward">
              <span className="reward-label">{stream.label}</span>
              <span className="reward-amount" data-testid={`pending-${stream.index}`}>
                {formatAmount(pending[index] ?? 0n, stream.decimals, {
                  fractionDigits: Math.min(stream.decimals, 6),
                  trim: false,
                })}
              </span>
              <span className="muted small">
                claimed so far{" "}
                {formatAmount(BigInt(holder?.claimedTotal.toString() ?? "0"), stream.decimals)}
                {destinations?.[index]?.account
                  ? ` · in wallet ${formatAmount(destinations[index]!.balance, stream.decimals)}`
                  : ""}
              </span>
            </li>
          );
        })}
      </ul>
      <div className="actions">
        <button
          type="button"
          className="primary"
          onClick={onClaim}
          disabled={Boolean(blocked) || claim.isPending}
          aria-describedby="claim-status"
        >
          {claim.isPending ? "Claiming…" : "Claim"}
        </button>
        <span id="claim-status" className="muted small">
          {blocked ?? "Claims every stream in one transaction."}
        </span>
      </div>
      {localChain && missing.length > 0 && (
        <div className="banner banner-warning">
          <p>
            Your wallet has no token account for{" "}
            {missing
              .map((destination) => streams.find((s) => s.mint.equals(destination.mint))?.label)
              .join(", ")}{" "}
            on this local chain (it cannot create associated token accounts). Create one to claim:
          </p>
          <div className="actions">
            {missing.map((destination) => {
              const label = streams.find((s) => s.mint.equals(destination.mint))?.label ?? "reward";
              return (
                <button
                  key={destination.mint.toBase58()}
                  type="button"
                  onClick={() => onCreateAccount(destination, label)}
                  disabled={createAccount.isPending}
                >
                  Create {label} account
                </button>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}
