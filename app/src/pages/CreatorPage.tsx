import { useWallet } from "@solana/wallet-adapter-react";
import type { PublicKey } from "@solana/web3.js";
import { toPoolView, type PoolAccount } from "@nft-staking/sdk";
import { useRoute } from "../hooks/useRoute";
import { shortAddress } from "../lib/format";
import { describeError } from "../lib/txErrors";
import { WalletButton } from "../wallet/WalletButton";
import { PoolPicker } from "../features/pool/PoolPicker";
import { Address, PoolStatus } from "../features/pool/PoolHeader";
import { toPublicKey, usePool, usePoolMetadata, useStreams } from "../features/pool/usePool";
import { useMyPools, type PoolEntry } from "../features/creator-pool/useMyPools";
import { CreatePoolForm } from "../features/creator-pool/CreatePoolForm";
import { PoolSettingsForm } from "../features/creator-pool/PoolSettingsForm";
import { StreamsPanel } from "../features/creator-streams/StreamsPanel";
import { PerksEditor } from "../features/creator-perks/PerksEditor";
import { PoolControls } from "../features/creator-pool/PoolControls";
import "./CreatorPage.css";

function PoolList({
  title,
  pools,
  current,
}: {
  title: string;
  pools: PoolEntry[];
  current: string | null;
}) {
  const { navigate } = useRoute();
  if (pools.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul className="pool-list">
        {pools.map(({ address, pool }) => (
          <li key={address.toBase58()}>
            <button
              type="button"
              className="link-button"
              aria-current={current === address.toBase58() ? "true" : undefined}
              onClick={() => navigate("creator", { pool: address.toBase58() })}
            >
              Pool #{pool.poolId.toString()} · {shortAddress(address.toBase58())}
            </button>{" "}
            <PoolStatus pool={pool} />{" "}
            <span className="muted small">{pool.stakedCount.toString()} staked</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Creator pages: your pools, create one, and the selected pool's settings, streams, perks and controls. */
export default function CreatorPage() {
  const { publicKey } = useWallet();
  const { params, navigate } = useRoute();
  const poolText = params.get("pool") ?? "";
  const creating = params.get("new") === "1";
  const pool = toPublicKey(poolText);
  const mine = useMyPools(publicKey);
  return (
    <div className="page">
      <section className="card" aria-labelledby="creator-title">
        <h1 id="creator-title">Creator</h1>
        {!publicKey ? (
          <>
            <p>Connect the wallet that runs your pool (or will create one).</p>
            <WalletButton />
          </>
        ) : mine.isLoading ? (
          <p role="status">Looking for your pools…</p>
        ) : (
          <>
            <PoolList
              title="Your pools"
              pools={mine.data?.owned ?? []}
              current={poolText || null}
            />
            <PoolList
              title="Handed to you (accept below)"
              pools={mine.data?.pending ?? []}
              current={poolText || null}
            />
            {(mine.data?.owned.length ?? 0) === 0 && (
              <p className="muted">You do not run a pool on this network yet.</p>
            )}
            <div className="actions">
              <button
                type="button"
                className="primary"
                onClick={() => navigate("creator", { new: "1" })}
                disabled={creating}
              >
                Create a new pool
              </button>
            </div>
          </>
        )}
        <PoolPicker
          key={poolText}
          current={poolText}
          label="Open a pool by address"
          onOpen={(next) => navigate("creator", { pool: next })}
        />
      </section>
      {creating && publicKey && mine.data && (
        <CreatePoolForm
          authority={publicKey}
          usedIds={(mine.data?.created ?? []).map((entry) => toPoolView(entry.pool).poolId)}
          onCreated={(created) => navigate("creator", { pool: created.toBase58() })}
        />
      )}
      {!creating && pool && <PoolAdmin pool={pool} wallet={publicKey} />}
    </div>
  );
}

function PoolAdmin({ pool, wallet }: { pool: PublicKey; wallet: PublicKey | null }) {
  const query = usePool(pool);
  if (query.isLoading) return <p role="status">Loading the pool…</p>;
  if (query.error) {
    return (
      <p className="banner banner-error" role="alert">
        {describeError(query.error)}
      </p>
    );
  }
  if (!query.data) {
    return (
      <p className="banner banner-error" role="alert">
        No pool at {pool.toBase58()} on this network.
      </p>
    );
  }
  return <PoolAdminView pool={pool} poolAccount={query.data} wallet={wallet} />;
}

function PoolAdminView({
  pool,
  poolAccount,
  wallet,
}: {
  pool: PublicKey;
  poolAccount: PoolAccount;
  wallet: PublicKey | null;
}) {
  const metadata = usePoolMetadata(poolAccount);
  const streams = useStreams(pool, poolAccount);
  const isAuthority = wallet !== null && poolAccount.authority.equals(wallet);
  return (
    <>
      <section className="card" aria-labelledby="admin-title">
        <div className="pool-title-row">
          <h2 id="admin-title">
            {metadata.data?.name ?? `Pool #${poolAccount.poolId.toString()}`}
          </h2>
          <PoolStatus pool={poolAccount} />
        </div>
        <dl className="stats">
          <div>
            <dt>Address</dt>
            <dd>
              <Address value={pool.toBase58()} />
            </dd>
          </div>
          <div>
            <dt>Authority</dt>
            <dd>
              <Address value={poolAccount.authority.toBase58()} />
              {isAuthority ? " (you)" : ""}
            </dd>
          </div>
          <div>
            <dt>NFTs staked</dt>
            <dd>{poolAccount.stakedCount.toString()}</dd>
          </div>
          <div>
            <dt>Total weight</dt>
            <dd>{poolAccount.totalWeight.toString()}</dd>
          </div>
        </dl>
        {!isAuthority && wallet && (
          <p className="muted small">
            You are not this pool's authority: you can fund its streams, nothing else.
          </p>
        )}
      </section>
      {streams.data && (
        <StreamsPanel
          pool={pool}
          poolAccount={poolAccount}
          streams={streams.data}
          wallet={wallet}
          isAuthority={isAuthority}
        />
      )}
      {isAuthority && wallet && (
        <PoolSettingsForm
          key={pool.toBase58()}
          pool={pool}
          poolAccount={poolAccount}
          authority={wallet}
          tierNames={metadata.data?.tierNames}
        />
      )}
      <PerksEditor pool={pool} authority={wallet} isAuthority={isAuthority} />
      {wallet && <PoolControls pool={pool} poolAccount={poolAccount} wallet={wallet} />}
    </>
  );
}
