import { MAX_LOCK_OPTIONS, MAX_TIERS } from "@nft-staking/sdk";
import type { PoolSettingsDraft } from "./poolForm";
import "./creator-pool.css";

function FieldError({ id, errors }: { id: string; errors: Record<string, string> }) {
  return errors[id] ? (
    <span className="field-error" id={`err-${id}`}>
      {errors[id]}
    </span>
  ) : null;
}

/** Default and per-tier weights, lock options and URI of a pool. */
export function SettingsFields({
  draft,
  onChange,
  errors,
  usedTiers,
  tierNames,
}: {
  draft: PoolSettingsDraft;
  onChange: (draft: PoolSettingsDraft) => void;
  errors: Record<string, string>;
  /** Tier indices to show (those the tier list uses, or those already weighted). */
  usedTiers: number[];
  tierNames?: string[];
}) {
  const set = (patch: Partial<PoolSettingsDraft>) => onChange({ ...draft, ...patch });
  const setWeight = (tier: number, text: string) =>
    set({ tierWeights: draft.tierWeights.map((old, i) => (i === tier ? text : old)) });
  const setLock = (index: number, patch: Partial<PoolSettingsDraft["locks"][number]>) =>
    set({ locks: draft.locks.map((lock, i) => (i === index ? { ...lock, ...patch } : lock)) });
  const tiers = usedTiers.filter((tier) => tier < MAX_TIERS);
  return (
    <>
      <fieldset>
        <legend>Weights</legend>
        <p className="muted small">
          An NFT earns in proportion to its weight. NFTs without a tier use the default.
        </p>
        <div className="field-grid">
          <label>
            Default tier weight
            <input
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              value={draft.defaultTierWeight}
              onChange={(event) => set({ defaultTierWeight: event.target.value })}
              aria-invalid={errors.defaultTierWeight ? true : undefined}
              aria-describedby={errors.defaultTierWeight ? "err-defaultTierWeight" : undefined}
            />
            <FieldError id="defaultTierWeight" errors={errors} />
          </label>
          {tiers.map((tier) => (
            <label key={tier}>
              Tier {tier}
              {tierNames?.[tier] ? ` (${tierNames[tier]})` : ""} weight
              <input
                type="number"
                min={1}
                step={1}
                inputMode="numeric"
                value={draft.tierWeights[tier] ?? ""}
                onChange={(event) => setWeight(tier, event.target.value)}
                aria-invalid={errors[`tier${tier}`] ? true : undefined}
                aria-describedby={errors[`tier${tier}`] ? `err-tier${tier}` : undefined}
              />
              <FieldError id={`tier${tier}`} errors={errors} />
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Lock options</legend>
        <p className="muted small">
          Holders may lock NFTs for a while to multiply their weight (more than ×1, at most ×10). A
          stake keeps the terms it was made with, whatever you change later.
        </p>
        {draft.locks.length === 0 && (
          <p className="muted small">No lock options: NFTs can always be unstaked.</p>
        )}
        {draft.locks.map((lock, index) => (
          <div key={index} className="lock-row">
            <label>
              Lock {index + 1}: days
              <input
                type="number"
                min={0}
                step="any"
                value={lock.days}
                onChange={(event) => setLock(index, { days: event.target.value })}
                aria-invalid={errors[`lock${index}days`] ? true : undefined}
              />
              <FieldError id={`lock${index}days`} errors={errors} />
            </label>
            <label>
              Weight multiplier (×)
              <input
                type="number"
                min={1}
                step="any"
                value={lock.multiplier}
                onChange={(event) => setLock(index, { multiplier: event.target.value })}
                aria-invalid={errors[`lock${index}multiplier`] ? true : undefined}
              />
              <FieldError id={`lock${index}multiplier`} errors={errors} />
            </label>
            <button
              type="button"
              onClick={() => set({ locks: draft.locks.filter((_, i) => i !== index) })}
              aria-label={`Remove lock option ${index + 1}`}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => set({ locks: [...draft.locks, { days: "30", multiplier: "1.5" }] })}
          disabled={draft.locks.length >= MAX_LOCK_OPTIONS}
        >
          Add lock option
        </button>
      </fieldset>
      <fieldset>
        <legend>Limits</legend>
        <p className="muted small">
          Promises to holders: no lock option can be longer than this, and a pause ends by itself
          unless you renew it.
        </p>
        <div className="field-grid">
          <label>
            Longest lock (days)
            <input
              type="number"
              min={0}
              step="any"
              value={draft.maxLockDays}
              onChange={(event) => set({ maxLockDays: event.target.value })}
              aria-invalid={errors.maxLockDays ? true : undefined}
            />
            <FieldError id="maxLockDays" errors={errors} />
          </label>
          <label>
            Longest pause (days)
            <input
              type="number"
              min={0}
              step="any"
              value={draft.maxPauseDays}
              onChange={(event) => set({ maxPauseDays: event.target.value })}
              aria-invalid={errors.maxPauseDays ? true : undefined}
            />
            <FieldError id="maxPauseDays" errors={errors} />
          </label>
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.acceptEditions}
            onChange={(event) => set({ acceptEditions: event.target.checked })}
          />
          Accept print editions (originals only when unchecked)
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.requireTierProof}
            onChange={(event) => set({ requireTierProof: event.target.checked })}
          />
          Every NFT needs a tier from the tier list (no default tier)
        </label>
      </fieldset>
      <label>
        Pool metadata URI{" "}
        <span className="muted small">
          (JSON with name, description, optional "tiers" CSV link)
        </span>
        <input
          type="url"
          value={draft.uri}
          onChange={(event) => set({ uri: event.target.value })}
          placeholder="https://…/pool.json"
          aria-invalid={errors.uri ? true : undefined}
        />
        <FieldError id="uri" errors={errors} />
      </label>
    </>
  );
}
