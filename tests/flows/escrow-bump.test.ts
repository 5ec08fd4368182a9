import { strict as assert } from "assert";
import { PublicKey } from "@solana/web3.js";
import {
  ESCROW_SEED,
  STAKE_FIXED_ACCOUNTS,
  buildUnstakeTransactions,
  escrowAddressOf,
  stakeInstruction,
  unstakeInstruction,
} from "@nft-staking/sdk";
import {
  createPool,
  holderWithNfts,
  lowerValidBump,
  stakerState,
  TestChain,
  tokenBalance,
  type TestNft,
} from "@nft-staking/dev-kit";
import { assertOk } from "../utils/assertions";

/** The next valid (off-curve) escrow bump below the canonical one. */
function otherBump(pool: PublicKey, mint: PublicKey): [PublicKey, number] {
  const found = lowerValidBump([ESCROW_SEED, pool.toBuffer(), mint.toBuffer()]);
  if (!found) throw new Error("no other bump");
  return found;
}

describe("flow: an escrow at a non-canonical bump is never stranded", () => {
  it("stakes with another valid bump, and unstakes with the bump the record kept", async () => {
    const chain = new TestChain();
    const fixture = await createPool(chain);
    const { holder, nfts } = holderWithNfts(fixture, 1);
    const mint = nfts[0]!.mint;
    const [escrow, bump] = otherBump(fixture.pool, mint);

    // A client that picks its own bump: patch the instruction's escrow bump and account.
    const ix = await stakeInstruction({
      pool: fixture.pool,
      owner: holder.publicKey,
      nfts: [{ mint }],
    });
    const bumpOffset = 8 + 1 + 4 + 1 + 4; // discriminator, lock None, vec len, tier None, proof len
    ix.data[bumpOffset] = bump;
    ix.keys[STAKE_FIXED_ACCOUNTS + 4]!.pubkey = escrow; // mint, metadata, edition, token, escrow
    assertOk(chain.send([ix], [holder]));

    const record = stakerState(fixture, holder.publicKey)?.records[0];
    assert.equal(record?.escrowBump, bump);
    assert.ok(escrowAddressOf(fixture.pool, record!).equals(escrow));
    const unstake = await unstakeInstruction({
      pool: fixture.pool,
      owner: holder.publicKey,
      nfts: [{ mint, escrow: escrowAddressOf(fixture.pool, record!) }],
    });
    assertOk(chain.send([unstake], [holder]));
    assert.equal(tokenBalance(chain, nfts[0]!.tokenAccount), 1n);
  });

  it("unstakes it through the SDK's batch builder (what the app sends) given the records (I-3)", async () => {
    const chain = new TestChain();
    const fixture = await createPool(chain);
    const { holder, nfts } = holderWithNfts(fixture, 2);
    const [odd, plain] = nfts as [TestNft, TestNft];
    const [escrow, bump] = otherBump(fixture.pool, odd.mint);
    const ix = await stakeInstruction({
      pool: fixture.pool,
      owner: holder.publicKey,
      nfts: [{ mint: odd.mint }, { mint: plain.mint }],
    });
    ix.data[8 + 1 + 4 + 1 + 4] = bump; // first NFT: tier None, empty proof, then its escrow bump
    ix.keys[STAKE_FIXED_ACCOUNTS + 4]!.pubkey = escrow; // mint, metadata, edition, token, escrow
    assertOk(chain.send([ix], [holder]));
    const mints = [odd.mint, plain.mint];
    const options = { feePayer: holder.publicKey };
    // the canonical escrow is not where the first NFT is: refused, nothing moves
    const [blind] = await buildUnstakeTransactions(
      { pool: fixture.pool, owner: holder.publicKey, mints },
      options,
    );
    assert.equal(chain.send(blind!.instructions, [holder]).ok, false);
    assert.equal(tokenBalance(chain, odd.tokenAccount), 0n);
    const records = stakerState(fixture, holder.publicKey)!.records;
    const [tx] = await buildUnstakeTransactions(
      { pool: fixture.pool, owner: holder.publicKey, mints, records },
      options,
    );
    assertOk(chain.send(tx!.instructions, [holder]));
    assert.equal(tokenBalance(chain, odd.tokenAccount), 1n);
    assert.equal(tokenBalance(chain, plain.tokenAccount), 1n);
  });
});
