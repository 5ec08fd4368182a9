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
import { formatInteger } from "../../lib/format";
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
  const mint = toPublicKey(draft.mint);
  const mintInfo = useMintInfo(mint);
  const decimals = mintInfo.data?.decimals ?? null;
  const check = decimals === null ? null : checkStream(draft, decimals, now);
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
  const set = (patch: Partial<StreamDraft>) => setDraft((old) => ({ ...old, ...patch }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!mint || !check?.ok) return;
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
      {check?.ok && (
        <p className="muted small">
          Rate on chain: {formatInteger(check.rate)} base units per second
          {draft.mode === "FixedPerWeight" ? " per weight unit" : ""}.
        </p>
      )}
      <button type="submit" className="primary" disabled={!check?.ok || send.isPending}>
        {send.isPending ? "Adding…" : "Add stream"}
      </button>
    </form>
  );
}
