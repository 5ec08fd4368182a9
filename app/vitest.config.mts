import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// Component and unit tests: `npm test --workspace app` (or `npx vitest run --root app`).
export default defineConfig({
  plugins: [react()],
  test: {
    // jsdom, keeping Node's typed arrays on the test global (web3.js checks `instanceof
    // Uint8Array` against Node's realm, not the window's); see the file.
    environment: "./test/jsdom-environment.ts",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test-setup.ts"],
  },
});
