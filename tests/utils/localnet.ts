import { localnetStore, type TestChain } from "@nft-staking/dev-kit";
import type { Localnet } from "@nft-staking/localnet";

/**
 * The surface of TestChain the NFT/pool fixtures use, writing through the local chain (see
 * `localnetStore`): the fixtures only touch `svm.setAccount/getAccount/minimumBalance…`.
 */
export function seeder(localnet: Localnet): TestChain {
  return localnetStore(localnet) as unknown as TestChain;
}
