import { useId, useState, type FormEvent } from "react";
import { Transaction, type PublicKey } from "@solana/web3.js";
import { fundRewardStreamInstruction, toBigIntView } from "@nft-staking/sdk";
import { useChain } from "../../hooks/useChain";
import { formatAmount, parseAmount } from "../../lib/format";
import { useSendTransactions } from "../toasts/useSendTransactions";
import { useTokenAccounts } from "../nfts/useNfts";
import { rewardDestinations } from "../rewards/rewardDestinations";
import type { StreamView } from "../pool/usePool";
import "./creator-streams.css";

/** Moves reward tokens from the wallet into a stream's vault (`fund_reward_stream`; anyone may). */
export function FundStreamForm({
  pool,
  stream,
  funder,
  now,
}: {
  pool: PublicKey;
  stream: StreamView;
  funder: PublicKey;
  now: bigint;
}) {
  const { program } = useChain();
  const id = useId();
  const send = useSendTransactions();
  const accounts = useTokenAccounts(funder);
  const [text, setText] = useState("");
  const source = accounts.data
    ? rewardDestinations([stream.mint], funder, accounts.data)[0]
    : undefined;
  let amount: bigint | null = null;
  let error: string | null = null;
  if (text) {
    try {
      amount = parseAmount(text, stream.decimals);
      if (amount === 0n) error = "More than 0";
      else if (source && amount > source.balance) error = "More than your balance";
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
  }
  const ended = toBigIntView(stream.raw).endTs <= now;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (amount === null || error || !source?.account) return;
    const funderToken = source.account;
    send.run({
      label: `Fund ${stream.label} with ${formatAmount(amount, stream.decimals)}`,
      build: async () => [
        new Transaction({ feePayer: funder }).add(
          await fundRewardStreamInstruction(
            {
              pool,
              funder,
              streamIndex: stream.index,
              rewardMint: stream.mint,
              amount: amount!,
              funderToken,
            },
            program,
          ),
        ),
      ],
      onSuccess: () => setText(""),
    });
  };
  if (ended) return <span className="muted small">Ended: funding would only add surplus.</span>;
  return (
    <form className="fund-form" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        Amount of {stream.label} to fund stream {stream.index}
      </label>
      <input
        id={id}
        value={text}
        inputMode="decimal"
        placeholder="Amount"
        onChange={(event) => setText(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint`}
      />
      <button
        type="submit"
        disabled={amount === null || Boolean(error) || !source?.account || send.isPending}
      >
        {send.isPending ? "Funding…" : "Fund"}
      </button>
      <span id={`${id}-hint`} className={error ? "field-error" : "muted small"}>
        {error ??
          (source?.account
            ? `You have ${formatAmount(source.balance, stream.decimals)}`
            : source
              ? `You hold no ${stream.label}`
              : "")}
      </span>
    </form>
  );
}
