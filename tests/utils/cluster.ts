import type { Keypair, PublicKey, TransactionInstruction } from "@solana/web3.js";
import type { ClusterAccess } from "../../migrations/lib/pool-config";
import { assertOk } from "./assertions";
import { type TestChain } from "@nft-staking/dev-kit";

/** Cluster access backed by a test chain (shared with the demo seeding test). */
export function chainAccess(chain: TestChain): ClusterAccess & { sent: number } {
  const access = {
    sent: 0,
    getAccountData: async (address: PublicKey) => chain.svm.getAccount(address)?.data ?? null,
    now: async () => chain.now(),
    send: async (instructions: TransactionInstruction[], signers: Keypair[]) => {
      access.sent++;
      assertOk(chain.send(instructions, signers));
      return "sent";
    },
  };
  return access;
}
