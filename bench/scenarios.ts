import { Keypair, Transaction } from "@solana/web3.js";
import { initializePoolInstruction } from "@nft-staking/sdk";
import { TestChain } from "../tests/utils/chain";

/** One measured instruction: compute units, accounts touched, serialized size, NFTs moved. */
export interface Measurement {
  cu: number;
  accounts: number;
  txBytes: number;
  nfts: number;
}

/** Size in bytes of the signed legacy transaction carrying `instructions`. */
function transactionBytes(chain: TestChain, tx: Transaction, signers: Keypair[]): number {
  tx.recentBlockhash = chain.svm.latestBlockhash();
  tx.feePayer = signers[0]?.publicKey;
  tx.sign(...signers);
  return tx.serialize().length;
}

async function initializePool(): Promise<Measurement> {
  const chain = new TestChain();
  const authority = chain.fundedKeypair(10, 1);
  const ix = await initializePoolInstruction({
    authority: authority.publicKey,
    poolId: 1n,
    collection: Keypair.fromSeed(new Uint8Array(32).fill(2)).publicKey,
    defaultTierWeight: 1,
    uri: "https://example.org/pool.json",
  });
  const txBytes = transactionBytes(chain, new Transaction().add(ix), [authority]);
  const result = chain.send([ix], [authority]);
  if (!result.ok) throw new Error(`initialize_pool failed: ${result.logs.join("\n")}`);
  return { cu: result.computeUnits, accounts: ix.keys.length, txBytes, nfts: 0 };
}

/** Every benchmark scenario, by the key used in bench/results.json and bench/budgets.json. */
export const SCENARIOS: Record<string, () => Promise<Measurement>> = {
  initialize_pool: initializePool,
};
