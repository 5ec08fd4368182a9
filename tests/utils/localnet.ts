import type { PublicKey } from "@solana/web3.js";
import type { Localnet } from "@nft-staking/localnet";
import type { TestChain } from "@nft-staking/dev-kit";

/**
 * The surface of TestChain the NFT/pool fixtures use, writing through the local chain (which
 * tracks what is written, so subscriptions, indexes and snapshots see it).
 */
export function seeder(localnet: Localnet): TestChain {
  const svm = {
    setAccount: (address: PublicKey, account: Parameters<Localnet["setAccount"]>[1]) =>
      localnet.setAccount(address, account),
    getAccount: (address: PublicKey) => localnet.svm.getAccount(address),
    minimumBalanceForRentExemption: (size: bigint) =>
      localnet.svm.minimumBalanceForRentExemption(size),
  };
  return { svm } as unknown as TestChain;
}
