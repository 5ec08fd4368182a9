import { useMemo, type ReactNode } from "react";
import { ConnectionProvider, WalletProvider } from "@solana/wallet-adapter-react";
import { WalletModalProvider } from "@solana/wallet-adapter-react-ui";
import { useAppConfig } from "../config/ConfigProvider";
import { LocalDevWalletAdapter } from "./LocalDevWalletAdapter";
import "./wallet.css";

/**
 * Connection and wallets for the configured cluster: every Wallet-Standard wallet the browser
 * has (detected by the adapter), plus the local dev wallet(s) on the local chain only.
 */
export function WalletProviders({ children }: { children: ReactNode }) {
  const { config } = useAppConfig();
  const wallets = useMemo(
    () =>
      config.cluster === "localnet"
        ? config.devWallets.map(
            (wallet) => new LocalDevWalletAdapter(wallet.secretKey, wallet.label),
          )
        : [],
    [config.cluster, config.devWallets],
  );
  const connectionConfig = useMemo(
    () => ({ commitment: "confirmed" as const, wsEndpoint: config.wsUrl }),
    [config.wsUrl],
  );
  return (
    <ConnectionProvider endpoint={config.rpcUrl} config={connectionConfig}>
      <WalletProvider wallets={wallets} autoConnect localStorageKey={`wallet:${config.cluster}`}>
        <WalletModalProvider>{children}</WalletModalProvider>
      </WalletProvider>
    </ConnectionProvider>
  );
}
