// Review finding L-1 (../shared/AUDIT.md): one frozen reward vault made every `claim` fail and
// kept `close_staker` blocked. A frozen vault now pays nothing and keeps what it owes without
// blocking the other streams, and a holder may close once the rest is settled.
import { strict as assert } from "assert";
import { createFreezeAccountInstruction } from "@solana/spl-token";
import { closeStakerInstruction } from "@nft-staking/sdk";
import {
  addStream,
  createRewardMint,
  holderWithNfts,
  poolState,
  setTokenBalance,
  stakeNfts,
  stakerState,
  tokenBalance,
  unstakeNfts,
} from "@nft-staking/dev-kit";
import { assertOk } from "../utils/assertions";
import { START, poolSuite } from "../utils/suite";

describe("security L-1: a frozen reward vault", () => {
  const suite = poolSuite({ start: START });
  const { claimIx, claimInto, expectRejected, stakerOf } = suite;

  /** Two funded streams, the second of a mint `freezer` can freeze; a holder staked 100 s. */
  async function setup() {
    const { chain, fixture } = suite;
    const freezer = chain.fundedKeypair();
    const plain = await addStream(fixture, { rate: 3n, fund: 1_000_000n });
    const freezable = await addStream(fixture, {
      rate: 5n,
      fund: 1_000_000n,
      mint: createRewardMint(chain, 6, freezer.publicKey),
    });
    const { holder, nfts } = holderWithNfts(fixture, 1);
    assertOk(await stakeNfts(fixture, holder, nfts));
    chain.warp(100);
    const vault = poolState(fixture).streams[1]!.vault;
    assertOk(
      chain.send(
        [createFreezeAccountInstruction(vault, freezable.mint, freezer.publicKey)],
        [freezer],
      ),
    );
    return { holder, nfts, plain, freezable, vault };
  }

  it("L-1: claim pays the other streams and keeps the frozen one's rewards owed", async () => {
    const { holder, plain, freezable } = await setup();
    assert.deepEqual(await claimInto(holder, [plain.mint, freezable.mint]), [300n, 0n]);
    const mine = stakerState(suite.fixture, holder.publicKey)?.streams;
    assert.equal(mine?.[0]?.owed.toString(), "0");
    assert.equal(mine?.[1]?.owed.toString(), "500", "kept, payable once thawed");
  });

  it("L-1: a claim owed only on the frozen vault fails with RewardVaultFrozen, moving nothing", async () => {
    const { chain } = suite;
    const { holder, plain, freezable, vault } = await setup();
    await claimInto(holder, [plain.mint, freezable.mint]);
    const destinations = [plain.mint, freezable.mint].map((mint) =>
      setTokenBalance(chain, holder.publicKey, mint, 0n),
    );
    // Unstake so nothing more accrues on the plain stream.
    await unstakeNfts(suite.fixture, holder, []).catch(() => undefined);
    expectRejected(await claimIx(holder.publicKey, destinations), [holder], "RewardVaultFrozen", [
      vault,
    ]);
  });

  it("L-1: close_staker, once the rest is paid, gives up only the frozen vault's rewards", async () => {
    const { chain, fixture } = suite;
    const { holder, nfts, plain, freezable } = await setup();
    assertOk(await unstakeNfts(fixture, holder, nfts));
    await claimInto(holder, [plain.mint, freezable.mint]);
    const staker = stakerOf(holder.publicKey);
    expectRejected(
      await closeStakerInstruction({ pool: fixture.pool, owner: holder.publicKey }),
      [holder],
      "RewardsStillOwed",
    );
    const owedBefore = poolState(fixture).streams[1]!.owedTotal.toString();
    assert.equal(owedBefore, "500");
    assertOk(
      chain.send(
        [
          await closeStakerInstruction({
            pool: fixture.pool,
            owner: holder.publicKey,
            forfeitFrozenRewards: poolState(fixture),
          }),
        ],
        [holder],
      ),
    );
    assert.equal(chain.account(staker), null, "closed, rent back");
    assert.equal(poolState(fixture).streams[1]!.owedTotal.toString(), "0");
    assert.equal(tokenBalance(chain, poolState(fixture).streams[1]!.vault), 1_000_000n);
  });

  it("L-1: close_staker refuses to forfeit rewards of a vault that is not frozen (RewardsStillOwed)", async () => {
    const { chain, fixture } = suite;
    const plain = await addStream(fixture, { rate: 3n, fund: 1_000n });
    const { holder, nfts } = holderWithNfts(fixture, 1);
    assertOk(await stakeNfts(fixture, holder, nfts));
    chain.warp(100);
    assertOk(await unstakeNfts(fixture, holder, nfts));
    assert.equal(stakerState(fixture, holder.publicKey)?.streams[0]?.owed.toString(), "300");
    expectRejected(
      await closeStakerInstruction({
        pool: fixture.pool,
        owner: holder.publicKey,
        forfeitFrozenRewards: poolState(fixture),
      }),
      [holder],
      "RewardsStillOwed",
    );
    assert.deepEqual(await claimInto(holder, [plain.mint]), [300n]);
  });
});
