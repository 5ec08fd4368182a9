import {
  BaseSignerWalletAdapter,
  WalletNotConnectedError,
  WalletReadyState,
  isVersionedTransaction,
  type TransactionOrVersionedTransaction,
  type WalletName,
} from "@solana/wallet-adapter-base";
import { Keypair, type PublicKey } from "@solana/web3.js";

const ICON =
  "data:image/svg+xml;base64," +
  btoa(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1f6f5c"/>' +
      '<path d="M9 11h14v12H9z" fill="none" stroke="#fff" stroke-width="2.2"/><path d="M12 11V8h8v3" fill="none" stroke="#fff" stroke-width="2.2"/>' +
      '<circle cx="16" cy="17" r="2.2" fill="#fff"/></svg>',
  );

/**
 * A wallet for the local chain only: signs with a dev keypair handed over by the local chain's
 * `config.json`, so `npm start` works without a browser extension. Never offered on public
 * clusters (the config loader drops dev keys there).
 */
export class LocalDevWalletAdapter extends BaseSignerWalletAdapter {
  readonly name: WalletName;
  readonly url = "https://github.com/solana-labs/wallet-adapter";
  readonly icon = ICON;
  readonly readyState = WalletReadyState.Installed;
  readonly supportedTransactionVersions = new Set(["legacy", 0] as const);
  private keypair: Keypair | null = null;
  private readonly secretKey: Uint8Array;

  constructor(secretKey: Uint8Array | number[], label = "Local dev wallet") {
    super();
    this.secretKey = Uint8Array.from(secretKey);
    // Validate now: a bad key should fail at start-up, not at the first click.
    Keypair.fromSecretKey(this.secretKey);
    this.name = label as WalletName;
  }

  get publicKey(): PublicKey | null {
    return this.keypair?.publicKey ?? null;
  }

  get connecting(): boolean {
    return false;
  }

  async connect(): Promise<void> {
    if (this.keypair) return;
    this.keypair = Keypair.fromSecretKey(this.secretKey);
    this.emit("connect", this.keypair.publicKey);
  }

  async disconnect(): Promise<void> {
    if (!this.keypair) return;
    this.keypair = null;
    this.emit("disconnect");
  }

  async signTransaction<
    T extends TransactionOrVersionedTransaction<this["supportedTransactionVersions"]>,
  >(transaction: T): Promise<T> {
    const keypair = this.keypair;
    if (!keypair) throw new WalletNotConnectedError();
    if (isVersionedTransaction(transaction)) transaction.sign([keypair]);
    else transaction.partialSign(keypair);
    return transaction;
  }
}
