import { strict as assert } from "assert";
import {
  Keypair,
  LAMPORTS_PER_SOL,
  PublicKey,
  SystemProgram,
  Transaction,
  TransactionMessage,
  VersionedTransaction,
} from "@solana/web3.js";
import { getBase58Decoder } from "@solana/kit";
import {
  FailedTransactionMetadata,
  Svm,
  toKitTransaction,
  TransactionMetadata,
  wireBytes,
} from "@nft-staking/localnet";

/** The web3.js ↔ LiteSVM 1.x adapter every test, the bench and the local chain go through. */
describe("localnet/src/svm.ts (web3.js adapter over LiteSVM 1.x)", () => {
  let svm: Svm;
  let payer: Keypair;

  beforeEach(() => {
    svm = Svm.withDefaultPrograms();
    payer = Keypair.generate();
    svm.airdrop(payer.publicKey, BigInt(10 * LAMPORTS_PER_SOL));
  });

  const transfer = (to: PublicKey, lamports: number) => {
    const tx = new Transaction().add(
      SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: to, lamports }),
    );
    tx.feePayer = payer.publicKey;
    tx.recentBlockhash = svm.latestBlockhash();
    return tx;
  };

  it("executes a signed legacy web3.js transaction and reads accounts back in web3.js shape", () => {
    const to = Keypair.generate().publicKey;
    const tx = transfer(to, LAMPORTS_PER_SOL);
    tx.sign(payer);
    const result = svm.sendTransaction(tx);
    assert.ok(result instanceof TransactionMetadata, result.toString());
    const account = svm.getAccount(to);
    assert.ok(account);
    assert.equal(account.lamports, LAMPORTS_PER_SOL);
    assert.ok(account.owner.equals(SystemProgram.programId));
    assert.equal(account.executable, false);
    assert.equal(svm.getBalance(to), BigInt(LAMPORTS_PER_SOL));
    assert.equal(svm.getAccount(Keypair.generate().publicKey), null);
  });

  it("executes a v0 VersionedTransaction", () => {
    const to = Keypair.generate().publicKey;
    const message = new TransactionMessage({
      payerKey: payer.publicKey,
      recentBlockhash: svm.latestBlockhash(),
      instructions: transfer(to, LAMPORTS_PER_SOL).instructions,
    }).compileToV0Message();
    const tx = new VersionedTransaction(message);
    tx.sign([payer]);
    assert.ok(svm.sendTransaction(tx) instanceof TransactionMetadata);
    assert.equal(svm.getAccount(to)?.lamports, LAMPORTS_PER_SOL);
  });

  it("gives the same result through LiteSVM's kit path (wire bytes → kit decoder)", () => {
    const to = Keypair.generate().publicKey;
    const tx = transfer(to, LAMPORTS_PER_SOL);
    tx.sign(payer);
    const kitTx = toKitTransaction(tx);
    assert.deepEqual(
      Object.keys(kitTx.signatures),
      [payer.publicKey.toBase58()],
      "kit sees the web3.js signer",
    );
    const viaKit = svm.litesvm.simulateTransaction(kitTx);
    const viaBytes = svm.simulateTransaction(tx);
    assert.ok(!(viaKit instanceof FailedTransactionMetadata));
    assert.ok(!(viaBytes instanceof FailedTransactionMetadata));
    assert.deepEqual(viaKit.meta().logs(), viaBytes.meta().logs());
    assert.equal(viaKit.meta().computeUnitsConsumed(), viaBytes.meta().computeUnitsConsumed());
    const result = svm.litesvm.sendTransaction(kitTx);
    assert.ok(result instanceof TransactionMetadata);
    const signature = tx.signature;
    assert.ok(signature);
    assert.equal(
      getBase58Decoder().decode(result.signature()),
      getBase58Decoder().decode(signature),
    );
  });

  it("fails an unsigned transaction as SignatureFailure instead of throwing", () => {
    const tx = transfer(Keypair.generate().publicKey, LAMPORTS_PER_SOL);
    const result = svm.sendTransaction(wireBytes(tx));
    assert.ok(result instanceof FailedTransactionMetadata);
    assert.match(result.toString(), /SignatureFailure/);
    assert.equal(svm.getBalance(payer.publicKey), BigInt(10 * LAMPORTS_PER_SOL), "nothing moved");
  });

  it("writes accounts with setAccount exactly as given", () => {
    const address = Keypair.generate().publicKey;
    const owner = Keypair.generate().publicKey;
    const data = Uint8Array.from([1, 2, 3, 4]);
    svm.setAccount(address, { lamports: 12_345, data, owner, executable: false });
    const account = svm.getAccount(address.toBase58());
    assert.ok(account);
    assert.deepEqual([...account.data], [1, 2, 3, 4]);
    assert.ok(account.owner.equals(owner));
    assert.equal(account.lamports, 12_345);
  });
});
