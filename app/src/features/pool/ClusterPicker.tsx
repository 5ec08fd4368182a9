import { useId, useState, type FormEvent } from "react";
import { CLUSTERS, CLUSTER_LABELS, type Cluster } from "../../config/config";
import { useAppConfig } from "../../config/ConfigProvider";
import "./pool.css";

/** Network choice: the config's cluster by default; devnet, mainnet or a custom RPC URL. */
export function ClusterPicker() {
  const { config, loaded, setChoice } = useAppConfig();
  const id = useId();
  const [customUrl, setCustomUrl] = useState(config.cluster === "custom" ? config.rpcUrl : "");
  const [editing, setEditing] = useState(false);
  const onSelect = (cluster: Cluster) => {
    if (cluster === "custom") {
      setEditing(true);
      return;
    }
    setEditing(false);
    setChoice(cluster === loaded.config.cluster ? null : { cluster });
  };
  const onCustom = (event: FormEvent) => {
    event.preventDefault();
    try {
      const url = new URL(customUrl);
      if (url.protocol !== "http:" && url.protocol !== "https:") return;
      setChoice({ cluster: "custom", rpcUrl: url.toString() });
      setEditing(false);
    } catch {
      // the input's own validation message explains it
    }
  };
  return (
    <div className="cluster-picker">
      <label htmlFor={id} className="visually-hidden">
        Network
      </label>
      <select
        id={id}
        value={editing ? "custom" : config.cluster}
        onChange={(event) => onSelect(event.target.value as Cluster)}
      >
        {CLUSTERS.map((cluster) => (
          <option key={cluster} value={cluster}>
            {CLUSTER_LABELS[cluster]}
          </option>
        ))}
      </select>
      {editing && (
        <form onSubmit={onCustom} className="custom-rpc">
          <label htmlFor={`${id}-url`} className="visually-hidden">
            Custom RPC URL
          </label>
          <input
            id={`${id}-url`}
            type="url"
            required
            placeholder="https://my-rpc.example"
            value={customUrl}
            onChange={(event) => setCustomUrl(event.target.value)}
          />
          <button type="submit">Use</button>
        </form>
      )}
    </div>
  );
}
