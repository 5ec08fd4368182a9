import { useState, type FormEvent } from "react";
import { Transaction, type PublicKey } from "@solana/web3.js";
import { MAX_URI_LEN, createPerkInstruction, toPerkView } from "@nft-staking/sdk";
import { useChain } from "../../hooks/useChain";
import { useNow } from "../../hooks/useNow";
import { formatDateTime, formatInteger, utf8Length } from "../../lib/format";
import { useSendTransactions } from "../toasts/useSendTransactions";
import { perkLabels, supplyText } from "../perks/perkView";
import { usePerks } from "../perks/usePerks";

const NAME_MAX = 32;

interface PerkDraft {
  name: string;
  uri: string;
  cost: string;
  minStaked: string;
  supplyCap: string;
  start: string;
  days: string;
}

function checkPerk(draft: PerkDraft, now: bigint) {
  const errors: string[] = [];
  if (!draft.name.trim()) errors.push("Name it");
  if (utf8Length(draft.name) > NAME_MAX) errors.push(`Name: at most ${NAME_MAX} bytes`);
  if (utf8Length(draft.uri) > MAX_URI_LEN) errors.push(`URI: at most ${MAX_URI_LEN} bytes`);
  const cost = /^\d+$/.test(draft.cost) ? BigInt(draft.cost) : null;
  if (cost === null || cost >= 2n ** 64n) errors.push("Cost: a whole number of points");
  const whole = (text: string) =>
    /^\d+$/.test(text) && Number(text) <= 2 ** 32 - 1 ? Number(text) : null;
  const minStaked = whole(draft.minStaked || "0");
  const supplyCap = whole(draft.supplyCap || "0");
  if (minStaked === null) errors.push("Minimum staked: a whole number");
  if (supplyCap === null) errors.push("Supply: a whole number (0 = unlimited)");
  const startMs = draft.start ? new Date(draft.start).getTime() : NaN;
  const startTs = Number.isFinite(startMs) ? BigInt(Math.floor(startMs / 1000)) : now;
  const days = Number(draft.days);
  if (!(days > 0)) errors.push("Duration: more than 0 days");
  const endTs = startTs + BigInt(Math.round((days > 0 ? days : 0) * 86_400));
  return {
    errors,
    cost: cost ?? 0n,
    minStaked: minStaked ?? 0,
    supplyCap: supplyCap ?? 0,
    startTs,
    endTs,
  };
}

/** The pool's perks, and a form to create one (`create_perk`). */
export function PerksEditor({
  pool,
  authority,
  isAuthority,
}: {
  pool: PublicKey;
  authority: PublicKey | null;
  isAuthority: boolean;
}) {
  const { program } = useChain();
  const now = useNow();
  const perks = usePerks(pool);
  const send = useSendTransactions();
  const [draft, setDraft] = useState<PerkDraft>({
    name: "",
    uri: "",
    cost: "86400",
    minStaked: "1",
    supplyCap: "0",
    start: "",
    days: "30",
  });
  const check = checkPerk(draft, now);
  const nextId =
    (perks.data ?? []).reduce((max, entry) => {
      const id = toPerkView(entry.perk).perkId;
      return id > max ? id : max;
    }, 0n) + 1n;
  const set = (patch: Partial<PerkDraft>) => setDraft((old) => ({ ...old, ...patch }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!authority || check.errors.length > 0) return;
    send.run({
      label: `Create perk "${draft.name}"`,
      build: async () => [
        new Transaction({ feePayer: authority }).add(
          await createPerkInstruction(
            {
              pool,
              authority,
              perkId: nextId,
              terms: {
                name: draft.name.trim(),
                uri: draft.uri,
                costPoints: check.cost,
                minStaked: check.minStaked,
                supplyCap: check.supplyCap,
                startTs: check.startTs,
                endTs: check.endTs,
              },
            },
            program,
          ),
        ),
      ],
      onSuccess: () => set({ name: "", uri: "" }),
    });
  };

  return (
    <section className="card" aria-labelledby="perks-editor-title">
      <h2 id="perks-editor-title">Perks</h2>
      {(perks.data ?? []).length === 0 ? (
        <p className="muted">No perks yet.</p>
      ) : (
        <ul className="plain-list">
          {(perks.data ?? []).map(({ address, perk }) => (
            <li key={address.toBase58()}>
              <strong>{perkLabels(perk).name}</strong> (#{perk.perkId.toString()}):{" "}
              {formatInteger(toPerkView(perk).costPoints)} points · {supplyText(perk)}
              {perk.minStaked > 0 ? ` · needs ${perk.minStaked} staked` : ""} ·{" "}
              {formatDateTime(perk.startTs.toNumber())} – {formatDateTime(perk.endTs.toNumber())}
            </li>
          ))}
        </ul>
      )}
      {isAuthority && authority && (
        <form className="form subform" onSubmit={submit} aria-labelledby="new-perk-title">
          <h3 id="new-perk-title">New perk (#{nextId.toString()})</h3>
          <div className="field-grid">
            <label>
              Name
              <input
                value={draft.name}
                onChange={(event) => set({ name: event.target.value })}
                maxLength={64}
              />
            </label>
            <label>
              Link <span className="muted small">(optional)</span>
              <input
                type="url"
                value={draft.uri}
                onChange={(event) => set({ uri: event.target.value })}
              />
            </label>
            <label>
              Cost in points{" "}
              <span className="muted small">(86,400 = one weight staked for a day)</span>
              <input
                value={draft.cost}
                inputMode="numeric"
                onChange={(event) => set({ cost: event.target.value })}
              />
            </label>
            <label>
              Minimum NFTs staked
              <input
                value={draft.minStaked}
                inputMode="numeric"
                onChange={(event) => set({ minStaked: event.target.value })}
              />
            </label>
            <label>
              Supply <span className="muted small">(0 = unlimited)</span>
              <input
                value={draft.supplyCap}
                inputMode="numeric"
                onChange={(event) => set({ supplyCap: event.target.value })}
              />
            </label>
            <label>
              Opens <span className="muted small">(empty: now)</span>
              <input
                type="datetime-local"
                value={draft.start}
                onChange={(event) => set({ start: event.target.value })}
              />
            </label>
            <label>
              Open for (days)
              <input
                value={draft.days}
                inputMode="decimal"
                onChange={(event) => set({ days: event.target.value })}
              />
            </label>
          </div>
          {draft.name && check.errors.length > 0 && (
            <p className="field-error">{check.errors.join(" · ")}</p>
          )}
          <button
            type="submit"
            className="primary"
            disabled={check.errors.length > 0 || send.isPending}
          >
            {send.isPending ? "Creating…" : "Create perk"}
          </button>
        </form>
      )}
    </section>
  );
}
