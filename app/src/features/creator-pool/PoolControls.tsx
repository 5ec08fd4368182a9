import { useState, type FormEvent } from "react";
import { PublicKey, Transaction, type TransactionInstruction } from "@solana/web3.js";
import {
  acceptAuthorityInstruction,
  proposeAuthorityInstruction,
  isPoolPaused,
  setPausedInstruction,
  sunsetPoolInstruction,
  type PoolAccount,
} from "@nft-staking/sdk";
import { useChain } from "../../hooks/useChain";
import { useNow } from "../../hooks/useNow";
import { formatDateTime } from "../../lib/format";
import { useSendTransactions } from "../toasts/useSendTransactions";
import { toPublicKey } from "../pool/usePool";
import { Address } from "../pool/PoolHeader";
import "./creator-pool.css";

/** Pause/resume, hand over authority (two steps), sunset. Only what the wallet may do is offered. */
export function PoolControls({
  pool,
  poolAccount,
  wallet,
}: {
  pool: PublicKey;
  poolAccount: PoolAccount;
  wallet: PublicKey;
}) {
  const { program } = useChain();
  const paused = isPoolPaused(poolAccount, useNow());
  const pause = useSendTransactions();
  const authority = useSendTransactions();
  const sunset = useSendTransactions();
  const [proposed, setProposed] = useState("");
  const [understood, setUnderstood] = useState(false);
  const isAuthority = poolAccount.authority.equals(wallet);
  const pending = poolAccount.pendingAuthority.equals(PublicKey.default)
    ? null
    : poolAccount.pendingAuthority;
  const isPending = pending?.equals(wallet) ?? false;
  const proposedKey = toPublicKey(proposed);
  const one = (instruction: TransactionInstruction) => [
    new Transaction({ feePayer: wallet }).add(instruction),
  ];

  const togglePause = () =>
    pause.run({
      label: paused ? "Resume the pool" : "Pause the pool",
      build: async () =>
        one(await setPausedInstruction({ pool, authority: wallet, paused: !paused }, program)),
    });
  const propose = (newAuthority: PublicKey, label: string) =>
    authority.run({
      label,
      build: async () =>
        one(await proposeAuthorityInstruction({ pool, authority: wallet, newAuthority }, program)),
      onSuccess: () => setProposed(""),
    });
  const onPropose = (event: FormEvent) => {
    event.preventDefault();
    if (proposedKey) propose(proposedKey, "Propose a new authority");
  };
  const accept = () =>
    authority.run({
      label: "Accept pool authority",
      build: async () =>
        one(await acceptAuthorityInstruction({ pool, newAuthority: wallet }, program)),
    });
  const doSunset = () =>
    sunset.run({
      label: "Sunset the pool",
      build: async () => one(await sunsetPoolInstruction({ pool, authority: wallet }, program)),
    });

  if (!isAuthority && !isPending) return null;
  return (
    <section className="card" aria-labelledby="controls-title">
      <h2 id="controls-title">Pool controls</h2>
      {isPending && (
        <div className="control">
          <p>This pool's authority proposed handing it to you.</p>
          <button type="button" className="primary" onClick={accept} disabled={authority.isPending}>
            Accept authority
          </button>
        </div>
      )}
      {isAuthority && (
        <>
          <div className="control">
            <h3>
              {paused
                ? `Paused until ${formatDateTime(poolAccount.pausedUntil.toNumber())}`
                : "Running"}
            </h3>
            <p className="muted small">
              Pausing stops staking and claiming for up to{" "}
              {Math.round(poolAccount.maxPauseS / 86_400)} days (pause again to renew); holders can
              always unstake, and claim once the pool is sunset.
            </p>
            <button type="button" onClick={togglePause} disabled={pause.isPending}>
              {paused ? "Resume staking and claiming" : "Pause staking and claiming"}
            </button>
          </div>
          <div className="control">
            <h3>Authority</h3>
            {pending ? (
              <p>
                Proposed: <Address value={pending.toBase58()} /> (they must accept).{" "}
                <button
                  type="button"
                  onClick={() => propose(PublicKey.default, "Cancel the authority proposal")}
                  disabled={authority.isPending}
                >
                  Cancel proposal
                </button>
              </p>
            ) : (
              <p className="muted small">
                Hand the pool to another wallet or a multisig vault (they accept in a second step).
              </p>
            )}
            <form onSubmit={onPropose} className="row">
              <label>
                New authority
                <input
                  value={proposed}
                  onChange={(event) => setProposed(event.target.value)}
                  spellCheck={false}
                  aria-invalid={proposed && !proposedKey ? true : undefined}
                />
              </label>
              <button
                type="submit"
                disabled={!proposedKey || proposedKey.equals(wallet) || authority.isPending}
              >
                Propose
              </button>
            </form>
          </div>
          <div className="control danger-zone">
            <h3>Sunset</h3>
            {poolAccount.sunset ? (
              <p>
                This pool is sunset: streams ended, locks lifted; earned rewards stay claimable.
              </p>
            ) : (
              <>
                <p className="muted small">
                  Ends every stream now, lifts every lock and stops new stakes. Earned rewards stay
                  claimable. It cannot be undone.
                </p>
                <label className="inline">
                  <input
                    type="checkbox"
                    checked={understood}
                    onChange={(event) => setUnderstood(event.target.checked)}
                  />
                  I understand this is permanent
                </label>
                <button
                  type="button"
                  className="danger"
                  onClick={doSunset}
                  disabled={!understood || sunset.isPending}
                >
                  Sunset the pool
                </button>
              </>
            )}
          </div>
        </>
      )}
    </section>
  );
}
