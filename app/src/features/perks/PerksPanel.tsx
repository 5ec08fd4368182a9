import { Transaction, type PublicKey } from "@solana/web3.js";
import {
  canRedeem,
  projectedPoints,
  redeemPerkInstruction,
  toPerkView,
  type StakerAccount,
} from "@nft-staking/sdk";
import { useChain } from "../../hooks/useChain";
import { useNow } from "../../hooks/useNow";
import { formatDateTime, formatInteger } from "../../lib/format";
import { describeError } from "../../lib/txErrors";
import { useSendTransactions } from "../toasts/useSendTransactions";
import { perkLabels, redeemBlockedText, supplyText } from "./perkView";
import { usePerks, useReceipts } from "./usePerks";
import "./perks.css";

/** Perks: cost, supply left, window; redeem when `canRedeem` allows, else why not; receipts. */
export function PerksPanel({
  pool,
  staker,
  owner,
}: {
  pool: PublicKey;
  staker: StakerAccount | null;
  owner: PublicKey;
}) {
  const { program } = useChain();
  const now = useNow();
  const perks = usePerks(pool);
  const receipts = useReceipts(perks.data, owner);
  const redeem = useSendTransactions();
  const points = staker ? projectedPoints(staker, now) : 0n;
  const mine = (perks.data ?? []).filter((entry) => receipts.data?.has(entry.address.toBase58()));

  const onRedeem = (perk: PublicKey, name: string) =>
    redeem.run({
      label: `Redeem ${name}`,
      build: async () => [
        new Transaction({ feePayer: owner }).add(
          await redeemPerkInstruction({ pool, perk, owner }, program),
        ),
      ],
    });

  return (
    <section className="card" aria-labelledby="perks-title">
      <div className="section-head">
        <h2 id="perks-title">Perks</h2>
        <p className="points">
          Your points: <strong data-testid="points">{formatInteger(points)}</strong>
          <span className="muted small"> (1 point per unit of weight per second staked)</span>
        </p>
      </div>
      {perks.isLoading ? (
        <p role="status">Loading perks…</p>
      ) : perks.error ? (
        <p className="banner banner-error">Could not load perks: {describeError(perks.error)}</p>
      ) : (perks.data ?? []).length === 0 ? (
        <p className="muted">This pool has no perks yet.</p>
      ) : (
        <ul className="perk-list">
          {(perks.data ?? []).map(({ address, perk }) => {
            const { name, uri } = perkLabels(perk);
            const check = canRedeem(perk, staker, now);
            const blocked = redeemBlockedText(perk, check, now, points);
            return (
              <li key={address.toBase58()} className="perk">
                <div>
                  <h3>
                    {uri && /^https?:/.test(uri) ? (
                      <a href={uri} target="_blank" rel="noreferrer">
                        {name}
                      </a>
                    ) : (
                      name
                    )}
                  </h3>
                  <p className="small">
                    Cost {formatInteger(toPerkView(perk).costPoints)} points · {supplyText(perk)}
                    {perk.minStaked > 0 ? ` · needs ${perk.minStaked} staked` : ""}
                  </p>
                  <p className="small muted">Until {formatDateTime(perk.endTs.toNumber())}</p>
                </div>
                <div className="perk-action">
                  <button
                    type="button"
                    className="primary"
                    disabled={!check.ok || redeem.isPending}
                    onClick={() => onRedeem(address, name)}
                    aria-label={`Redeem ${name}`}
                    aria-describedby={blocked ? `perk-${address.toBase58()}` : undefined}
                  >
                    Redeem
                  </button>
                  {blocked && (
                    <p id={`perk-${address.toBase58()}`} className="small warning">
                      {blocked}
                    </p>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <h3>Your perk receipts</h3>
      {mine.length === 0 ? (
        <p className="muted small">You have not redeemed a perk in this pool yet.</p>
      ) : (
        <ul className="plain-list" data-testid="receipts">
          {mine.map(({ address, perk }) => {
            const receipt = receipts.data?.get(address.toBase58());
            return (
              <li key={address.toBase58()}>
                <strong>{perkLabels(perk).name}</strong>: redeemed {receipt?.count ?? 0}×, last on{" "}
                {receipt ? formatDateTime(receipt.lastRedeemedAt.toNumber()) : "—"}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
