import { strict as assert } from "assert";
import type { Keypair, PublicKey } from "@solana/web3.js";
import { surplus, withdrawSurplusInstruction } from "@nft-staking/sdk";
import { poolState, setTokenBalance, stakerState, tokenBalance } from "@nft-staking/dev-kit";
import { assertOk, onlyEvent } from "../utils/assertions";
import { START, extendSuite, poolSuite } from "../utils/suite";

/** ⌈a / b⌉ for non-negative bigints. */
export const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

/**
 * Shared setup of the `withdraw_surplus` tests (`withdraw_surplus.test.ts`: success paths,
 * `withdraw_surplus.rejects.test.ts`: failure paths): a {@link poolSuite} (a new chain at `START`
 * and a pool before each test) with the vault, surplus, withdraw and claim helpers.
 */
export function withdrawSurplusFixture() {
  const suite = poolSuite({ start: START });

  /** The stored vault of stream `index`. */
  const vaultOf = (index: number): PublicKey => {
    const vault = poolState(suite.fixture).streams[index]?.vault;
    assert.ok(vault);
    return vault;
  };

  /** What the SDK says may be withdrawn from stream `index` right now. */
  const sdkSurplus = (index: number): bigint =>
    surplus(
      poolState(suite.fixture),
      index,
      tokenBalance(suite.chain, vaultOf(index)),
      suite.chain.now(),
    );

  /** `withdraw_surplus` by the pool authority, to `destination` (default: its ATA). */
  const withdrawIx = (
    index: number,
    rewardMint: PublicKey,
    amount: bigint,
    destination?: PublicKey,
  ) =>
    withdrawSurplusInstruction({
      pool: suite.fixture.pool,
      authority: suite.fixture.authority.publicKey,
      streamIndex: index,
      rewardMint,
      amount,
      destination,
    });

  /**
   * Claims for `holder` into a fresh ATA of `mint`; asserts they were paid in full (nothing
   * left owed on stream `index`) and returns the amount received.
   */
  async function claimAll(holder: Keypair, mint: PublicKey, index = 0): Promise<bigint> {
    const [received] = await suite.claimInto(holder, [mint]);
    assert.equal(
      stakerState(suite.fixture, holder.publicKey)?.streams[index]?.owed.toString(),
      "0",
      "the vault paid everything owed",
    );
    return received as bigint;
  }

  /**
   * Withdraws `expected + 1` (refused: SurplusExceeded, nothing moved) then exactly
   * `expected` (accepted): the vault drops and the destination receives exactly that, with a
   * `surplusWithdrawn` event.
   */
  async function withdrawExactly(index: number, mint: PublicKey, expected: bigint) {
    const vault = vaultOf(index);
    const destination = setTokenBalance(suite.chain, suite.fixture.authority.publicKey, mint, 0n);
    const vaultBefore = tokenBalance(suite.chain, vault);

    const tooMuch = await withdrawIx(index, mint, expected + 1n);
    suite.expectRejected(tooMuch, [suite.fixture.authority], "SurplusExceeded");

    const result = suite.chain.send(
      [await withdrawIx(index, mint, expected)],
      [suite.fixture.authority],
    );
    assertOk(result);
    assert.equal(tokenBalance(suite.chain, vault), vaultBefore - expected);
    assert.equal(tokenBalance(suite.chain, destination), expected);
    const event = onlyEvent(result, "surplusWithdrawn");
    assert.ok(event.pool.equals(suite.fixture.pool));
    assert.equal(event.streamIndex, index);
    assert.equal(event.amount.toString(), expected.toString());
    assert.ok(event.destination.equals(destination));
    assert.equal(
      poolState(suite.fixture).streams[index]?.vaultBalance.toString(),
      (vaultBefore - expected).toString(),
      "the books' vault balance follows the withdrawal",
    );
    assert.equal(sdkSurplus(index), 0n, "nothing more is surplus");
  }

  return extendSuite(suite, { vaultOf, sdkSurplus, withdrawIx, claimAll, withdrawExactly });
}
