/**
 * Metaplex's official Umi clients driving a LiteSVM `TestChain`, with no RPC anywhere.
 *
 * Umi builders only need an RPC to send or to fetch; building instructions is offline. So the
 * conformance suites build with Umi, convert with the official web3.js adapters, execute through
 * `chain.send`, and decode what the programs wrote with the clients' own deserializers — the
 * same bytes-in/bytes-out path the staking program's CPIs will see.
 */
import {
  ComputeBudgetProgram,
  type Keypair,
  type PublicKey as Web3PublicKey,
  type TransactionInstruction,
} from "@solana/web3.js";
import {
  createSignerFromKeypair,
  lamports,
  signerIdentity,
  type PublicKey,
  type RpcAccount,
  type Signer,
  type TransactionBuilder,
  type Umi,
} from "@metaplex-foundation/umi";
import { createUmi } from "@metaplex-foundation/umi-bundle-defaults";
import {
  fromWeb3JsKeypair,
  fromWeb3JsPublicKey,
  toWeb3JsInstruction,
  toWeb3JsPublicKey,
} from "@metaplex-foundation/umi-web3js-adapters";
import { mplTokenMetadata } from "@metaplex-foundation/mpl-token-metadata";
import { mplCore } from "@metaplex-foundation/mpl-core";
import { type TestChain, type TxResult } from "@nft-staking/dev-kit";

/**
 * Never contacted: a port nothing listens on, so an accidental fetch fails at once instead of
 * reaching a real cluster.
 */
const NO_RPC = "http://127.0.0.1:1";

/** Enough for every pNFT instruction (LiteSVM's default is 200k per transaction). */
export const COMPUTE_LIMIT = 400_000;

/** A Umi context with the Token Metadata and Core programs, paying and signing as `payer`. */
export function offlineUmi(payer: Keypair): Umi {
  const umi = createUmi(NO_RPC).use(mplTokenMetadata()).use(mplCore());
  umi.use(signerIdentity(signerOf(umi, payer)));
  return umi;
}

/** A web3.js keypair as the Umi signer the builders take. */
export function signerOf(umi: Umi, keypair: Keypair): Signer {
  return createSignerFromKeypair(umi, fromWeb3JsKeypair(keypair));
}

export const umiKey = (key: Web3PublicKey): PublicKey => fromWeb3JsPublicKey(key);
export const web3Key = (key: PublicKey): Web3PublicKey => toWeb3JsPublicKey(key);

/** The builder's instructions as web3.js instructions. */
export function instructionsOf(builder: TransactionBuilder): TransactionInstruction[] {
  return builder.getInstructions().map(toWeb3JsInstruction);
}

/**
 * Executes a builder's instructions after a compute-limit instruction. `signers[0]` pays; every
 * keypair a builder marked as signer must be in `signers` (LiteSVM verifies signatures).
 */
export function sendBuilder(
  chain: TestChain,
  builder: TransactionBuilder,
  signers: Keypair[],
): TxResult {
  const limit = ComputeBudgetProgram.setComputeUnitLimit({ units: COMPUTE_LIMIT });
  return chain.send([limit, ...instructionsOf(builder)], signers);
}

/** The account in Umi's `RpcAccount` shape, for the generated `deserialize…` functions. */
export function rpcAccount(chain: TestChain, address: PublicKey): RpcAccount {
  const account = chain.svm.getAccount(address);
  if (!account) throw new Error(`no account at ${address}`);
  return {
    publicKey: address,
    executable: account.executable,
    owner: fromWeb3JsPublicKey(account.owner),
    lamports: lamports(account.lamports),
    data: account.data,
  };
}

/** `Program <id> invoke [<depth>]`. Ids are base58, so "Program log:" lines never match. */
const INVOKE = /^Program [1-9A-HJ-NP-Za-km-z]+ invoke \[(\d+)\]$/;
const CONSUMED = /^Program ([1-9A-HJ-NP-Za-km-z]+) consumed (\d+) of \d+ compute units$/;
const RETURNED = /^Program [1-9A-HJ-NP-Za-km-z]+ (success$|failed: )/;

/**
 * Compute units the top-level invocation of `programId` consumed, from the runtime's
 * "Program <id> consumed N of M compute units" logs (CPIs it made are included; the
 * compute-budget instruction is not).
 */
export function unitsOf(logs: string[], programId: string): number {
  // builtins log no "consumed" line, so depth follows "invoke [n]" and "success" / "failed"
  let depth = 0;
  let total = 0;
  for (const line of logs) {
    const invoke = INVOKE.exec(line);
    if (invoke) depth = Number(invoke[1]);
    else if (RETURNED.test(line)) depth -= 1;
    else {
      const consumed = CONSUMED.exec(line);
      if (consumed && depth === 1 && consumed[1] === programId) total += Number(consumed[2]);
    }
  }
  return total;
}
