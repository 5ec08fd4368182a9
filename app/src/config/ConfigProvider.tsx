import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import {
  applyClusterChoice,
  loadConfig,
  type AppConfig,
  type ClusterChoice,
  type LoadedConfig,
} from "./config";

interface ConfigContextValue {
  /** The configuration in effect (after the user's cluster choice). */
  config: AppConfig;
  /** What `config.json` said. */
  loaded: LoadedConfig;
  choice: ClusterChoice | null;
  setChoice: (choice: ClusterChoice | null) => void;
}

const ConfigContext = createContext<ConfigContextValue | null>(null);
const CHOICE_KEY = "nft-staking:cluster";

function readChoice(): ClusterChoice | null {
  try {
    const raw = localStorage.getItem(CHOICE_KEY);
    return raw ? (JSON.parse(raw) as ClusterChoice) : null;
  } catch {
    return null;
  }
}

/** Loads `config.json` once and provides the effective configuration. */
export function ConfigProvider({ children }: { children: ReactNode }) {
  const query = useQuery({
    queryKey: ["config"],
    queryFn: () => loadConfig(),
    staleTime: Infinity,
  });
  const [choice, setChoiceState] = useState<ClusterChoice | null>(readChoice);
  const setChoice = useCallback((next: ClusterChoice | null) => {
    setChoiceState(next);
    try {
      if (next) localStorage.setItem(CHOICE_KEY, JSON.stringify(next));
      else localStorage.removeItem(CHOICE_KEY);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, []);
  const value = useMemo(
    () =>
      query.data
        ? {
            config: applyClusterChoice(query.data.config, choice),
            loaded: query.data,
            choice,
            setChoice,
          }
        : null,
    [query.data, choice, setChoice],
  );
  if (!value) {
    return (
      <p className="boot" role="status">
        Loading configuration…
      </p>
    );
  }
  return <ConfigContext.Provider value={value}>{children}</ConfigContext.Provider>;
}

export function useAppConfig(): ConfigContextValue {
  const value = useContext(ConfigContext);
  if (!value) throw new Error("useAppConfig outside ConfigProvider");
  return value;
}
