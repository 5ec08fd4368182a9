import { strict as assert } from "assert";
import type { Keypair, PublicKey } from "@solana/web3.js";
import {
  TierTree,
  acceptAuthorityInstruction,
  claimInstruction,
  createPerkInstruction,
  decodePerkReceipt,
  findEscrowAddress,
  findPerkAddress,
  findReceiptAddress,
  findStakerAddress,
  proposeAuthorityInstruction,
  redeemPerkInstruction,
  setPausedInstruction,
  sunsetPoolInstruction,
  unstakeInstruction,
} from "@nft-staking/sdk";
import {
  addStream,
  claimRewardsInto,
  configurePool,
  createPool,
  createTokenAccount,
  holderWithNfts,
  type PoolFixture,
  type PoolOptions,
  poolState,
  setTokenBalance,
  stakeNfts,
  stakerState,
  type StreamOptions,
  TestChain,
  type TestNft,
  tokenBalance,
  unstakeNfts,
  isPaused as paused,
} from "@nft-staking/dev-kit";
import { accountMeta, assertOk, assertProgramError, assertRejected } from "../utils/assertions";
import { START } from "../utils/suite";

/** FixedPerWeight rate of every scenario: 10 base units per weight unit per second. */
const RATE = 10n;

/** One pool with a stream, a holder with NFTs to protect, and another holder with a staker. */
interface Scenario {
  chain: TestChain;
  fixture: PoolFixture;
  rewardMint: PublicKey;
  owner: Keypair;
  nfts: TestNft[];
  /** Has an NFT of their own staked, so their staker account exists. */
  other: Keypair;
}

async function scenario(
  poolOptions: PoolOptions = {},
  streamOptions: StreamOptions = { fund: 10n ** 9n },
  ownerNfts = 2,
): Promise<Scenario> {
  const chain = new TestChain();
  chain.warp(START);
  const fixture = await createPool(chain, poolOptions);
  const { mint: rewardMint } = await addStream(fixture, { rate: RATE, ...streamOptions });
  const { holder: owner, nfts } = holderWithNfts(fixture, ownerNfts);
  const other = holderWithNfts(fixture, 1);
  assertOk(await stakeNfts(fixture, other.holder, other.nfts));
  return { chain, fixture, rewardMint, owner, nfts, other: other.holder };
}

const escrowOf = (s: Scenario, nft: TestNft): PublicKey =>
  findEscrowAddress(s.fixture.pool, nft.mint)[0];
const stakerOf = (s: Scenario, owner: PublicKey): PublicKey =>
  findStakerAddress(s.fixture.pool, owner)[0];

/**
 * Nobody but the owner gets the NFTs out: each intruder signing with the owner's accounts is
 * refused (InvalidStakerAccount), and every holder in `withStakers` using their own staker is
 * refused (NftNotStaked); nothing moves. Then the owner unstakes them all, back to their ATAs.
 */
async function assertOnlyOwnerUnstakes(
  s: Scenario,
  intruders: Keypair[],
  withStakers: Keypair[] = [s.other],
): Promise<void> {
  const { chain, fixture, owner, nfts } = s;
  for (const nft of nfts) {
    assert.equal(tokenBalance(chain, escrowOf(s, nft)), 1n, "staked before the attempts");
    const watched = [stakerOf(s, owner.publicKey), escrowOf(s, nft), nft.tokenAccount];
    for (const intruder of intruders) {
      const ix = await unstakeInstruction({
        pool: fixture.pool,
        owner: owner.publicKey,
        nfts: [{ mint: nft.mint }],
      });
      assert.ok(accountMeta(ix, 2).pubkey.equals(owner.publicKey));
      accountMeta(ix, 2).pubkey = intruder.publicKey;
      assertRejected(chain, ix, [intruder], "InvalidStakerAccount", watched);
    }
    for (const holder of withStakers) {
      assert.ok(stakerState(fixture, holder.publicKey), "the intruder has a staker account");
      const destination = createTokenAccount(chain, holder.publicKey, nft.mint);
      const ix = await unstakeInstruction({
        pool: fixture.pool,
        owner: holder.publicKey,
        nfts: [{ mint: nft.mint, tokenAccount: destination }],
      });
      assertRejected(chain, ix, [holder], "NftNotStaked", watched);
      assert.equal(tokenBalance(chain, destination), 0n);
    }
  }

  assertOk(await unstakeNfts(fixture, owner, nfts));
  for (const nft of nfts) {
    assert.equal(tokenBalance(chain, nft.tokenAccount), 1n, "the NFT is back with its owner");
    assert.equal(chain.account(escrowOf(s, nft)), null, "its escrow is closed");
  }
  const staker = stakerState(fixture, owner.publicKey);
  assert.equal(staker?.records.length, 0);
  assert.equal(staker?.totalWeight.toString(), "0");
}

/** Claims for the owner into a fresh ATA of the reward mint; returns the amount received. */
async function claim(s: Scenario, holder: Keypair = s.owner): Promise<bigint> {
  const [received] = await claimRewardsInto(s.fixture, holder, [s.rewardMint]);
  return received as bigint;
}

