import { MINT_SIZE, MintLayout } from "@solana/spl-token";
import { Keypair, PublicKey } from "@solana/web3.js";
import {
  StreamMode,
  addRewardStreamInstruction,
  type AddRewardStreamParams,
} from "@nft-staking/sdk";
import {
  createPool,
  createRewardMint,
  type PoolFixture,
  poolState,
  TestChain,
} from "@nft-staking/dev-kit";
import { assertOk, rejecterFor } from "../utils/assertions";

/** A realistic clock start (LiteSVM starts at unix time 0). */
const GENESIS = 1_700_000_000;
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
 * `add_reward_stream.rejects.test.ts`: failure paths). Call it inside `describe`: it registers a
 * `beforeEach` that builds a new chain at `GENESIS`, a pool and a reward mint, and returns that
 * state as getters (read them in a test or hook, not while `describe` runs) and the helpers over
 * it.
 */
export function addRewardStreamFixture() {
  let chain: TestChain;
  let fixture: PoolFixture;
  let rewardMint: PublicKey;

  beforeEach(async () => {
    chain = new TestChain();
    chain.warp(GENESIS);
    fixture = await createPool(chain);
    rewardMint = createRewardMint(chain);
  });

  const params = (overrides: Partial<AddRewardStreamParams> = {}): AddRewardStreamParams => ({
    pool: fixture.pool,
    authority: fixture.authority.publicKey,
    rewardMint,
    streamIndex: poolState(fixture).streamCount,
    mode: StreamMode.FixedPerWeight,
    rate: 1_000n,
    startTs: chain.now(),
    endTs: chain.now() + 30n * DAY,
    ...overrides,
  });

  /** Sends `add_reward_stream` signed by the authority and asserts it succeeded. */
  async function add(overrides: Partial<AddRewardStreamParams> = {}) {
    const result = chain.send(
      [await addRewardStreamInstruction(params(overrides))],
      [fixture.authority],
    );
    assertOk(result);
    return result;
  }

  /** Expects `error` and that nothing changed (see `assertRejected`). */
  const expectRejected = rejecterFor(() => chain);

  /** Writes a rent-exempt account directly. */
  function setAccount(address: PublicKey, data: Uint8Array, owner: PublicKey) {
    chain.svm.setAccount(address, {
      lamports: Number(chain.svm.minimumBalanceForRentExemption(BigInt(data.length))),
      data,
      owner,
      executable: false,
    });
  }

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
    setAccount(mint, data, owner);
    return mint;
  }

  return {
    get chain(): TestChain {
      return chain;
    },
    get fixture(): PoolFixture {
      return fixture;
    },
    set fixture(value: PoolFixture) {
      fixture = value;
    },
    get rewardMint(): PublicKey {
      return rewardMint;
    },
    params,
    add,
    expectRejected,
    setAccount,
    writeMint,
  };
}
