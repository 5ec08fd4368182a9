import { strict as assert } from "assert";
import { ComputeBudgetProgram, Keypair, PublicKey } from "@solana/web3.js";
import {
  buildStakeTransactions,
  MEASURED_CU,
  findStakerAddress,
  parseComputeBudgetExceeded,
  stakeComputeUnits,
} from "@nft-staking/sdk";
import {
  createCollectionNfts,
  createPool,
  type PoolFixture,
  poolState,
  TestChain,
} from "@nft-staking/dev-kit";
import { assertOk } from "../utils/assertions";

/** The most NFTs one legacy stake transaction carries (size-bound: 5 accounts per NFT; see bench/results.md). */
const MAX_PER_TX = 5;

/**
 * A holder's first stake creates their `Staker` PDA, the only address-dependent cost in the
 * program: it proves the client's bump canonical, one step per bump from 255 down. The SDK's
 * compute-unit limit counts those steps, so no wallet's first stake may run out of compute
 * (before, about 1 in 8 wallets could never make a first stake of 2 NFTs or more).
 */
describe("first stake, whatever the wallet's address", function () {
  let chain: TestChain;

  beforeEach(() => {
    chain = new TestChain();
  });

  /** Stakes `count` new NFTs of `holder` with the SDK's own transactions and limits. */
  async function firstStake(fixture: PoolFixture, holder: Keypair, count: number) {
    const nfts = createCollectionNfts(chain, holder.publicKey, fixture.collection.mint, count);
    const txs = await buildStakeTransactions(
      {
        pool: fixture.pool,
        owner: holder.publicKey,
        nfts: nfts.map((nft) => ({ mint: nft.mint })),
      },
      { feePayer: holder.publicKey },
    );
    assert.equal(txs.length, 1, `${count} NFTs fit one transaction`);
    const [, bump] = findStakerAddress(fixture.pool, holder.publicKey);
    const result = chain.send(txs[0]!.instructions, [holder]);
    assertOk(result, `first stake of ${count} by ${holder.publicKey.toBase58()} (bump ${bump})`);
    const limit = stakeComputeUnits(count, bump);
    assert.ok(result.computeUnits <= limit, `${result.computeUnits} CU within the limit ${limit}`);
    return { bump, computeUnits: result.computeUnits };
  }

  it("200 random wallets each make a first stake of 1 NFT and of the maximum, with the SDK's limits", async function () {
    this.timeout(600_000);
    const one = await createPool(chain);
    const many = await createPool(chain);
    const lowestBump = { one: 255, many: 255 };
    for (let i = 0; i < 200; i++) {
      const holder = chain.fundedKeypair();
      lowestBump.one = Math.min(lowestBump.one, (await firstStake(one, holder, 1)).bump);
      lowestBump.many = Math.min(
        lowestBump.many,
        (await firstStake(many, holder, MAX_PER_TX)).bump,
      );
    }
    assert.equal(poolState(one).stakedCount.toString(), "200");
    assert.equal(poolState(many).stakedCount.toString(), String(200 * MAX_PER_TX));
    // 200 wallets all but surely include bumps that need several proof steps (P(no bump ≤ 253)
    // in 200 tries is (3/4)^200): the limits were exercised, not only the easy case.
    assert.ok(lowestBump.one <= 253 && lowestBump.many <= 253, JSON.stringify(lowestBump));
  });

  it("a rare wallet with 8+ proof steps (bump ≤ 247) stakes the maximum first, each step costing what the SDK counts", async () => {
    const fixture = await createPool(chain);
    /** A funded wallet whose Staker bump passes `accept` (keys searched offline, no chain cost). */
    const walletWithBump = (accept: (bump: number) => boolean) => {
      let holder = Keypair.generate();
      while (!accept(findStakerAddress(fixture.pool, holder.publicKey)[1])) {
        holder = Keypair.generate();
      }
      chain.svm.airdrop(holder.publicKey, 10n ** 10n);
      return holder;
    };
    const easy = await firstStake(
      fixture,
      walletWithBump((bump) => bump === 255),
      MAX_PER_TX,
    );
    const rare = await firstStake(
      fixture,
      walletWithBump((bump) => bump <= 247),
      MAX_PER_TX,
    );
    const steps = 255 - rare.bump;
    const perStep = (rare.computeUnits - easy.computeUnits) / steps;
    assert.ok(perStep > 0 && perStep <= MEASURED_CU.stakePerStakerBump, `${perStep} CU per step`);
  });

  it("says 'ran out of compute units' when a limit is too low, and nothing changed", async () => {
    const fixture = await createPool(chain);
    const holder = chain.fundedKeypair();
    const nfts = createCollectionNfts(chain, holder.publicKey, fixture.collection.mint, 2);
    const [tx] = await buildStakeTransactions(
      {
        pool: fixture.pool,
        owner: holder.publicKey,
        nfts: nfts.map((nft) => ({ mint: nft.mint })),
      },
      { feePayer: holder.publicKey },
    );
    const tooLow = ComputeBudgetProgram.setComputeUnitLimit({ units: 6_000 });
    const instructions = [tooLow, ...tx!.instructions.slice(1)];
    const staker = findStakerAddress(fixture.pool, holder.publicKey)[0];
    const before = chain.snapshot([staker, holder.publicKey, ...nfts.map((n) => n.tokenAccount)]);
    const result = chain.send(instructions, [holder]);
    assert.equal(result.ok, false);
    const error = parseComputeBudgetExceeded({ logs: result.logs });
    assert.ok(error, `not recognized: ${result.error}`);
    assert.match(error.message, /^ran out of compute units: program 6nqo\w+ used all \d+ compute/);
    assert.ok(new PublicKey(error.program!).equals(tx!.instructions.at(-1)!.programId));
    for (const [address, snapshot] of before) {
      if (address === holder.publicKey.toBase58()) continue; // the fee
      assert.deepEqual(chain.account(new PublicKey(address)), snapshot, address);
    }
  });
});
