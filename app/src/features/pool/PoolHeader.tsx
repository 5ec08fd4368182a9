import type { PublicKey } from "@solana/web3.js";
import { isPoolPaused, toBigIntView, toPoolView, type PoolAccount } from "@nft-staking/sdk";
import { useAppConfig } from "../../config/ConfigProvider";
import { useNow } from "../../hooks/useNow";
import { explorerAddressUrl } from "../../config/config";
import {
  formatAmount,
  formatDateTime,
  formatInteger,
  formatMultiplier,
  shortAddress,
} from "../../lib/format";
import { daysLabel, perDay } from "../../lib/units";
import type { PoolMetadata, StreamView } from "./usePool";
import "./pool.css";

export function Address({ value, label }: { value: string; label?: string }) {
  const { config } = useAppConfig();
  const url = explorerAddressUrl(config, value);
  const text = label ?? shortAddress(value);
  return url ? (
    <a href={url} target="_blank" rel="noreferrer" title={value}>
      {text}
    </a>
  ) : (
    <code title={value}>{text}</code>
  );
}

export function PoolStatus({ pool }: { pool: PoolAccount }) {
  const now = useNow();
  if (pool.sunset) return <span className="badge badge-danger">Sunset</span>;
  if (isPoolPaused(pool, now)) return <span className="badge badge-warning">Paused</span>;
  return <span className="badge badge-ok">Active</span>;
}

/** How a stream pays, in words. */
export function streamTerms(stream: StreamView): string {
  const daily = formatAmount(perDay(toBigIntView(stream.raw).rate), stream.decimals);
  return stream.raw.mode === 1
    ? `${daily} ${stream.label} a day, shared by weight`
    : `${daily} ${stream.label} a day per weight unit`;
}

/** The pool's name, status, totals, reward streams and lock options. */
export function PoolHeader({
  address,
  pool,
  metadata,
  streams,
}: {
  address: PublicKey;
  pool: PoolAccount;
  metadata: PoolMetadata | null | undefined;
  streams: StreamView[] | undefined;
}) {
  const locks = pool.lockOptions
    .map((lock, index) => ({ ...lock, index }))
    .filter((lock) => lock.multiplierBps > 0);
  return (
    <section className="card pool-header" aria-labelledby="pool-title">
      <div className="pool-title-row">
        <h1 id="pool-title">{metadata?.name ?? `Pool ${shortAddress(address.toBase58())}`}</h1>
        <PoolStatus pool={pool} />
      </div>
      {metadata?.description && <p className="muted">{metadata.description}</p>}
      <dl className="stats">
        <div>
          <dt>NFTs staked</dt>
          <dd>{formatInteger(toPoolView(pool).stakedCount)}</dd>
        </div>
        <div>
          <dt>Total weight</dt>
          <dd>{formatInteger(toPoolView(pool).totalWeight)}</dd>
        </div>
        <div>
          <dt>Pool</dt>
          <dd>
            <Address value={address.toBase58()} />
          </dd>
        </div>
      </dl>
      {streams && streams.length > 0 && (
        <ul className="plain-list">
          {streams.map((stream) => (
            <li key={stream.index}>
              <strong>{stream.label}</strong>: {streamTerms(stream)}, until{" "}
              {formatDateTime(stream.raw.endTs.toNumber())}
            </li>
          ))}
        </ul>
      )}
      {locks.length > 0 && (
        <p className="muted">
          Lock options:{" "}
          {locks
            .map((lock) => `${daysLabel(lock.durationS)} ${formatMultiplier(lock.multiplierBps)}`)
            .join(" · ")}
        </p>
      )}
    </section>
  );
}
