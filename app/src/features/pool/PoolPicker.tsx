import { useId, useState, type FormEvent } from "react";
import { toPublicKey } from "./usePool";
import "./pool.css";

/** A pool address field; opens the pool when the address is valid. */
export function PoolPicker({
  current,
  onOpen,
  label = "Pool address",
}: {
  current: string;
  onOpen: (pool: string) => void;
  label?: string;
}) {
  const id = useId();
  const [text, setText] = useState(current);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const key = toPublicKey(text);
    if (!key) {
      setError("That is not a Solana address");
      return;
    }
    setError(null);
    onOpen(key.toBase58());
  };
  return (
    <form className="pool-picker" onSubmit={submit}>
      <label htmlFor={id}>{label}</label>
      <div className="row">
        <input
          id={id}
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="Pool address (base58)"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <button type="submit">Open</button>
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </form>
  );
}
