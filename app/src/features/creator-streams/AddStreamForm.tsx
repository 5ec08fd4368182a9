import { useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { Transaction, type PublicKey } from "@solana/web3.js";
import { TOKEN_2022_PROGRAM_ID } from "@solana/spl-token";
import {
  MAX_STREAMS,
  StakingErrorCode,
  StreamMode,
  addRewardStreamInstruction,
  stakingErrorFromCode,
  type PoolAccount,
} from "@nft-staking/sdk";
import { useChain } from "../../hooks/useChain";
import { useNow } from "../../hooks/useNow";
import { decodeMint } from "../../lib/tokens";
import { formatAmount, formatInteger } from "../../lib/format";
import { useSendTransactions } from "../toasts/useSendTransactions";
import { toPublicKey } from "../pool/usePool";
import { checkStream, type StreamDraft } from "./streamForm";

function useMintInfo(mint: PublicKey | null) {
  const { connection, key } = useChain();
  return useQuery({
    queryKey: [...key, "mint", mint?.toBase58()],
    enabled: mint !== null,
    queryFn: async (): Promise<{ decimals?: number; error?: string }> => {
      const info = await connection.getAccountInfo(mint!);
      if (info?.owner.equals(TOKEN_2022_PROGRAM_ID)) {
        return {
          error:
            stakingErrorFromCode(StakingErrorCode.Token2022NotSupported)?.message ?? "Token-2022",
        };
      }
      const decoded = decodeMint(info);
      return decoded
        ? { decimals: decoded.decimals }
        : { error: "Not an SPL token mint on this network" };
    },
  });
}

/** Adds a reward stream (`add_reward_stream`, creates its vault): token, mode, amount per day, window. */
export function AddStreamForm({
  pool,
  poolAccount,
  authority,
}: {
  pool: PublicKey;
  poolAccount: PoolAccount;
  authority: PublicKey;
}) {
  const { program } = useChain();
  const now = useNow();
  const send = useSendTransactions();
  const [draft, setDraft] = useState<StreamDraft>({
    mint: "",
    mode: "FixedPerWeight",
    perDay: "",
    start: "",
    days: "30",
  });
  const [accepted, setAccepted] = useState(false);
  const mint = toPublicKey(draft.mint);
  const mintInfo = useMintInfo(mint);
  const decimals = mintInfo.data?.decimals ?? null;
  const check = decimals === null ? null : checkStream(draft, decimals, now);
  // Every digit: "exactly" must be exact for 9-decimal tokens too.
  const exactDigits = { fractionDigits: decimals ?? 0 };
  const full = poolAccount.streamCount >= MAX_STREAMS;
  const blocked = poolAccount.sunset
    ? stakingErrorFromCode(StakingErrorCode.PoolSunset)?.message
    : full
      ? stakingErrorFromCode(StakingErrorCode.TooManyStreams)?.message
      : null;
  const error = !draft.mint
    ? null
    : !mint
      ? "Not an address"
      : mintInfo.data?.error
        ? mintInfo.data.error
        : check && !check.ok && draft.perDay
          ? check.error
          : null;
  const set = (patch: Partial<StreamDraft>) => {
    setAccepted(false);
    setDraft((old) => ({ ...old, ...patch }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!mint || !check?.ok || (!check.exact && !accepted)) return;
    const streamIndex = poolAccount.streamCount;
    send.run({
      label: `Add reward stream ${streamIndex}`,
      build: async () => [
        new Transaction({ feePayer: authority }).add(
          await addRewardStreamInstruction(
            {
              pool,
              authority,
              rewardMint: mint,
              streamIndex,
              mode: StreamMode[draft.mode],
              rate: check.rate,
              startTs: check.startTs,
              endTs: check.endTs,
            },
            program,
          ),
        ),
      ],
    });
  };

  if (blocked) return <p className="muted small">{blocked}</p>;
  return (
    <form className="form subform" onSubmit={submit} aria-labelledby="add-stream-title">
      <h3 id="add-stream-title">Add a reward stream</h3>
      <div className="field-grid">
        <label>
          Reward token mint
          <input
            value={draft.mint}
            onChange={(event) => set({ mint: event.target.value })}
            spellCheck={false}
          />
        </label>
        <label>
          Mode
          <select
            value={draft.mode}
            onChange={(event) => set({ mode: event.target.value as StreamDraft["mode"] })}
          >
            <option value="FixedPerWeight">Fixed: amount per weight unit</option>
            <option value="SharedEmission">Shared: amount for the whole pool</option>
          </select>
        </label>
        <label>
          {draft.mode === "FixedPerWeight"
            ? "Tokens per day per weight unit"
            : "Tokens per day for the pool"}
          <input
            value={draft.perDay}
            inputMode="decimal"
            onChange={(event) => set({ perDay: event.target.value })}
          />
        </label>
        <label>
          Start <span className="muted small">(empty: now)</span>
          <input
            type="datetime-local"
            value={draft.start}
            onChange={(event) => set({ start: event.target.value })}
          />
        </label>
        <label>
          Duration (days)
          <input
            value={draft.days}
            inputMode="decimal"
            onChange={(event) => set({ days: event.target.value })}
          />
        </label>
      </div>
      {error && <p className="field-error">{error}</p>}
      {check?.ok && decimals !== null && (
        <div className={check.exact ? "muted small" : "small warning"} role="status">
          <p>
            Holders get exactly {formatAmount(check.perDay, decimals, exactDigits)} a day
            {draft.mode === "FixedPerWeight" ? " per weight unit" : ""} (on chain:{" "}
            {formatInteger(check.rate)} base units per second).
          </p>
          {!check.exact && (
            <>
              <p>
                That is not the {draft.perDay} you typed: the program pays whole base units per
                second. Exact amounts near it:{" "}
                {formatAmount(check.nearest[0], decimals, exactDigits)} or{" "}
                {formatAmount(check.nearest[1], decimals, exactDigits)} a day.
              </p>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={accepted}
                  onChange={(event) => setAccepted(event.target.checked)}
                />
                Add it at {formatAmount(check.perDay, decimals, exactDigits)} a day
              </label>
            </>
          )}
        </div>
      )}
      <button
        type="submit"
        className="primary"
        disabled={!check?.ok || (!check.exact && !accepted) || send.isPending}
      >
        {send.isPending ? "Adding…" : "Add stream"}
      </button>
    </form>
  );
}
