import "./polyfills";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
// Stylesheets in cascade order: the wallet modal's, then the app's global styles, then (through
// App) each feature's own stylesheet, imported by its components.
import "@solana/wallet-adapter-react-ui/styles.css";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/controls.css";
import "./styles/content.css";
import { App } from "./App";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