async function setPaused(s: Scenario, paused: boolean): Promise<void> {
  const ix = await setPausedInstruction({
    pool: s.fixture.pool,
    authority: s.fixture.authority.publicKey,
    paused,
  });
  assertOk(s.chain.send([ix], [s.fixture.authority]));
}

const owedOf = (s: Scenario): string =>
  stakerState(s.fixture, s.owner.publicKey)?.streams[0]?.owed.toString() ?? "none";

describe("flow: a staked NFT is never stranded, and only its owner gets it back", () => {
  it("pause: the owner unstakes while paused, intruders cannot, and rewards are paid after unpause", async () => {
    const s = await scenario();
    assertOk(await stakeNfts(s.fixture, s.owner, s.nfts));
    s.chain.warp(100);
    await setPaused(s, true);
    assert.equal(paused(s.fixture), true);
    s.chain.warp(50); // a pause stops stake and claim, not accrual

    await assertOnlyOwnerUnstakes(s, [s.other, s.fixture.authority]);
    assert.equal(owedOf(s), String(RATE * 2n * 150n), "2 weight × 150 s checkpointed");

    s.chain.warp(1_000); // nothing staked any more: nothing more accrues
    const destination = setTokenBalance(s.chain, s.owner.publicKey, s.rewardMint, 0n);
    const claimWhilePaused = await claimInstruction({
      pool: s.fixture.pool,
      poolAccount: poolState(s.fixture),
      owner: s.owner.publicKey,
    });
    assertRejected(s.chain, claimWhilePaused, [s.owner], "PoolPaused", [destination]);

    await setPaused(s, false);
    assert.equal(await claim(s), 3_000n, "10/s × 2 × 150 s, after unpause");
    assert.equal(owedOf(s), "0");
  });

  it("sunset: a locked NFT comes back right after sunset, to its owner only, with its rewards", async () => {
    const s = await scenario({ lockOptions: [{ durationS: 100_000, multiplierBps: 20_000 }] });
    assertOk(await stakeNfts(s.fixture, s.owner, s.nfts, 0));
    assert.equal(stakerState(s.fixture, s.owner.publicKey)?.totalWeight.toString(), "40000");
    s.chain.warp(100);
    const early = await unstakeInstruction({
      pool: s.fixture.pool,
      owner: s.owner.publicKey,
      nfts: s.nfts.map((nft) => ({ mint: nft.mint })),
    });
    assertRejected(s.chain, early, [s.owner], "StakeLocked");

    const sunset = await sunsetPoolInstruction({
      pool: s.fixture.pool,
      authority: s.fixture.authority.publicKey,
    });
    assertOk(s.chain.send([sunset], [s.fixture.authority]));
    assert.equal(poolState(s.fixture).sunset, 1);
    s.chain.warp(10); // locks still run for 99_890 s, and the stream has ended

    await assertOnlyOwnerUnstakes(s, [s.other, s.fixture.authority]);
    s.chain.warp(500);
    assert.equal(await claim(s), 4_000n, "10/s × (2 × 2x lock) × 100 s, nothing after sunset");
  });

  it("empty vault: unstakes with nothing in the vault, which never promised what it lacks (M-4)", async () => {
    const s = await scenario({}, {});
    assertOk(await stakeNfts(s.fixture, s.owner, s.nfts));
    s.chain.warp(100);
    const vault = poolState(s.fixture).streams[0]?.vault;
    assert.ok(vault);
    assert.equal(tokenBalance(s.chain, vault), 0n, "never funded");

    await assertOnlyOwnerUnstakes(s, [s.other, s.fixture.authority]);
    assert.equal(owedOf(s), "0", "an unfunded stream accrues nothing: no IOU the vault lacks");
    const destination = setTokenBalance(s.chain, s.owner.publicKey, s.rewardMint, 0n);
    const empty = await claimInstruction({
      pool: s.fixture.pool,
      poolAccount: poolState(s.fixture),
      owner: s.owner.publicKey,
    });
    assertRejected(s.chain, empty, [s.owner], "NothingToClaim", [destination, vault]);
  });

  it("ended stream: unstakes long after the stream ended and claims exactly what it emitted", async () => {
    const s = await scenario({}, { duration: 100, fund: 10n ** 9n });
    assertOk(await stakeNfts(s.fixture, s.owner, s.nfts));
    s.chain.warp(250);
    assert.ok(BigInt(poolState(s.fixture).streams[0]?.endTs.toString() ?? 0) < s.chain.now());

    await assertOnlyOwnerUnstakes(s, [s.other, s.fixture.authority]);
    assert.equal(owedOf(s), "2000");
    s.chain.warp(10_000);
    assert.equal(await claim(s), 2_000n, "10/s × 2 × 100 s, the stream's whole life");
  });

  it("tier-root change: NFTs staked under an old tree come back and remove exactly their weight", async () => {
    const s = await scenario();
    const [high, mid] = s.nfts as [TestNft, TestNft];
    const before = TierTree.fromEntries([
      { mint: high.mint, tier: 2 },
      { mint: mid.mint, tier: 1 },
    ]);
    await configurePool(s.fixture, { tiers: before, tierWeights: [1, 3, 7] });
    assertOk(
      await stakeNfts(s.fixture, s.owner, [
        { mint: high.mint, tier: 2, proof: before.proof(high.mint) },
        { mint: mid.mint, tier: 1, proof: before.proof(mid.mint) },
      ]),
    );
    assert.equal(poolState(s.fixture).totalWeight.toString(), String((1 + 7 + 3) * 10_000));
    s.chain.warp(100);

    // A new tree that no longer lists these NFTs, and new weights for every tier.
    const { nfts: others } = holderWithNfts(s.fixture, 2);
    const after = TierTree.fromEntries(others.map((nft) => ({ mint: nft.mint, tier: 0 })));
    await configurePool(s.fixture, { tiers: after, tierWeights: [2, 2, 2] });
    assert.deepEqual(Buffer.from(poolState(s.fixture).tierRoot), Buffer.from(after.root));
    s.chain.warp(50);

    await assertOnlyOwnerUnstakes(s, [s.other, s.fixture.authority]);
    assert.equal(
      poolState(s.fixture).totalWeight.toString(),
      "10000",
      "only the other NFT is left",
    );
    assert.equal(poolState(s.fixture).stakedCount.toString(), "1");
    assert.equal(await claim(s), 15_000n, "10/s × (7 + 3) × 150 s, at the weights staked with");
  });

  it("authority change: neither the old nor the new authority can take the NFTs; the owner can", async () => {
    const s = await scenario();
    assertOk(await stakeNfts(s.fixture, s.owner, s.nfts));
    const oldAuthority = s.fixture.authority;
    // The new authority is also a holder here, with its own staker account.
    const { holder: newAuthority, nfts: its } = holderWithNfts(s.fixture, 1);
    assertOk(await stakeNfts(s.fixture, newAuthority, its));
    s.chain.warp(100);
    const propose = await proposeAuthorityInstruction({
      pool: s.fixture.pool,
      authority: oldAuthority.publicKey,
      newAuthority: newAuthority.publicKey,
    });
    assertOk(s.chain.send([propose], [oldAuthority]));
    const accept = await acceptAuthorityInstruction({
      pool: s.fixture.pool,
      newAuthority: newAuthority.publicKey,
    });
    assertOk(s.chain.send([accept], [newAuthority]));
    assert.ok(poolState(s.fixture).authority.equals(newAuthority.publicKey));
    s.chain.warp(20);

    await assertOnlyOwnerUnstakes(
      s,
      [s.other, oldAuthority, newAuthority],
      [s.other, newAuthority],
    );
    assert.equal(await claim(s), 2_400n, "10/s × 2 × 120 s");
    assert.equal(tokenBalance(s.chain, its[0]!.tokenAccount), 0n, "its own NFT is still staked");
  });

  it("perk spending: points spent on a perk do not hold the NFTs or the rewards back", async () => {
    const s = await scenario();
    assertOk(await stakeNfts(s.fixture, s.owner, s.nfts));
    const now = s.chain.now();
    const perkId = 7n;
    const [perk] = findPerkAddress(s.fixture.pool, perkId);
    const create = await createPerkInstruction({
      pool: s.fixture.pool,
      authority: s.fixture.authority.publicKey,
      perkId,
      terms: {
        name: "Allow-list spot",
        costPoints: 200n,
        minStaked: 2,
        startTs: now,
        endTs: now + 86_400n,
      },
    });
    assertOk(s.chain.send([create], [s.fixture.authority]));
    s.chain.warp(100);
    const redeem = await redeemPerkInstruction({
      pool: s.fixture.pool,
      perk,
      owner: s.owner.publicKey,
    });
    assertOk(s.chain.send([redeem], [s.owner]));
    const staker = stakerState(s.fixture, s.owner.publicKey);
    assert.equal(staker?.points.toString(), "0", "2 weight × 100 s = 200 points, all spent");
    const receipt = s.chain.svm.getAccount(findReceiptAddress(perk, s.owner.publicKey)[0]);
    assert.ok(receipt);
    assert.equal(decodePerkReceipt(receipt.data).count, 1);
    s.chain.warp(30);

    await assertOnlyOwnerUnstakes(s, [s.other, s.fixture.authority]);
    assert.equal(stakerState(s.fixture, s.owner.publicKey)?.points.toString(), "60");
    assert.equal(await claim(s), 2_600n, "10/s × 2 × 130 s, the redemption took points only");
    const again = await redeemPerkInstruction({
      pool: s.fixture.pool,
      perk,
      owner: s.owner.publicKey,
    });
    assertProgramError(s.chain.send([again], [s.owner]), "NotEnoughStaked");
  });
});
