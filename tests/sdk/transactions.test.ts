import { strict as assert } from "assert";
import { ComputeBudgetProgram, PACKET_DATA_SIZE } from "@solana/web3.js";
import {
  buildStakeTransactions,
  buildUnstakeTransactions,
  legacyTransactionSize,
  stakeComputeUnits,
} from "@nft-staking/sdk";
import { TestChain } from "../utils/chain";
import { assertOk } from "../utils/assertions";
import { tokenBalance } from "../utils/nft";
import { createPool, holderWithNfts, poolState } from "../utils/pool";

describe("sdk transactions (batching by size and compute)", () => {
  it("splits 20 NFTs into legacy transactions that fit, land, and stay within their CU limit", async () => {
    const chain = new TestChain();
    const fixture = await createPool(chain);
    const { holder, nfts } = holderWithNfts(fixture, 20);
    const txs = await buildStakeTransactions(
      {
        pool: fixture.pool,
        owner: holder.publicKey,
        nfts: nfts.map((nft) => ({ mint: nft.mint })),
      },
      { feePayer: holder.publicKey, priorityFeeMicroLamports: 1_000 },
    );
    assert.ok(txs.length >= 2 && txs.length <= 4, `${txs.length} transactions`);
    for (const tx of txs) {
      assert.ok(legacyTransactionSize(tx.instructions, holder.publicKey) <= PACKET_DATA_SIZE);
      assert.ok(tx.instructions[0]?.programId.equals(ComputeBudgetProgram.programId));
      const result = chain.send(tx.instructions, [holder]);
      assertOk(result);
      const staked = tx.instructions.at(-1)?.keys.length ?? 0;
      assert.ok(result.computeUnits <= stakeComputeUnits((staked - 5) / 4), "limit covers use");
    }
    assert.equal(poolState(fixture).stakedCount.toString(), "20");

    const unstakeTxs = await buildUnstakeTransactions(
      { pool: fixture.pool, owner: holder.publicKey, mints: nfts.map((nft) => nft.mint) },
      { feePayer: holder.publicKey },
    );
    for (const tx of unstakeTxs) assertOk(chain.send(tx.instructions, [holder]));
    assert.equal(poolState(fixture).stakedCount.toString(), "0");
    for (const nft of nfts) assert.equal(tokenBalance(chain, nft.tokenAccount), 1n);
  });

  it("prepends an idempotent ATA creation for destinations that are missing", async () => {
    const chain = new TestChain();
    const fixture = await createPool(chain);
    const { holder, nfts } = holderWithNfts(fixture, 2);
    const [tx] = await buildUnstakeTransactions(
      {
        pool: fixture.pool,
        owner: holder.publicKey,
        mints: nfts.map((n) => n.mint),
        createTokenAccountsFor: [nfts[1]!.mint],
      },
      { feePayer: holder.publicKey },
    );
    // Built, not sent: litesvm 0.8 crashes the Node process when the ATA program runs.
    const programs = tx!.instructions.map((ix) => ix.programId.toBase58());
    assert.equal(
      programs.filter((id) => id === "ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL").length,
      1,
    );
  });
});
