import { BaseWalletMultiButton } from "@solana/wallet-adapter-react-ui";

const LABELS = {
  "change-wallet": "Change wallet",
  connecting: "Connecting…",
  "copy-address": "Copy address",
  copied: "Copied",
  disconnect: "Disconnect",
  "has-wallet": "Connect",
  "no-wallet": "Connect wallet",
} as const;

/** The wallet button: "Connect wallet" opens the wallet list; connected, it shows the address. */
export function WalletButton() {
  return <BaseWalletMultiButton labels={LABELS} />;
}
