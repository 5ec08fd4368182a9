import { useId, useMemo, useState, type ChangeEvent } from "react";
import { previewTierCsv, type TierCsvPreview } from "../pool/tierList";
import "./creator-tiers.css";

/**
 * A tier list from a CSV file (or pasted text), `mint,tier` per line, with a live preview:
 * the Merkle root that goes on chain and how many NFTs each tier has.
 */
export function TierCsvInput({
  value,
  onChange,
  tierNames,
}: {
  value: string;
  onChange: (csv: string) => void;
  tierNames?: string[];
}) {
  const id = useId();
  const [fileName, setFileName] = useState<string | null>(null);
  const preview: TierCsvPreview | null = useMemo(
    () => (value.trim() === "" ? null : previewTierCsv(value)),
    [value],
  );
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setFileName(file.name);
    onChange(await file.text());
  };
  return (
    <div className="tier-csv">
      <label htmlFor={`${id}-file`}>Tier list (CSV of mint,tier)</label>
      <input id={`${id}-file`} type="file" accept=".csv,text/csv,text/plain" onChange={onFile} />
      <details>
        <summary>
          {fileName ? `Loaded ${fileName}: edit or paste instead` : "Or paste the CSV"}
        </summary>
        <label htmlFor={`${id}-text`} className="visually-hidden">
          Tier CSV text
        </label>
        <textarea
          id={`${id}-text`}
          rows={5}
          value={value}
          spellCheck={false}
          placeholder={"mint,tier\nAbc…xyz,0"}
          onChange={(event) => {
            setFileName(null);
            onChange(event.target.value);
          }}
        />
      </details>
      {preview && !preview.ok && (
        <p className="field-error" role="alert">
          {preview.error}
        </p>
      )}
      {preview?.ok && (
        <div className="tier-preview" aria-live="polite" data-testid="tier-preview">
          <p className="small">
            {preview.size} NFTs · root <code className="root">{preview.root}</code>
          </p>
          <table>
            <caption className="visually-hidden">NFTs per tier</caption>
            <thead>
              <tr>
                <th scope="col">Tier</th>
                <th scope="col">NFTs</th>
              </tr>
            </thead>
            <tbody>
              {preview.counts.map((count, tier) =>
                count > 0 ? (
                  <tr key={tier}>
                    <td>{tierNames?.[tier] ? `${tier} (${tierNames[tier]})` : tier}</td>
                    <td>{count}</td>
                  </tr>
                ) : null,
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
