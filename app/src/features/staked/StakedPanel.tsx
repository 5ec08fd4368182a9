import { useState } from "react";
import { PublicKey } from "@solana/web3.js";
import { getAssociatedTokenAddressSync } from "@solana/spl-token";
import {
  DEFAULT_TIER,
  buildUnstakeTransactions,
  toBigIntView,
  type PoolAccount,
  type StakerAccount,
} from "@nft-staking/sdk";
import { useChain } from "../../hooks/useChain";
import { useNow } from "../../hooks/useNow";
import { formatDateTime, formatDuration, formatWeight, shortAddress } from "../../lib/format";
import { useSendTransactions } from "../toasts/useSendTransactions";
import { TxProgress } from "../toasts/TxProgress";
import { NftImage } from "../nfts/NftImage";
import { useNftsByMint, useTokenAccounts } from "../nfts/useNfts";
import "../nfts/nfts.css";

type StakeRecord = StakerAccount["records"][number];

/** When an NFT can leave escrow: locks end at `lockUntil`, or at once after a sunset. */
function unlockAt(record: StakeRecord, pool: PoolAccount): bigint {
  return pool.sunset ? 0n : toBigIntView(record).lockUntil;
}

/** Staked NFTs with lock countdowns; unstake one, the selected ones, or all unlocked. */
export function StakedPanel({
  pool,
  poolAccount,
  staker,
  owner,
  tierNames,
}: {
  pool: PublicKey;
  poolAccount: PoolAccount;
  staker: StakerAccount;
  owner: PublicKey;
  tierNames?: string[];
}) {
  const { program } = useChain();
  const now = useNow();
  const records = staker.records;
  const nfts = useNftsByMint(records.map((record) => record.mint));
  const tokenAccounts = useTokenAccounts(owner);
  const unstake = useSendTransactions();
  const [selected, setSelected] = useState<Set<string>>(new Set());

  const isUnlocked = (record: StakeRecord) => now >= unlockAt(record, poolAccount);
  const unlocked = records.filter(isUnlocked);
  const chosen = unlocked.filter((record) => selected.has(record.mint.toBase58()));

  const send = (mints: PublicKey[], label: string) =>
    unstake.run({
      label,
      build: async () => {
        // A destination ATA the holder closed is recreated in the same transaction (the SDK
        // prepends an idempotent creation), on the local chain as on every cluster.
        const existing = new Set(
          (tokenAccounts.data ?? []).map((account) => account.address.toBase58()),
        );
        const createTokenAccountsFor = mints.filter(
          (mint) => !existing.has(getAssociatedTokenAddressSync(mint, owner, true).toBase58()),
        );
        // The records name each NFT's escrow (an NFT staked by another client may sit at a
        // non-canonical escrow bump).
        return buildUnstakeTransactions(
          { pool, owner, mints, createTokenAccountsFor, records },
          { feePayer: owner },
          program,
        );
      },
      onSuccess: () => setSelected(new Set()),
    });

  const toggle = (mint: string) =>
    setSelected((old) => {
      const next = new Set(old);
      if (next.has(mint)) next.delete(mint);
      else next.add(mint);
      return next;
    });

  return (
    <section className="card" aria-labelledby="staked-title">
      <div className="section-head">
        <h2 id="staked-title">Staked ({records.length})</h2>
        <div className="actions">
          <button
            type="button"
            onClick={() =>
              send(
                chosen.map((r) => r.mint),
                `Unstake ${chosen.length} NFT${chosen.length === 1 ? "" : "s"}`,
              )
            }
            disabled={chosen.length === 0 || unstake.isPending}
          >
            Unstake selected ({chosen.length})
          </button>
          <button
            type="button"
            onClick={() =>
              send(
                unlocked.map((r) => r.mint),
                `Unstake ${unlocked.length} NFT${unlocked.length === 1 ? "" : "s"}`,
              )
            }
            disabled={unlocked.length === 0 || unstake.isPending}
          >
            Unstake all{unlocked.length < records.length ? " unlocked" : ""} ({unlocked.length})
          </button>
        </div>
      </div>
      <TxProgress steps={unstake.steps} />
      <ul className="nft-grid">
        {records.map((record) => {
          const mint = record.mint.toBase58();
          const metadata = nfts.data?.get(mint)?.metadata;
          const name = metadata?.name || shortAddress(mint);
          const until = unlockAt(record, poolAccount);
          const free = isUnlocked(record);
          const tier =
            record.tier === DEFAULT_TIER
              ? "Default tier"
              : (tierNames?.[record.tier] ?? `Tier ${record.tier}`);
          return (
            <li key={mint} className="nft-card" data-mint={mint}>
              <NftImage uri={metadata?.uri} name={name} />
              <div className="nft-body">
                <label className="nft-select">
                  <input
                    type="checkbox"
                    checked={selected.has(mint) && free}
                    disabled={!free || unstake.isPending}
                    onChange={() => toggle(mint)}
                  />
                  <span className="nft-name">{name}</span>
                </label>
                <p className="small">
                  {tier} · weight {formatWeight(record.weight)}
                </p>
                <p className="small muted">Staked {formatDateTime(record.stakedAt.toNumber())}</p>
                {free ? (
                  <p className="small ok">{until > 0n ? "Unlocked" : "No lock"}</p>
                ) : (
                  <p className="small warning" data-testid="lock-countdown">
                    Locked until {formatDateTime(until)} ({formatDuration(until - now)} left)
                  </p>
                )}
                <button
                  type="button"
                  onClick={() => send([record.mint], `Unstake ${name}`)}
                  disabled={!free || unstake.isPending}
                  aria-label={
                    free
                      ? `Unstake ${name}`
                      : `Unstake ${name} (locked until ${formatDateTime(until)})`
                  }
                >
                  {free ? "Unstake" : `Unlocks ${formatDateTime(until)}`}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
