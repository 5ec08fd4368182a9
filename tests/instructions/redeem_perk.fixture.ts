import { strict as assert } from "assert";
import { Keypair, PublicKey } from "@solana/web3.js";
import {
  claimInstruction,
  createPerkInstruction,
  decodePerk,
  decodePerkReceipt,
  findPerkAddress,
  findReceiptAddress,
  findStakerAddress,
  redeemPerkInstruction,
  type PerkAccount,
  type PerkReceiptAccount,
  type PerkTermsInput,
  type StakerAccount,
} from "@nft-staking/sdk";
import {
  createPool,
  holderWithNfts,
  type PoolFixture,
  poolState,
  stakeNfts,
  stakerState,
  TestChain,
  type TestNft,
} from "@nft-staking/dev-kit";
import { assertOk, rejecterFor } from "../utils/assertions";

/** A realistic unix time, so that windows and timestamps are meaningful. */
const T0 = 1_700_000_000;

/** `PerkReceipt` account size: discriminator + perk, owner, i64, u32, u8, 3 padding bytes. */
export const RECEIPT_SIZE = 8 + 32 + 32 + 8 + 4 + 1 + 3;

/** Weight of one default-tier NFT in these tests. */
export const WEIGHT = 3n;

/**
 * Shared setup of the `redeem_perk` tests (`redeem_perk.test.ts`: success paths,
 * `redeem_perk.rejects.test.ts`: failure paths). Call it inside `describe`: it registers a
 * `beforeEach` that builds a new chain at `T0` and a pool whose default tier weight is `WEIGHT`
 * (and notes the time in `now`), and returns that state as getters (read them in a test or hook,
 * not while `describe` runs) and the helpers over it.
 */
export function redeemPerkFixture() {
  let chain: TestChain;
  let fixture: PoolFixture;
  let now: bigint;

  beforeEach(async () => {
    chain = new TestChain();
    chain.warp(T0);
    fixture = await createPool(chain, { defaultTierWeight: Number(WEIGHT) });
    now = chain.now();
  });

  const terms = (overrides: Partial<PerkTermsInput> = {}): PerkTermsInput => ({
    name: "Allow-list spot",
    uri: "https://example.org/perk.json",
    costPoints: 1_000n,
    minStaked: 2,
    supplyCap: 0,
    startTs: now,
    endTs: now + 86_400n,
    ...overrides,
  });

  /** Creates perk `perkId` (1 unless given) of `pool` (the fixture's unless given). */
  async function createPerk(
    overrides: Partial<PerkTermsInput> = {},
    perkId = 1n,
    pool: PoolFixture = fixture,
  ): Promise<PublicKey> {
    const ix = await createPerkInstruction({
      pool: pool.pool,
      authority: pool.authority.publicKey,
      perkId,
      terms: terms(overrides),
    });
    assertOk(chain.send([ix], [pool.authority]));
    return findPerkAddress(pool.pool, perkId)[0];
  }

  /** A holder of `count` NFTs of the fixture's collection who staked them all. */
  async function stakedHolder(count: number): Promise<{ holder: Keypair; nfts: TestNft[] }> {
    const { holder, nfts } = holderWithNfts(fixture, count);
    assertOk(await stakeNfts(fixture, holder, nfts));
    return { holder, nfts };
  }

  const redeemIx = (perk: PublicKey, owner: PublicKey) =>
    redeemPerkInstruction({ pool: fixture.pool, perk, owner });

  const stakerOf = (owner: PublicKey): PublicKey => findStakerAddress(fixture.pool, owner)[0];
  const receiptOf = (perk: PublicKey, owner: PublicKey): PublicKey =>
    findReceiptAddress(perk, owner)[0];

  function staker(owner: PublicKey): StakerAccount {
    const state = stakerState(fixture, owner);
    assert.ok(state, "staker account missing");
    return state;
  }

  function perkState(perk: PublicKey): PerkAccount {
    const account = chain.svm.getAccount(perk);
    assert.ok(account, "perk missing");
    return decodePerk(account.data);
  }

  function receiptState(perk: PublicKey, owner: PublicKey): PerkReceiptAccount {
    const account = chain.svm.getAccount(receiptOf(perk, owner));
    assert.ok(account, "receipt missing");
    return decodePerkReceipt(account.data);
  }

  /** Settles the holder's points with a claim (the pool has no streams, so it pays nothing). */
  async function checkpoint(holder: Keypair): Promise<void> {
    const ix = await claimInstruction({
      pool: fixture.pool,
      poolAccount: poolState(fixture),
      owner: holder.publicKey,
    });
    assertOk(chain.send([ix], [holder]));
  }

  const points = (owner: PublicKey): bigint => BigInt(staker(owner).points.toString());
  const lamports = (address: PublicKey): bigint => chain.account(address)?.lamports ?? 0n;

  /** Expects `error` and that nothing changed (see `assertRejected`). */
  const expectRejected = rejecterFor(() => chain);

  return {
    get chain(): TestChain {
      return chain;
    },
    get fixture(): PoolFixture {
      return fixture;
    },
    get now(): bigint {
      return now;
    },
    createPerk,
    stakedHolder,
    redeemIx,
    stakerOf,
    receiptOf,
    staker,
    perkState,
    receiptState,
    checkpoint,
    points,
    lamports,
    expectRejected,
  };
}
