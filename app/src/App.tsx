import { Suspense, lazy, useState } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ConfigProvider, useAppConfig } from "./config/ConfigProvider";
import { WalletProviders } from "./wallet/WalletProviders";
import { WalletButton } from "./wallet/WalletButton";
import { ToastProvider } from "./features/toasts/ToastProvider";
import { ClusterPicker } from "./features/pool/ClusterPicker";
import { useRoute, routeHash } from "./hooks/useRoute";
import { HolderPage } from "./pages/HolderPage";
import { CLUSTER_LABELS } from "./config/config";

// The creator pages are a separate chunk: most visitors only stake.
const CreatorPage = lazy(() => import("./pages/CreatorPage"));

export function App() {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
      }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider>
        <WalletProviders>
          <ToastProvider>
            <Layout />
          </ToastProvider>
        </WalletProviders>
      </ConfigProvider>
    </QueryClientProvider>
  );
}

function Layout() {
  const { page, params } = useRoute();
  const { config, loaded } = useAppConfig();
  const pool = params.get("pool") ?? undefined;
  const skipToContent = () => document.getElementById("main")?.focus();
  return (
    <>
      <button type="button" className="skip-link" onClick={skipToContent}>
        Skip to content
      </button>
      <header className="app-header">
        <a className="brand" href={routeHash("holder", { pool })}>
          <span aria-hidden="true" className="brand-mark" />
          NFT Staking
        </a>
        <nav aria-label="Pages" className="nav">
          <a
            href={routeHash("holder", { pool })}
            aria-current={page === "holder" ? "page" : undefined}
          >
            Stake
          </a>
          <a
            href={routeHash("creator", { pool })}
            aria-current={page === "creator" ? "page" : undefined}
          >
            Creator
          </a>
        </nav>
        <div className="header-actions">
          <ClusterPicker />
          <WalletButton />
        </div>
      </header>
      {loaded.problem && (
        <p className="banner banner-warning" role="alert">
          The app's config.json could not be used ({loaded.problem}); using{" "}
          {CLUSTER_LABELS[config.cluster]} defaults.
        </p>
      )}
      <main id="main" tabIndex={-1}>
        {page === "creator" ? (
          <Suspense fallback={<p role="status">Loading the creator pages…</p>}>
            <CreatorPage />
          </Suspense>
        ) : (
          <HolderPage />
        )}
      </main>
      <footer className="app-footer">
        <span>{CLUSTER_LABELS[config.cluster]}</span>
        <span>
          Program <code>{config.programId}</code>
        </span>
      </footer>
    </>
  );
}
