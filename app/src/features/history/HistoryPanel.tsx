import type { PublicKey } from "@solana/web3.js";
import { useAppConfig } from "../../config/ConfigProvider";
import { explorerTxUrl } from "../../config/config";
import { downloadText } from "../../lib/csv";
import { formatAmount, formatDateTime, shortAddress } from "../../lib/format";
import { describeError } from "../../lib/txErrors";
import type { StreamView } from "../pool/usePool";
import { historyCsv, type HistoryRow, type TokenInfo } from "./history";
import { useRewardHistory } from "./useRewardHistory";
import "./history.css";

function amountText(row: HistoryRow, tokens: TokenInfo): string {
  if (row.amount === undefined) return "";
  if (row.kind === "Perk redeemed") return `${row.amount.toString()} points`;
  const token = row.mint ? tokens.get(row.mint) : undefined;
  return token
    ? `${formatAmount(row.amount, token.decimals)} ${token.label}`
    : row.amount.toString();
}

/** Reward history from the program's events, newest first, with a CSV download (for taxes). */
export function HistoryPanel({
  pool,
  owner,
  streams,
}: {
  pool: PublicKey;
  owner: PublicKey;
  streams: StreamView[];
}) {
  const { config } = useAppConfig();
  const history = useRewardHistory(pool, owner);
  const rows = history.data?.pages.flatMap((page) => page.rows) ?? [];
  const tokens: TokenInfo = new Map(
    streams.map((stream) => [
      stream.mint.toBase58(),
      { decimals: stream.decimals, label: stream.label },
    ]),
  );
  const download = () =>
    downloadText(
      `staking-history-${pool.toBase58().slice(0, 8)}-${new Date().toISOString().slice(0, 10)}.csv`,
      historyCsv(rows, tokens),
    );
  return (
    <section className="card" aria-labelledby="history-title">
      <div className="section-head">
        <h2 id="history-title">History</h2>
        <div className="actions">
          <button type="button" onClick={download} disabled={rows.length === 0}>
            Download CSV
          </button>
        </div>
      </div>
      {history.isLoading ? (
        <p role="status">Loading history…</p>
      ) : history.error ? (
        <p className="banner banner-error">
          Could not load history: {describeError(history.error)}
        </p>
      ) : rows.length === 0 ? (
        <p className="muted">Nothing yet: stakes, claims and perk redemptions will show here.</p>
      ) : (
        <div className="table-wrap">
          <table className="history">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Event</th>
                <th scope="col">NFT / token</th>
                <th scope="col">Amount</th>
                <th scope="col">Transaction</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => {
                const link = explorerTxUrl(config, row.signature);
                return (
                  <tr key={`${row.signature}-${index}`}>
                    <td>{row.time ? formatDateTime(row.time) : "—"}</td>
                    <td>{row.kind}</td>
                    <td>
                      {row.mint ? (
                        <code title={row.mint}>{shortAddress(row.mint)}</code>
                      ) : (
                        row.details
                      )}
                    </td>
                    <td>{amountText(row, tokens)}</td>
                    <td>
                      {link ? (
                        <a href={link} target="_blank" rel="noreferrer">
                          {shortAddress(row.signature, 6)}
                        </a>
                      ) : (
                        <code title={row.signature}>{shortAddress(row.signature, 6)}</code>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {history.hasNextPage && (
        <button
          type="button"
          onClick={() => history.fetchNextPage()}
          disabled={history.isFetchingNextPage}
        >
          {history.isFetchingNextPage ? "Loading…" : "Load older"}
        </button>
      )}
    </section>
  );
}
