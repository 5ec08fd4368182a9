import { MINT_SIZE, MintLayout } from "@solana/spl-token";
import { Keypair, PublicKey } from "@solana/web3.js";
import {
  StreamMode,
  addRewardStreamInstruction,
  type AddRewardStreamParams,
} from "@nft-staking/sdk";
import { createRewardMint, poolState, setRentExempt } from "@nft-staking/dev-kit";
import { START, extendSuite, poolSuite } from "../utils/suite";

export const DAY = 86_400n;

/** Account indices of `add_reward_stream`. */
export const POOL = 0;
export const AUTHORITY = 1;
export const PAYER = 2;
export const VAULT = 4;
export const TOKEN_PROGRAM = 5;
export const SYSTEM_PROGRAM = 6;

/**
 * Shared setup of the `add_reward_stream` tests (`add_reward_stream.test.ts`: success paths,
 * `add_reward_stream.rejects.test.ts`: failure paths): a {@link poolSuite} (a new chain at
 * `START` and a pool before each test) that also creates a reward mint (`rewardMint`), with the
 * `add_reward_stream` helpers and account writers.
 */
export function addRewardStreamFixture() {
  const suite = poolSuite({ start: START });
  let rewardMint: PublicKey;

  beforeEach(() => {
    rewardMint = createRewardMint(suite.chain);
  });

  const params = (overrides: Partial<AddRewardStreamParams> = {}): AddRewardStreamParams => ({
    pool: suite.fixture.pool,
    authority: suite.fixture.authority.publicKey,
    rewardMint,
    streamIndex: poolState(suite.fixture).streamCount,
    mode: StreamMode.FixedPerWeight,
    rate: 1_000n,
    startTs: suite.chain.now(),
    endTs: suite.chain.now() + 30n * DAY,
    ...overrides,
  });

  /** Sends `add_reward_stream` signed by the authority and asserts it succeeded. */
  const add = (overrides: Partial<AddRewardStreamParams> = {}) =>
    suite.asAuthority(addRewardStreamInstruction(params(overrides)));

  /** An 82-byte mint account owned by `owner`, initialized or not. */
  function writeMint(owner: PublicKey, isInitialized = true): PublicKey {
    const mint = Keypair.generate().publicKey;
    const data = new Uint8Array(MINT_SIZE);
    MintLayout.encode(
      {
        mintAuthorityOption: 0,
        mintAuthority: PublicKey.default,
        supply: 0n,
        decimals: 6,
        isInitialized,
        freezeAuthorityOption: 0,
        freezeAuthority: PublicKey.default,
      },
      data,
    );
    setRentExempt(suite.chain, mint, data, owner);
    return mint;
  }

  return extendSuite(suite, {
    get rewardMint(): PublicKey {
      return rewardMint;
    },
    params,
    add,
    writeMint,
  });
}
