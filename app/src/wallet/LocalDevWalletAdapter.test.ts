import { describe, expect, it, vi } from "vitest";
import {
  Keypair,
  SystemProgram,
  Transaction,
  TransactionMessage,
  VersionedTransaction,
} from "@solana/web3.js";
import { ed25519 } from "@noble/curves/ed25519";
import { WalletNotConnectedError } from "@solana/wallet-adapter-base";
import { LocalDevWalletAdapter } from "./LocalDevWalletAdapter";

const BLOCKHASH = "11111111111111111111111111111111";

function transfer(from: Keypair) {
  return SystemProgram.transfer({
    fromPubkey: from.publicKey,
    toPubkey: Keypair.generate().publicKey,
    lamports: 1_000,
  });
}

describe("LocalDevWalletAdapter", () => {
  const keypair = Keypair.generate();

  it("connects to the configured key and emits connect", async () => {
    const adapter = new LocalDevWalletAdapter(Array.from(keypair.secretKey));
    const onConnect = vi.fn();
    adapter.on("connect", onConnect);
    expect(adapter.publicKey).toBeNull();
    await adapter.connect();
    expect(adapter.connected).toBe(true);
    expect(adapter.publicKey?.toBase58()).toBe(keypair.publicKey.toBase58());
    expect(onConnect).toHaveBeenCalledWith(keypair.publicKey);
    await adapter.disconnect();
    expect(adapter.publicKey).toBeNull();
  });

  it("signs a legacy transaction with a valid signature", async () => {
    const adapter = new LocalDevWalletAdapter(keypair.secretKey);
    await adapter.connect();
    const tx = new Transaction({ feePayer: keypair.publicKey, recentBlockhash: BLOCKHASH }).add(
      transfer(keypair),
    );
    const signed = await adapter.signTransaction(tx);
    expect(signed.verifySignatures()).toBe(true);
  });

  it("signs versioned and batched transactions", async () => {
    const adapter = new LocalDevWalletAdapter(keypair.secretKey, "Local dev wallet (creator)");
    expect(adapter.name).toBe("Local dev wallet (creator)");
    await adapter.connect();
    const message = new TransactionMessage({
      payerKey: keypair.publicKey,
      recentBlockhash: BLOCKHASH,
      instructions: [transfer(keypair)],
    }).compileToV0Message();
    const [signed] = await adapter.signAllTransactions([new VersionedTransaction(message)]);
    const signature = signed?.signatures[0];
    expect(signature).toBeDefined();
    expect(ed25519.verify(signature!, message.serialize(), keypair.publicKey.toBytes())).toBe(true);
  });

  it("refuses to sign while disconnected", async () => {
    const adapter = new LocalDevWalletAdapter(keypair.secretKey);
    const tx = new Transaction({ feePayer: keypair.publicKey, recentBlockhash: BLOCKHASH });
    await expect(adapter.signTransaction(tx)).rejects.toBeInstanceOf(WalletNotConnectedError);
  });

  it("rejects a malformed key up front", () => {
    expect(() => new LocalDevWalletAdapter(new Uint8Array(10))).toThrow();
  });
});
