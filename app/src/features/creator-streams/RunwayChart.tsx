import { formatDuration } from "../../lib/format";
import { dayTicks, type StreamProjection } from "./projections";
import "./creator-streams.css";

const WIDTH = 640;
const ROW = 46;
const SIDE = 12;
const TOP = 4;
const AXIS = 24;

/** Runway: per stream, how long its vault pays at the current weight vs. when the stream ends. */
export function RunwayChart({ items }: { items: StreamProjection[] }) {
  const horizon = Math.max(1, ...items.map((item) => Number(item.untilEnd)));
  const height = TOP + items.length * ROW + AXIS;
  const x = (seconds: number) => SIDE + ((WIDTH - 2 * SIDE) * Math.min(seconds, horizon)) / horizon;
  const describe = (item: StreamProjection) =>
    item.untilEnd === 0n
      ? `${item.label}: ended`
      : item.secondsLeft === null
        ? `${item.label}: funded until it ends in ${formatDuration(item.untilEnd)}`
        : `${item.label}: runs dry in ${formatDuration(item.secondsLeft)}, ends in ${formatDuration(item.untilEnd)}`;
  const summary = items.map(describe).join("; ");
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`Runway. ${summary}`}>
        {dayTicks(horizon / 86_400).map((day) => (
          <g key={day}>
            <line
              x1={x(day * 86_400)}
              x2={x(day * 86_400)}
              y1={TOP}
              y2={height - AXIS}
              className="grid"
            />
            <text x={x(day * 86_400)} y={height - 6} className="axis" textAnchor="middle">
              {day}d
            </text>
          </g>
        ))}
        {items.map((item, row) => {
          const y = TOP + row * ROW + 20;
          const funded =
            item.secondsLeft === null ? Number(item.untilEnd) : Number(item.secondsLeft);
          return (
            <g key={item.index}>
              <text x={SIDE} y={y - 5} className="label">
                {describe(item)}
              </text>
              <rect
                x={SIDE}
                y={y}
                width={x(Number(item.untilEnd)) - SIDE}
                height={16}
                className="bar-track"
                rx={3}
              />
              <rect
                x={SIDE}
                y={y}
                width={Math.max(0, x(funded) - SIDE)}
                height={16}
                rx={3}
                className={item.secondsLeft === null ? "bar-ok" : "bar-warning"}
              />
              <line
                x1={x(Number(item.untilEnd))}
                x2={x(Number(item.untilEnd))}
                y1={y - 3}
                y2={y + 19}
                className="end-mark"
              />
            </g>
          );
        })}
      </svg>
      <figcaption className="muted small">
        Filled: how long the vault pays at today's weight (green: to the end, amber: runs dry
        first); mark: the stream's end.
      </figcaption>
    </figure>
  );
}
