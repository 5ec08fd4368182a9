import { formatAmount } from "../../lib/format";
import { dayTicks, type StreamProjection } from "./projections";
import "./creator-streams.css";

const WIDTH = 300;
const HEIGHT = 150;
const PAD = { left: 8, right: 8, top: 10, bottom: 24 };

/**
 * Reward emission: tokens holders earn from now on at today's weight (rising line, flat once
 * the stream ends) against what the vault holds beyond current debts (dashed): where the line
 * crosses it, the vault runs dry and rewards accrue as debt.
 */
function StreamEmission({ item }: { item: StreamProjection }) {
  const horizon = Math.max(Number(item.untilEnd), 86_400);
  const total = item.perSecond * (item.untilEnd - item.startsIn);
  const top = Number(total > item.uncommitted ? total : item.uncommitted) || 1;
  const x = (seconds: number) => PAD.left + ((WIDTH - PAD.left - PAD.right) * seconds) / horizon;
  const y = (amount: number) =>
    HEIGHT - PAD.bottom - ((HEIGHT - PAD.top - PAD.bottom) * amount) / top;
  const line =
    `M${x(0)},${y(0)} L${x(Number(item.startsIn))},${y(0)} ` +
    `L${x(Number(item.untilEnd))},${y(Number(total))} L${x(horizon)},${y(Number(total))}`;
  const perDay = formatAmount(item.perSecond * 86_400n, item.decimals);
  const label = `${item.label}: ${perDay} a day at today's weight, ${formatAmount(total, item.decimals)} until the end; vault has ${formatAmount(item.uncommitted, item.decimals)} uncommitted`;
  return (
    <figure className="chart small-multiple">
      <figcaption>
        <strong>{item.label}</strong> <span className="muted small">{perDay}/day</span>
        {item.perSecond === 0n && (
          <span className="muted small"> · nothing is emitted until NFTs are staked</span>
        )}
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
        {dayTicks(horizon / 86_400, 4).map((day) => (
          <text key={day} x={x(day * 86_400)} y={HEIGHT - 6} className="axis" textAnchor="middle">
            {day}d
          </text>
        ))}
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} className="grid" />
        <line
          x1={PAD.left}
          x2={WIDTH - PAD.right}
          y1={y(Number(item.uncommitted))}
          y2={y(Number(item.uncommitted))}
          className="vault-line"
        />
        <path d={line} className="emission-line" fill="none" />
      </svg>
    </figure>
  );
}

export function EmissionChart({ items }: { items: StreamProjection[] }) {
  const live = items.filter((item) => item.untilEnd > 0n);
  if (live.length === 0) return <p className="muted small">No stream is emitting.</p>;
  return (
    <div className="chart-row">
      {live.map((item) => (
        <StreamEmission key={item.index} item={item} />
      ))}
      <p className="muted small legend">
        <span className="swatch emission" /> earned by holders from now ·{" "}
        <span className="swatch vault" /> vault beyond current debts
      </p>
    </div>
  );
}
