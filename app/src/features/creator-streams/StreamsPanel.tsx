import type { PublicKey } from "@solana/web3.js";
import type { PoolAccount } from "@nft-staking/sdk";
import { useNow } from "../../hooks/useNow";
import { formatAmount, formatDateTime, formatDuration } from "../../lib/format";
import { streamTerms } from "../pool/PoolHeader";
import type { StreamView } from "../pool/usePool";
import { AddStreamForm } from "./AddStreamForm";
import { EmissionChart } from "./EmissionChart";
import { FundStreamForm } from "./FundStreamForm";
import { RunwayChart } from "./RunwayChart";
import { projections } from "./projections";

/** Streams: terms, vault balances, runway (table and chart), emission chart, fund, add. */
export function StreamsPanel({
  pool,
  poolAccount,
  streams,
  wallet,
  isAuthority,
}: {
  pool: PublicKey;
  poolAccount: PoolAccount;
  streams: StreamView[];
  wallet: PublicKey | null;
  isAuthority: boolean;
}) {
  const now = useNow();
  // Runway moves slowly: recompute once a minute, not on every tick.
  const minute = now - (now % 60n);
  const items = projections(poolAccount, streams, minute);
  return (
    <section className="card" aria-labelledby="streams-title">
      <h2 id="streams-title">Reward streams</h2>
      {streams.length === 0 ? (
        <p className="muted">No reward stream yet{isAuthority ? ": add one below." : "."}</p>
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Stream</th>
                  <th scope="col">Terms</th>
                  <th scope="col">Ends</th>
                  <th scope="col">Vault</th>
                  <th scope="col">Runway</th>
                  {wallet && <th scope="col">Fund</th>}
                </tr>
              </thead>
              <tbody>
                {streams.map((stream, index) => {
                  const item = items[index];
                  return (
                    <tr key={stream.index}>
                      <th scope="row">
                        {stream.index}: {stream.label}
                      </th>
                      <td>{streamTerms(stream)}</td>
                      <td>{formatDateTime(stream.raw.endTs.toNumber())}</td>
                      <td>{formatAmount(stream.vaultBalance, stream.decimals)}</td>
                      <td data-testid={`runway-${stream.index}`}>
                        {!item || item.untilEnd === 0n
                          ? "Ended"
                          : item.secondsLeft === null
                            ? "Funded to the end"
                            : `Runs dry in ${formatDuration(item.secondsLeft)}`}
                      </td>
                      {wallet && (
                        <td>
                          <FundStreamForm
                            pool={pool}
                            stream={stream}
                            funder={wallet}
                            now={minute}
                          />
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <h3>Runway at the current weight</h3>
          <RunwayChart items={items} />
          <h3>Reward emission</h3>
          <EmissionChart items={items} />
        </>
      )}
      {isAuthority && wallet && (
        <AddStreamForm pool={pool} poolAccount={poolAccount} authority={wallet} />
      )}
    </section>
  );
}
