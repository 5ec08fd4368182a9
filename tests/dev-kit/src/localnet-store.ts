// Fixtures written into a running local chain instead of a TestChain: the demo seeding
// (`npm start`), the soak and the local-chain tests all write through this one adapter.
import { PublicKey } from "@solana/web3.js";
import type { Localnet } from "@nft-staking/localnet";
import type { AccountStore } from "./token-accounts";

/** An account store that can also fund keys (what the demo seeding needs). */
export interface FundedAccountStore extends AccountStore {
  airdrop(address: PublicKey, lamports: bigint): void;
}

/**
 * Writes through `localnet.setAccount`, not its LiteSVM, so the chain tracks every account the
 * fixtures write (subscriptions, `getProgramAccounts` and snapshots see them); airdrops are the
 * chain's real faucet transfers.
 */
export function localnetStore(localnet: Localnet): FundedAccountStore {
  return {
    svm: {
      setAccount: (address, account) =>
        localnet.setAccount(
          typeof address === "string" ? new PublicKey(address) : address,
          account,
        ),
      getAccount: (address) => localnet.svm.getAccount(address),
      minimumBalanceForRentExemption: (bytes) => localnet.svm.minimumBalanceForRentExemption(bytes),
    },
    airdrop: (address, lamports) => localnet.airdrop(address, lamports),
  };
}
