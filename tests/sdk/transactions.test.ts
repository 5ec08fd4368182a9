import { strict as assert } from "assert";
import { ASSOCIATED_TOKEN_PROGRAM_ID, createCloseAccountInstruction } from "@solana/spl-token";
import { ComputeBudgetProgram, PACKET_DATA_SIZE, type Keypair } from "@solana/web3.js";
import {
  buildStakeTransactions,
  buildUnstakeTransactions,
  legacyTransactionSize,
  stakeComputeUnits,
  unstakeComputeUnits,
} from "@nft-staking/sdk";
import { TestChain } from "../utils/chain";
import { assertOk } from "../utils/assertions";
import { tokenBalance, type TestNft } from "../utils/nft";
import { createPool, holderWithNfts, poolState, type PoolFixture } from "../utils/pool";

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

  it("prepends an idempotent ATA creation for destinations that are missing, and it lands", async () => {
    const chain = new TestChain();
    const fixture = await createPool(chain);
    const { holder, nfts } = holderWithNfts(fixture, 2);
    assertOk(chain.send((await stakeTxs(fixture, holder, nfts))[0]!.instructions, [holder]));
    // the holder closed one NFT's token account after staking: unstake must recreate it
    const [kept, recreated] = nfts;
    assert.ok(kept && recreated);
    assertOk(
      chain.send(
        [createCloseAccountInstruction(recreated.tokenAccount, holder.publicKey, holder.publicKey)],
        [holder],
      ),
    );
    assert.equal(chain.account(recreated.tokenAccount), null);
    const [tx] = await buildUnstakeTransactions(
      {
        pool: fixture.pool,
        owner: holder.publicKey,
        mints: nfts.map((n) => n.mint),
        createTokenAccountsFor: [recreated.mint],
      },
      { feePayer: holder.publicKey },
    );
    const programs = tx!.instructions.map((ix) => ix.programId.toBase58());
    assert.equal(programs.filter((id) => id === ASSOCIATED_TOKEN_PROGRAM_ID.toBase58()).length, 1);
    // the real ATA program runs inside the unstake transaction, within the SDK's CU limit
    const result = chain.send(tx!.instructions, [holder]);
    assertOk(result);
    assert.ok(result.logs.includes(`Program ${ASSOCIATED_TOKEN_PROGRAM_ID.toBase58()} invoke [1]`));
    assert.ok(result.computeUnits <= unstakeComputeUnits(2, 1), "limit covers use");
    assert.equal(tokenBalance(chain, kept.tokenAccount), 1n);
    assert.equal(tokenBalance(chain, recreated.tokenAccount), 1n);
  });
});

/** The SDK's stake transactions for `nfts` of `holder`. */
function stakeTxs(fixture: PoolFixture, holder: Keypair, nfts: TestNft[]) {
  return buildStakeTransactions(
    { pool: fixture.pool, owner: holder.publicKey, nfts: nfts.map((nft) => ({ mint: nft.mint })) },
    { feePayer: holder.publicKey },
  );
}
