import { useMemo, useState, type FormEvent } from "react";
import { PublicKey, Transaction } from "@solana/web3.js";
import {
  MAX_TIERS,
  findPoolAddress,
  initializePoolInstruction,
  updatePoolInstruction,
} from "@nft-staking/sdk";
import { useChain } from "../../hooks/useChain";
import { useSendTransactions } from "../toasts/useSendTransactions";
import { previewTierCsv } from "../pool/tierList";
import { toPublicKey } from "../pool/usePool";
import { emptyDraft, parseSettings } from "./poolForm";
import { SettingsFields } from "./SettingsFields";
import { TierCsvInput } from "../creator-tiers/TierCsvInput";

/**
 * Creates a pool for a verified collection (and/or verified creator) with its tier list, weights
 * and lock options: `initialize_pool` and `update_pool` in one transaction.
 */
export function CreatePoolForm({
  authority,
  usedIds,
  onCreated,
}: {
  authority: PublicKey;
  /** Pool ids this wallet already used (their PDAs exist). */
  usedIds: bigint[];
  onCreated: (pool: PublicKey) => void;
}) {
  const { program } = useChain();
  const send = useSendTransactions();
  const nextId = usedIds.reduce((max, id) => (id > max ? id : max), 0n) + 1n;
  // Until the creator types one, the id follows the first one this wallet has not used.
  const [typedPoolId, setPoolId] = useState<string | null>(null);
  const poolId = typedPoolId ?? nextId.toString();
  const [collection, setCollection] = useState("");
  const [creator, setCreator] = useState("");
  const [csv, setCsv] = useState("");
  const [draft, setDraft] = useState(emptyDraft);
  const [submitted, setSubmitted] = useState(false);

  const tiers = useMemo(() => (csv.trim() ? previewTierCsv(csv) : null), [csv]);
  const settings = parseSettings(draft, tiers);
  const errors: Record<string, string> = settings.ok ? {} : { ...settings.errors };
  const collectionKey = toPublicKey(collection);
  const creatorKey = toPublicKey(creator);
  if (collection && !collectionKey) errors.collection = "Not an address";
  if (creator && !creatorKey) errors.creator = "Not an address";
  if (!collectionKey && !creatorKey)
    errors.collection ??= "A pool needs a verified collection, a verified creator, or both";
  const id = /^\d+$/.test(poolId) ? BigInt(poolId) : null;
  if (id === null || id >= 2n ** 64n) errors.poolId = "A whole number";
  else if (usedIds.includes(id)) errors.poolId = "You already used this id";
  const usedTiers = tiers?.ok
    ? tiers.counts.flatMap((count, tier) => (count > 0 ? [tier] : []))
    : Array.from({ length: MAX_TIERS }, (_, tier) => tier).filter(
        (tier) => draft.tierWeights[tier],
      );
  const valid = Object.keys(errors).length === 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!valid || !settings.ok || id === null) return;
    const [pool] = findPoolAddress(authority, id, program.programId);
    send.run({
      label: "Create pool",
      build: async () => [
        new Transaction({ feePayer: authority }).add(
          await initializePoolInstruction(
            {
              authority,
              poolId: id,
              collection: collectionKey,
              creator: creatorKey,
              defaultTierWeight: settings.value.defaultTierWeight,
              uri: settings.value.uri,
              limits: settings.value.limits,
            },
            program,
          ),
          await updatePoolInstruction(
            { pool, authority, tierRoot: tiers?.ok ? tiers.tree.root : null, ...settings.value },
            program,
          ),
        ),
      ],
      onSuccess: () => onCreated(pool),
    });
  };

  const shown = submitted ? errors : {};
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="create-title" noValidate>
      <h2 id="create-title">Create a pool</h2>
      <div className="field-grid">
        <label>
          Collection mint <span className="muted small">(verified Metaplex collection)</span>
          <input
            value={collection}
            onChange={(event) => setCollection(event.target.value)}
            spellCheck={false}
            aria-invalid={shown.collection ? true : undefined}
          />
          {shown.collection && <span className="field-error">{shown.collection}</span>}
        </label>
        <label>
          Verified creator <span className="muted small">(optional)</span>
          <input
            value={creator}
            onChange={(event) => setCreator(event.target.value)}
            spellCheck={false}
            aria-invalid={shown.creator ? true : undefined}
          />
          {shown.creator && <span className="field-error">{shown.creator}</span>}
        </label>
        <label>
          Pool id{" "}
          <span className="muted small">(yours to choose; one wallet can run many pools)</span>
          <input
            value={poolId}
            inputMode="numeric"
            onChange={(event) => setPoolId(event.target.value)}
            aria-invalid={shown.poolId ? true : undefined}
          />
          {shown.poolId && <span className="field-error">{shown.poolId}</span>}
        </label>
      </div>
      <TierCsvInput value={csv} onChange={setCsv} />
      <SettingsFields draft={draft} onChange={setDraft} errors={shown} usedTiers={usedTiers} />
      {tiers?.ok && (
        <p className="muted small">
          Publish this CSV for holders (as <code>tiers.csv</code> next to the metadata URI, or link
          it as "tiers" in that JSON): the app proves each NFT's tier with it.
        </p>
      )}
      <div className="actions">
        <button
          type="submit"
          className="primary"
          disabled={send.isPending || (submitted && !valid)}
        >
          {send.isPending ? "Creating…" : "Create pool"}
        </button>
        {submitted && !valid && <span className="field-error">Fix the fields marked above.</span>}
      </div>
    </form>
  );
}
