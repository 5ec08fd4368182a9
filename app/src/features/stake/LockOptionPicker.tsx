import { useId } from "react";
import type { PoolAccount } from "@nft-staking/sdk";
import { formatMultiplier } from "../../lib/format";
import { daysLabel } from "../../lib/units";
import "./stake.css";

/** No lock, or one of the pool's lock options (radio group, keyboard-friendly). */
export function LockOptionPicker({
  pool,
  value,
  onChange,
  disabled,
}: {
  pool: PoolAccount;
  value: number | null;
  onChange: (value: number | null) => void;
  disabled?: boolean;
}) {
  const name = useId();
  const options = pool.lockOptions
    .map((lock, index) => ({ ...lock, index }))
    .filter((lock) => lock.multiplierBps > 0);
  if (options.length === 0) return null;
  return (
    <fieldset className="lock-picker" disabled={disabled}>
      <legend>Lock</legend>
      <label>
        <input type="radio" name={name} checked={value === null} onChange={() => onChange(null)} />
        No lock <span className="muted">(weight ×1, unstake any time)</span>
      </label>
      {options.map((lock) => (
        <label key={lock.index}>
          <input
            type="radio"
            name={name}
            checked={value === lock.index}
            onChange={() => onChange(lock.index)}
          />
          {daysLabel(lock.durationS)}{" "}
          <span className="muted">(weight {formatMultiplier(lock.multiplierBps)})</span>
        </label>
      ))}
    </fieldset>
  );
}
