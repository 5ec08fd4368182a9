import { strict as assert } from "assert";
import { Keypair, PublicKey } from "@solana/web3.js";
import {
  claimInstruction,
  parseEvents,
  surplus,
  withdrawSurplusInstruction,
} from "@nft-staking/sdk";
import {
  createPool,
  holderWithNfts,
  type PoolFixture,
  poolState,
  setTokenBalance,
  stakeNfts,
  stakerState,
  TestChain,
  tokenBalance,
} from "@nft-staking/dev-kit";
import { assertOk, assertRejected } from "../utils/assertions";

/** A realistic unix time to start from (LiteSVM's clock starts at 0). */
const START = 1_700_000_000;

/** ⌈a / b⌉ for non-negative bigints. */
export const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

/**
 * Shared setup of the `withdraw_surplus` tests (`withdraw_surplus.test.ts`: success paths,
 * `withdraw_surplus.rejects.test.ts`: failure paths). Call it inside `describe`: it registers a
 * `beforeEach` that builds a new chain at `START` and a pool, and returns that state as getters
 * (read them in a test or hook, not while `describe` runs) and the helpers over it.
 */
export function withdrawSurplusFixture() {
  let chain: TestChain;
  let fixture: PoolFixture;

  beforeEach(async () => {
    chain = new TestChain();
    chain.warp(START);
    fixture = await createPool(chain);
  });

  /** The stored vault of stream `index`. */
  const vaultOf = (index: number): PublicKey => {
    const vault = poolState(fixture).streams[index]?.vault;
    assert.ok(vault);
    return vault;
  };

  /** What the SDK says may be withdrawn from stream `index` right now. */
  const sdkSurplus = (index: number): bigint =>
    surplus(poolState(fixture), index, tokenBalance(chain, vaultOf(index)), chain.now());

  /** `withdraw_surplus` by the pool authority, to `destination` (default: its ATA). */
  const withdrawIx = (
    index: number,
    rewardMint: PublicKey,
    amount: bigint,
    destination?: PublicKey,
  ) =>
    withdrawSurplusInstruction({
      pool: fixture.pool,
      authority: fixture.authority.publicKey,
      streamIndex: index,
      rewardMint,
      amount,
      destination,
    });

  /** A holder who staked `count` default-tier (weight 1) NFTs. */
  async function stakedHolder(count: number) {
    const { holder, nfts } = holderWithNfts(fixture, count);
    assertOk(await stakeNfts(fixture, holder, nfts));
    return { holder, nfts };
  }

  /**
   * Claims for `holder` into a fresh ATA of `mint`; asserts they were paid in full (nothing
   * left owed on stream `index`) and returns the amount received.
   */
  async function claimAll(holder: Keypair, mint: PublicKey, index = 0): Promise<bigint> {
    const destination = setTokenBalance(chain, holder.publicKey, mint, 0n);
    const ix = await claimInstruction({
      pool: fixture.pool,
      poolAccount: poolState(fixture),
      owner: holder.publicKey,
    });
    assertOk(chain.send([ix], [holder]));
    assert.equal(
      stakerState(fixture, holder.publicKey)?.streams[index]?.owed.toString(),
      "0",
      "the vault paid everything owed",
    );
    return tokenBalance(chain, destination);
  }

  /**
   * Withdraws `expected + 1` (refused: SurplusExceeded, nothing moved) then exactly
   * `expected` (accepted): the vault drops and the destination receives exactly that, with a
   * `surplusWithdrawn` event.
   */
  async function withdrawExactly(index: number, mint: PublicKey, expected: bigint) {
    const vault = vaultOf(index);
    const destination = setTokenBalance(chain, fixture.authority.publicKey, mint, 0n);
    const vaultBefore = tokenBalance(chain, vault);

    const tooMuch = await withdrawIx(index, mint, expected + 1n);
    assertRejected(chain, tooMuch, [fixture.authority], "SurplusExceeded");

    const result = chain.send([await withdrawIx(index, mint, expected)], [fixture.authority]);
    assertOk(result);
    assert.equal(tokenBalance(chain, vault), vaultBefore - expected);
    assert.equal(tokenBalance(chain, destination), expected);
    const events = parseEvents(result.logs);
    assert.equal(events.length, 1);
    const [event] = events;
    assert.equal(event?.name, "surplusWithdrawn");
    if (event?.name !== "surplusWithdrawn") return;
    assert.ok(event.data.pool.equals(fixture.pool));
    assert.equal(event.data.streamIndex, index);
    assert.equal(event.data.amount.toString(), expected.toString());
    assert.ok(event.data.destination.equals(destination));
    assert.equal(sdkSurplus(index), 0n, "nothing more is surplus");
  }

  return {
    get chain(): TestChain {
      return chain;
    },
    get fixture(): PoolFixture {
      return fixture;
    },
    vaultOf,
    sdkSurplus,
    withdrawIx,
    stakedHolder,
    claimAll,
    withdrawExactly,
  };
}
