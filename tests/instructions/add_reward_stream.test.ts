import { strict as assert } from "assert";
import { AccountLayout, AccountState, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { PublicKey, SystemProgram } from "@solana/web3.js";
import {
  MAX_STREAMS,
  StreamMode,
  addRewardStreamInstruction,
  findRewardVaultAddress,
  unstakeInstruction,
} from "@nft-staking/sdk";
import {
  createPool,
  createRewardMint,
  holderWithNfts,
  type PoolFixture,
  poolState,
  stakeNfts,
  type TestChain,
  tokenBalance,
} from "@nft-staking/dev-kit";
import { assertOk, firstEvent, onlyEvent } from "../utils/assertions";
import { addRewardStreamFixture, DAY } from "./add_reward_stream.fixture";

describe("add_reward_stream", () => {
  const suite = addRewardStreamFixture();
  const { params, add } = suite;
  let chain: TestChain, fixture: PoolFixture, rewardMint: PublicKey;
  beforeEach(() => ({ chain, fixture, rewardMint } = suite));

  it("creates the vault PDA: an SPL token account of the reward mint, owned by the pool, empty", async () => {
    await add();
    const [vault] = findRewardVaultAddress(fixture.pool, 0);
    const account = chain.svm.getAccount(vault);
    assert.ok(account);
    assert.ok(account.owner.equals(TOKEN_PROGRAM_ID));
    assert.equal(account.data.length, AccountLayout.span);
    assert.equal(
      BigInt(account.lamports),
      chain.svm.minimumBalanceForRentExemption(BigInt(AccountLayout.span)),
      "rent-exempt, and not a lamport more",
    );
    const token = AccountLayout.decode(account.data);
    assert.ok(token.mint.equals(rewardMint));
    assert.ok(token.owner.equals(fixture.pool));
    assert.equal(token.amount, 0n);
    assert.equal(token.state, AccountState.Initialized);
    assert.equal(token.delegateOption, 0);
    assert.equal(token.closeAuthorityOption, 0);
    assert.equal(token.isNativeOption, 0);
  });

  it("records the stream: mint, vault, rate, schedule, mode and bump, with empty books", async () => {
    const start = chain.now() + 60n;
    const end = start + 7n * DAY;
    await add({ startTs: start, endTs: end, rate: 123_456_789n });

    const pool = poolState(fixture);
    assert.equal(pool.streamCount, 1);
    const [vault, vaultBump] = findRewardVaultAddress(fixture.pool, 0);
    const stream = pool.streams[0];
    assert.ok(stream);
    assert.ok(stream.mint.equals(rewardMint));
    assert.ok(stream.vault.equals(vault));
    assert.equal(stream.rate.toString(), "123456789");
    assert.equal(stream.startTs.toString(), start.toString(), "a future start is kept");
    assert.equal(stream.endTs.toString(), end.toString());
    assert.equal(stream.lastUpdateTs.toString(), start.toString());
    assert.equal(stream.mode, StreamMode.FixedPerWeight);
    assert.equal(stream.vaultBump, vaultBump);
    assert.equal(stream.accPerWeight.toString(), "0");
    assert.equal(stream.unsettledScaled.toString(), "0");
    assert.equal(stream.owedTotal.toString(), "0");
    assert.equal(stream.vaultBalance.toString(), "0", "unfunded: it accrues nothing yet");
    for (const unused of pool.streams.slice(1)) {
      assert.ok(unused.mint.equals(PublicKey.default), "other slots stay empty");
      assert.equal(unused.rate.toString(), "0");
    }
  });

  it("emits StreamAdded", async () => {
    const end = chain.now() + DAY;
    const result = await add({ mode: StreamMode.SharedEmission, rate: 77n, endTs: end });
    const event = onlyEvent(result, "streamAdded");
    assert.ok(event.pool.equals(fixture.pool));
    assert.equal(event.streamIndex, 0);
    assert.ok(event.mint.equals(rewardMint));
    assert.ok(event.vault.equals(findRewardVaultAddress(fixture.pool, 0)[0]));
    assert.equal(event.mode, StreamMode.SharedEmission);
    assert.equal(event.rate.toString(), "77");
    assert.equal(event.startTs.toString(), chain.now().toString());
    assert.equal(event.endTs.toString(), end.toString());
  });

  it("moves a start in the past to now", async () => {
    const now = chain.now();
    const result = await add({ startTs: now - 1_000n, endTs: now + 1n });
    const stream = poolState(fixture).streams[0];
    assert.equal(stream?.startTs.toString(), now.toString());
    assert.equal(stream?.lastUpdateTs.toString(), now.toString());
    assert.equal(stream?.endTs.toString(), (now + 1n).toString(), "one second long is enough");
    const event = firstEvent(result, "streamAdded");
    assert.equal(event.startTs.toString(), now.toString());
  });

  it("adds a SharedEmission stream with a separate rent payer", async () => {
    const payer = chain.fundedKeypair();
    const authorityLamports = chain.account(fixture.authority.publicKey)?.lamports;
    const payerLamports = chain.account(payer.publicKey)?.lamports ?? 0n;
    const ix = await addRewardStreamInstruction(
      params({ payer: payer.publicKey, mode: StreamMode.SharedEmission }),
    );
    assertOk(chain.send([ix], [payer, fixture.authority]));
    assert.equal(poolState(fixture).streams[0]?.mode, StreamMode.SharedEmission);
    assert.equal(chain.account(fixture.authority.publicKey)?.lamports, authorityLamports);
    const rent = chain.svm.minimumBalanceForRentExemption(BigInt(AccountLayout.span));
    assert.equal(
      payerLamports - (chain.account(payer.publicKey)?.lamports ?? 0n),
      rent + 2n * 5_000n,
      "the payer paid the vault's rent (and the fees of two signatures)",
    );
  });

  it("holds up to 4 streams, each with its own mint and vault at its index", async () => {
    const mints = Array.from({ length: MAX_STREAMS }, () => createRewardMint(chain));
    for (const mint of mints) await add({ rewardMint: mint });
    const pool = poolState(fixture);
    assert.equal(pool.streamCount, MAX_STREAMS);
    mints.forEach((mint, index) => {
      const [vault] = findRewardVaultAddress(fixture.pool, index);
      assert.ok(pool.streams[index]?.mint.equals(mint));
      assert.ok(pool.streams[index]?.vault.equals(vault));
      const account = chain.svm.getAccount(vault);
      assert.ok(account);
      assert.ok(AccountLayout.decode(account.data).mint.equals(mint));
    });
  });

  it("still creates the vault when someone pre-funded its address", async () => {
    const [vault] = findRewardVaultAddress(fixture.pool, 0);
    const griefer = chain.fundedKeypair();
    assertOk(
      chain.send(
        [
          SystemProgram.transfer({
            fromPubkey: griefer.publicKey,
            toPubkey: vault,
            lamports: Number(chain.svm.minimumBalanceForRentExemption(0n)),
          }),
        ],
        [griefer],
      ),
    );
    await add();
    const account = chain.svm.getAccount(vault);
    assert.ok(account && account.owner.equals(TOKEN_PROGRAM_ID));
    assert.equal(
      BigInt(account.lamports),
      chain.svm.minimumBalanceForRentExemption(BigInt(AccountLayout.span)),
    );
    assert.ok(AccountLayout.decode(account.data).owner.equals(fixture.pool));
  });

  it("never lets a new stream trap staked NFTs: unstake works after an extreme rate", async () => {
    // Unstake must not depend on the creator (nft_unstake.rs). The largest accepted rate
    // (rate × duration = u64::MAX) at weight 10^6 would owe more than u64::MAX within a
    // second; a stream accrues only what its vault covers (M-4), nothing from an empty vault,
    // and the holder can leave.
    fixture = suite.fixture = await createPool(chain, { defaultTierWeight: 1_000_000 });
    const { holder, nfts } = holderWithNfts(fixture, 1);
    assertOk(await stakeNfts(fixture, holder, nfts));
    const rate = (2n ** 64n - 1n) / (30n * DAY);
    const start = chain.now();
    assertOk(chain.send([await addRewardStreamInstruction(params({ rate }))], [fixture.authority]));
    chain.warp(60);
    const ix = await unstakeInstruction({
      pool: fixture.pool,
      owner: holder.publicKey,
      nfts: nfts.map((nft) => ({ mint: nft.mint })),
    });
    assertOk(chain.send([ix], [holder]));
    assert.equal(tokenBalance(chain, nfts[0]!.tokenAccount), 1n, "the NFT is back");
    const stream = poolState(fixture).streams[0]!;
    assert.equal(stream.startTs.toString(), start.toString());
    assert.equal(stream.endTs.toString(), (start + 30n * DAY).toString(), "its schedule is kept");
    assert.equal(stream.lastUpdateTs.toString(), chain.now().toString());
    assert.equal(stream.accPerWeight.toString(), "0", "an empty vault covers nothing");
    assert.equal(stream.unsettledScaled.toString(), "0");
    assert.equal(stream.owedTotal.toString(), "0");
  });
});
