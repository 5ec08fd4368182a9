import fs from "node:fs";
import path from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

/**
 * Serves `/config.json` from the file named by `APP_CONFIG` (dev server and `vite preview`), so
 * a local chain can hand the app its RPC URL, pool and dev wallet without touching `public/`.
 * Without `APP_CONFIG`, `public/config.json` (if any) is served as usual, else the app uses
 * defaults. A static deployment simply puts its own `config.json` next to `index.html`.
 */
function runtimeConfig(): Plugin {
  const file = process.env.APP_CONFIG ? path.resolve(process.env.APP_CONFIG) : null;
  const serve = (request: IncomingMessage, response: ServerResponse, next: () => void) => {
    if (!file || request.url?.split("?")[0]?.endsWith("/config.json") !== true) return next();
    fs.readFile(file, (error, data) => {
      if (error) {
        response.statusCode = 404;
        response.end();
        return;
      }
      response.setHeader("Content-Type", "application/json");
      response.setHeader("Cache-Control", "no-store");
      response.end(data);
    });
  };
  return {
    name: "runtime-config",
    configureServer: (server) => void server.middlewares.use(serve),
    configurePreviewServer: (server) => void server.middlewares.use(serve),
  };
}

/**
 * The wallet modal's stylesheet imports a font from Google: the app makes no third-party
 * requests (privacy, offline local chain), so the import is dropped and system fonts are used.
 */
function noRemoteFonts(): Plugin {
  return {
    name: "no-remote-fonts",
    enforce: "pre",
    transform(code, id) {
      if (!id.includes("wallet-adapter-react-ui") || !id.endsWith(".css")) return null;
      return {
        code: code.replace(/@import url\(['"]?https:\/\/fonts\.googleapis\.com[^)]*\);?/g, ""),
        map: null,
      };
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), runtimeConfig(), noRemoteFonts()],
  // Relative asset paths: the build works from any sub-path of a static host.
  base: "./",
  // web3.js and Anchor read `process.env` and `global` in places.
  define: { "process.env": {}, global: "globalThis" },
  // The SDK is CommonJS (built to sdk/dist): pre-bundle it for the dev server. Production builds
  // (Rolldown) convert CommonJS natively; `build.commonjsOptions` is a no-op in Vite 8.
  optimizeDeps: { include: ["@nft-staking/sdk"] },
  resolve: {
    // One copy of each context provider: the lockfile nests wallet-adapter-react 0.15.40 under
    // react-ui's base-ui, whose button would otherwise look for a WalletProvider of its own.
    dedupe: ["react", "react-dom", "@solana/wallet-adapter-react", "@solana/web3.js"],
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // web3.js, Anchor and SPL Token arrive through the CommonJS SDK and cannot be tree-shaken:
    // the main chunk is ~1.2 MB minified (~300 kB gzip). The creator pages are split off.
    chunkSizeWarningLimit: 1_500,
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
