import type { PublicKey } from "@solana/web3.js";
import {
  StakingErrorCode,
  buildClaimTransaction,
  isPoolPaused,
  isStreamStalled,
  stakingErrorFromCode,
  type PoolAccount,
  type StakerAccount,
} from "@nft-staking/sdk";
import { useChain } from "../../hooks/useChain";
import { useNow } from "../../hooks/useNow";
import { formatAmount } from "../../lib/format";
import { useSendTransactions } from "../toasts/useSendTransactions";
import { useTokenAccounts } from "../nfts/useNfts";
import type { StreamView } from "../pool/usePool";
import { usePendingRewards } from "../staker/usePendingRewards";
import { rewardDestinations } from "./rewardDestinations";
import "./rewards.css";

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
  const { program } = useChain();
  const tokenAccounts = useTokenAccounts(owner);
  const claim = useSendTransactions();
  const now = useNow();
  const pending = usePendingRewards(poolAccount, staker, streams);
  const destinations = tokenAccounts.data
    ? rewardDestinations(
        streams.map((stream) => stream.mint),
        owner,
        tokenAccounts.data,
      )
    : null;
  const anyPending = pending.some((amount) => amount > 0n);

  const blocked =
    isPoolPaused(poolAccount, now) && !poolAccount.sunset
      ? stakingErrorFromCode(StakingErrorCode.PoolPaused)?.message
      : !destinations
        ? "Checking your token accounts…"
        : !anyPending
          ? "Nothing to claim yet."
          : null;

  const onClaim = () =>
    claim.run({
      label: "Claim rewards",
      build: async () => {
        // A reward token the wallet has no account for: the SDK creates its associated token
        // account (idempotently) in the claim transaction itself, as on every cluster.
        const tx = await buildClaimTransaction(
          {
            pool,
            poolAccount,
            owner,
            // each RewardDestination is already the SDK's { mint, ata, account } (plus balance)
            destinations: destinations ?? [],
          },
          { feePayer: owner },
          program,
        );
        return [tx];
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
              {isStreamStalled(poolAccount, stream.index, now) && (
                <span className="small warning" role="status">
                  Accrual stopped: the reward vault is empty. Nothing you earned is lost; accrual
                  resumes when the creator funds it.
                </span>
              )}
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
    </section>
  );
}
