import { createPrivateKey, sign, type KeyObject } from "crypto";
import {
  ComputeBudgetProgram,
  Keypair,
  SystemProgram,
  TransactionMessage,
  VersionedTransaction,
  type PublicKey,
} from "@solana/web3.js";
import type { Svm } from "./svm";

const FAUCET_LAMPORTS = 1_000_000_000_000_000; // 1M SOL, topped up when low
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

/**
 * The airdrop source: a fresh key per run (never snapshotted), so airdrops are real transfer
 * transactions with their own signatures, statuses and history. Signs with Node's ed25519, which
 * is ~100× faster than web3.js's.
 */
export class Faucet {
  private readonly keypair = Keypair.generate();
  private readonly key: KeyObject;
  readonly address: string;

  constructor(private readonly svm: Svm) {
    this.key = createPrivateKey({
      key: Buffer.concat([PKCS8_ED25519_PREFIX, this.keypair.secretKey.subarray(0, 32)]),
      format: "der",
      type: "pkcs8",
    });
    this.address = this.keypair.publicKey.toBase58();
  }

  /**
   * A signed transfer of `lamports` to `to`. `attempt` > 0 varies the message (a compute limit),
   * since identical airdrops within one blockhash would share a signature.
   */
  transfer(to: PublicKey, lamports: bigint, blockhash: string, attempt: number): Uint8Array {
    const from = this.keypair.publicKey;
    const balance = this.svm.getBalance(from) ?? 0n;
    if (balance < lamports + 1_000_000n) {
      this.svm.setAccount(from, {
        lamports: Math.max(FAUCET_LAMPORTS, Number(lamports) * 2),
        data: new Uint8Array(0),
        owner: SystemProgram.programId,
        executable: false,
      });
    }
    const transfer = SystemProgram.transfer({ fromPubkey: from, toPubkey: to, lamports });
    const instructions =
      attempt === 0
        ? [transfer]
        : [ComputeBudgetProgram.setComputeUnitLimit({ units: 10_000 + attempt }), transfer];
    const message = new TransactionMessage({
      payerKey: from,
      recentBlockhash: blockhash,
      instructions,
    }).compileToLegacyMessage();
    const signature = sign(null, message.serialize(), this.key);
    return new VersionedTransaction(message, [signature]).serialize();
  }
}
