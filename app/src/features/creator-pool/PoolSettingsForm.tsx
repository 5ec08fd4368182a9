import { useMemo, useState, type FormEvent } from "react";
import { Transaction, type PublicKey } from "@solana/web3.js";
import { MAX_TIERS, updatePoolInstruction, type PoolAccount } from "@nft-staking/sdk";
import { useChain } from "../../hooks/useChain";
import { useSendTransactions } from "../toasts/useSendTransactions";
import { isZeroRoot, previewTierCsv, rootHex } from "../pool/tierList";
import { draftFromPool, parseSettings } from "./poolForm";
import { SettingsFields } from "./SettingsFields";
import { TierCsvInput } from "../creator-tiers/TierCsvInput";

/** Replaces the tier list, weights, lock options and URI (`update_pool`; staked NFTs keep their weight). */
export function PoolSettingsForm({
  pool,
  poolAccount,
  authority,
  tierNames,
}: {
  pool: PublicKey;
  poolAccount: PoolAccount;
  authority: PublicKey;
  tierNames?: string[];
}) {
  const { program } = useChain();
  const send = useSendTransactions();
  const [draft, setDraft] = useState(() => draftFromPool(poolAccount));
  const [csv, setCsv] = useState("");
  const [removeTiers, setRemoveTiers] = useState(false);
  const tiers = useMemo(() => (csv.trim() ? previewTierCsv(csv) : null), [csv]);
  const settings = parseSettings(draft, tiers);
  const hasRoot = !isZeroRoot(poolAccount.tierRoot);
  const usedTiers = tiers?.ok
    ? tiers.counts.flatMap((count, tier) => (count > 0 ? [tier] : []))
    : Array.from({ length: MAX_TIERS }, (_, tier) => tier).filter(
        (tier) => (poolAccount.tierWeights[tier] ?? 0) > 0 || draft.tierWeights[tier],
      );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!settings.ok) return;
    const tierRoot = tiers?.ok
      ? tiers.tree.root
      : removeTiers
        ? null
        : Uint8Array.from(poolAccount.tierRoot);
    send.run({
      label: "Update pool settings",
      build: async () => [
        new Transaction({ feePayer: authority }).add(
          await updatePoolInstruction({ pool, authority, tierRoot, ...settings.value }, program),
        ),
      ],
    });
  };

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="settings-title">
      <h2 id="settings-title">Tiers, weights and locks</h2>
      <p className="muted small">
        Current tier list:{" "}
        {hasRoot ? (
          <>
            root <code className="root">{rootHex(poolAccount.tierRoot)}</code>
          </>
        ) : (
          "none (every NFT stakes at the default tier)"
        )}
      </p>
      <TierCsvInput value={csv} onChange={setCsv} tierNames={tierNames} />
      {hasRoot && !tiers && (
        <label className="inline">
          <input
            type="checkbox"
            checked={removeTiers}
            onChange={(event) => setRemoveTiers(event.target.checked)}
          />
          Remove the tier list (every new stake uses the default tier)
        </label>
      )}
      <SettingsFields
        draft={draft}
        onChange={setDraft}
        errors={settings.ok ? {} : settings.errors}
        usedTiers={usedTiers}
        tierNames={tierNames}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={!settings.ok || send.isPending}>
          {send.isPending ? "Saving…" : "Save settings"}
        </button>
      </div>
    </form>
  );
}
