import { useMemo, useState } from "react";
import { PublicKey } from "@solana/web3.js";
import {
  StakingErrorCode,
  belongsToPool,
  buildStakeTransactions,
  isPoolPaused,
  lockTermsOf,
  nftEligibility,
  poolAcceptance,
  stakingErrorFromCode,
  type PoolAccount,
} from "@nft-staking/sdk";
import { useChain } from "../../hooks/useChain";
import { useNow } from "../../hooks/useNow";
import { shortAddress } from "../../lib/format";
import { describeError } from "../../lib/txErrors";
import { useSendTransactions } from "../toasts/useSendTransactions";
import { TxProgress } from "../toasts/TxProgress";
import { NftImage } from "../nfts/NftImage";
import { useWalletNfts, type WalletNft } from "../nfts/useNfts";
import { tierOf, type TierListState } from "../pool/tierList";
import { LockOptionPicker } from "./LockOptionPicker";
import "../nfts/nfts.css";
import "./stake.css";

function TierListNote({ state, pool }: { state: TierListState | undefined; pool: PoolAccount }) {
  if (!state || state.kind === "none") return null;
  if (state.kind === "loaded") {
    return (
      <p className="muted small">Tiers from the pool's published list ({state.tree.size} NFTs).</p>
    );
  }
  return (
    <p className="banner banner-warning small">
      {state.kind === "missing"
        ? "This pool has tiers, but its tier list was not found"
        : "The published tier list does not match this pool's tier root"}
      : NFTs stake at the default tier (weight {pool.defaultTierWeight}).
    </p>
  );
}

/** The holder's NFTs of the pool's collection: eligibility, tier, select many, lock, stake. */
export function StakePanel({
  pool,
  poolAccount,
  owner,
  tierList,
  tierNames,
}: {
  pool: PublicKey;
  poolAccount: PoolAccount;
  owner: PublicKey;
  tierList: TierListState | undefined;
  tierNames?: string[];
}) {
  const { program } = useChain();
  const nfts = useWalletNfts(owner);
  const stake = useSendTransactions();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [lock, setLock] = useState<number | null>(null);
  const now = useNow();
  const rows = useMemo(() => {
    const acceptance = poolAcceptance(poolAccount);
    return (nfts.data ?? [])
      .filter((nft) => belongsToPool(nft, acceptance))
      .map((nft) => ({
        nft,
        eligibility: nftEligibility(nft, acceptance),
        tier: tierOf(new PublicKey(nft.mint), poolAccount, tierList, tierNames),
      }));
  }, [nfts.data, poolAccount, tierList, tierNames]);
  const others = (nfts.data?.length ?? 0) - rows.length;
  const eligible = rows.filter((row) => row.eligibility.ok);
  const chosen = eligible.filter((row) => selected.has(row.nft.mint));

  const poolBlock = poolAccount.sunset
    ? stakingErrorFromCode(StakingErrorCode.PoolSunset)?.message
    : isPoolPaused(poolAccount, now)
      ? stakingErrorFromCode(StakingErrorCode.PoolPaused)?.message
      : null;

  const toggle = (mint: string) =>
    setSelected((old) => {
      const next = new Set(old);
      if (next.has(mint)) next.delete(mint);
      else next.add(mint);
      return next;
    });

  const onStake = () => {
    const batch: { nft: WalletNft; tier: number | null }[] = chosen.map((row) => ({
      nft: row.nft,
      tier: row.tier.tier,
    }));
    const count = batch.length;
    stake.run({
      label: `Stake ${count} NFT${count === 1 ? "" : "s"}`,
      build: () =>
        buildStakeTransactions(
          {
            pool,
            owner,
            // The terms shown to the holder: the stake fails (LockTermsChanged) if the
            // pool's option changed before it lands, instead of locking on unseen terms.
            lock: lock === null ? undefined : lockTermsOf(poolAccount, lock),
            nfts: batch.map(({ nft, tier }) => {
              const mint = new PublicKey(nft.mint);
              const tree = tierList?.kind === "loaded" ? tierList.tree : null;
              return tier !== null && tree
                ? { mint, tokenAccount: nft.tokenAccount, tier, proof: tree.proof(mint) }
                : { mint, tokenAccount: nft.tokenAccount };
            }),
          },
          { feePayer: owner },
          program,
        ),
      onSuccess: () => setSelected(new Set()),
    });
  };

  return (
    <section className="card" aria-labelledby="wallet-title">
      <div className="section-head">
        <h2 id="wallet-title">In your wallet{nfts.data ? ` (${rows.length})` : ""}</h2>
        {eligible.length > 0 && (
          <div className="actions">
            <button
              type="button"
              onClick={() => setSelected(new Set(eligible.map((row) => row.nft.mint)))}
              disabled={stake.isPending}
            >
              Select all eligible
            </button>
            <button
              type="button"
              onClick={() => setSelected(new Set())}
              disabled={selected.size === 0}
            >
              Clear
            </button>
          </div>
        )}
      </div>
      {poolBlock && (
        <p className="banner banner-warning" role="status">
          {poolBlock}
        </p>
      )}
      <TierListNote state={tierList} pool={poolAccount} />
      {nfts.isLoading ? (
        <p role="status">Loading your NFTs…</p>
      ) : nfts.error ? (
        <p className="banner banner-error">Could not load your NFTs: {describeError(nfts.error)}</p>
      ) : rows.length === 0 ? (
        <p className="muted">No NFTs of this pool's collection in this wallet.</p>
      ) : (
        <ul className="nft-grid" aria-label="NFTs in your wallet">
          {rows.map(({ nft, eligibility, tier }) => {
            const name = nft.metadata?.name || shortAddress(nft.mint);
            const disabled = !eligibility.ok || Boolean(poolBlock) || stake.isPending;
            return (
              <li
                key={nft.mint}
                className={`nft-card${selected.has(nft.mint) ? " selected" : ""}`}
                data-mint={nft.mint}
              >
                <NftImage uri={nft.metadata?.uri} name={name} />
                <div className="nft-body">
                  <label className="nft-select">
                    <input
                      type="checkbox"
                      checked={selected.has(nft.mint) && eligibility.ok}
                      disabled={disabled}
                      onChange={() => toggle(nft.mint)}
                    />
                    <span className="nft-name">{name}</span>
                  </label>
                  <p className="small">
                    {tier.label} · weight {tier.weight}
                  </p>
                  {eligibility.ok ? (
                    <p className="small ok">Eligible</p>
                  ) : (
                    <p className="small warning">Not eligible: {eligibility.reason}</p>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {others > 0 && (
        <p className="muted small">
          {others} other token{others === 1 ? "" : "s"} in this wallet {others === 1 ? "is" : "are"}{" "}
          not part of this pool's collection.
        </p>
      )}
      {eligible.length > 0 && (
        <div className="stake-bar">
          <LockOptionPicker
            pool={poolAccount}
            value={lock}
            onChange={setLock}
            disabled={stake.isPending}
          />
          <button
            type="button"
            className="primary"
            onClick={onStake}
            disabled={chosen.length === 0 || Boolean(poolBlock) || stake.isPending}
          >
            {stake.isPending
              ? "Staking…"
              : chosen.length === 0
                ? "Select NFTs to stake"
                : `Stake ${chosen.length} NFT${chosen.length === 1 ? "" : "s"}`}
          </button>
        </div>
      )}
      <TxProgress steps={stake.steps} />
    </section>
  );
}
