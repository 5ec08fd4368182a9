import { useWallet } from "@solana/wallet-adapter-react";
import type { PublicKey } from "@solana/web3.js";
import type { PoolAccount } from "@nft-staking/sdk";
import { useAppConfig } from "../config/ConfigProvider";
import { useRoute } from "../hooks/useRoute";
import { WalletButton } from "../wallet/WalletButton";
import { PoolPicker } from "../features/pool/PoolPicker";
import { PoolHeader } from "../features/pool/PoolHeader";
import { toPublicKey, usePool, usePoolMetadata, useStreams } from "../features/pool/usePool";
import { useTierList } from "../features/pool/useTierList";
import { useStaker } from "../features/staker/useStaker";
import { RewardsPanel } from "../features/rewards/RewardsPanel";
import { StakedPanel } from "../features/staked/StakedPanel";
import { StakePanel } from "../features/stake/StakePanel";
import { PerksPanel } from "../features/perks/PerksPanel";
import { HistoryPanel } from "../features/history/HistoryPanel";
import { describeError } from "../lib/txErrors";
import "./HolderPage.css";

/** Holder pages: pool overview, then (connected) rewards, staked NFTs, wallet NFTs, perks, history. */
export function HolderPage() {
  const { config } = useAppConfig();
  const { params, navigate } = useRoute();
  const poolText = params.get("pool") ?? config.pool ?? "";
  const pool = toPublicKey(poolText);
  const poolQuery = usePool(pool);
  return (
    <div className="page">
      {pool ? (
        <details className="change-pool">
          <summary>Change pool</summary>
          <PoolPicker
            key={poolText}
            current={poolText}
            onOpen={(next) => navigate("holder", { pool: next })}
          />
        </details>
      ) : (
        <PoolPicker
          key={poolText}
          current={poolText}
          onOpen={(next) => navigate("holder", { pool: next })}
        />
      )}
      {!pool ? (
        <section className="card intro">
          <h1>Stake your NFTs, earn rewards</h1>
          <p>Enter the address of a staking pool to see its rewards and stake your NFTs.</p>
        </section>
      ) : poolQuery.isLoading ? (
        <p role="status">Loading the pool…</p>
      ) : poolQuery.error ? (
        <p className="banner banner-error" role="alert">
          {describeError(poolQuery.error)}
        </p>
      ) : !poolQuery.data ? (
        <p className="banner banner-error" role="alert">
          No pool at {pool.toBase58()} on this network.
        </p>
      ) : (
        <PoolView pool={pool} poolAccount={poolQuery.data} />
      )}
    </div>
  );
}

function PoolView({ pool, poolAccount }: { pool: PublicKey; poolAccount: PoolAccount }) {
  const { publicKey } = useWallet();
  const metadata = usePoolMetadata(poolAccount);
  const streams = useStreams(pool, poolAccount);
  const tierList = useTierList(pool, poolAccount, metadata.data);
  const staker = useStaker(pool, publicKey);
  return (
    <>
      <PoolHeader
        address={pool}
        pool={poolAccount}
        metadata={metadata.data}
        streams={streams.data}
      />
      {!publicKey ? (
        <section className="card connect-prompt">
          <h2>Connect a wallet</h2>
          <p>Connect your wallet to see your NFTs, stake them and claim rewards.</p>
          <WalletButton />
        </section>
      ) : (
        <>
          {staker.data && streams.data && (
            <RewardsPanel
              pool={pool}
              poolAccount={poolAccount}
              staker={staker.data}
              streams={streams.data}
              owner={publicKey}
            />
          )}
          {staker.data && staker.data.records.length > 0 && (
            <StakedPanel
              pool={pool}
              poolAccount={poolAccount}
              staker={staker.data}
              owner={publicKey}
              tierNames={metadata.data?.tierNames}
            />
          )}
          <StakePanel
            pool={pool}
            poolAccount={poolAccount}
            owner={publicKey}
            tierList={tierList.data}
            tierNames={metadata.data?.tierNames}
          />
          <PerksPanel pool={pool} staker={staker.data ?? null} owner={publicKey} />
          {staker.data !== undefined && (
            <HistoryPanel pool={pool} owner={publicKey} streams={streams.data ?? []} />
          )}
        </>
      )}
    </>
  );
}
