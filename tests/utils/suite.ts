import { strict as assert } from "assert";
import { Keypair, type PublicKey, type TransactionInstruction } from "@solana/web3.js";
import {
  acceptAuthorityInstruction,
  claimInstruction,
  findStakerAddress,
  poolLimitsOf,
  proposeAuthorityInstruction,
  stakeInstruction,
  unstakeInstruction,
  updatePoolInstruction,
  type StakeNftInput,
  type StakerAccount,
} from "@nft-staking/sdk";
import {
  claimRewardsInto,
  createPool,
  holderWithNfts,
  lockTermsOrRaw,
  poolState,
  stakeNfts,
  stakerState,
  TestChain,
  writeTokenAccount,
} from "@nft-staking/dev-kit";
import type { PoolFixture, PoolOptions } from "@nft-staking/dev-kit";
import { assertOk, rejecterFor } from "./assertions";

/** A realistic unix time to start from (LiteSVM's clock starts at 0). */
export const START = 1_700_000_000;

/** Lamports of one signature: every test transaction here has one fee payer and one fee. */
export const FEE = 5000n;

/** Options of {@link poolSuite}: the pool's options, and the time the chain starts at. */
export interface SuiteOptions extends PoolOptions {
  /** Unix time the new chain is moved to before the pool is created (default: LiteSVM's 0). */
  start?: number;
}

/**
 * Shared setup of an instruction suite. Call it inside `describe`: it registers a `beforeEach`
 * that builds a new chain (at `options.start`) and a pool (`createPool` with the other options),
 * and returns that state as getters — read them in a test or hook, not while `describe` runs:
 *
 *     const suite = poolSuite({ start: START });
 *     const { stakedHolder, expectRejected } = suite;
 *     let chain: TestChain, fixture: PoolFixture;
 *     beforeEach(() => ({ chain, fixture } = suite));
 *
 * — and the builders most suites share, over the current chain and pool. A suite with helpers of
 * its own adds them with {@link extendSuite}.
 */
export function poolSuite(options: SuiteOptions = {}) {
  const { start, ...poolOptions } = options;
  let chain: TestChain;
  let fixture: PoolFixture;

  beforeEach(async () => {
    chain = new TestChain();
    if (start !== undefined) chain.warp(start);
    fixture = await createPool(chain, poolOptions);
  });

  /** Sends `ix` signed (and paid) by the pool authority, asserting success; returns the result. */
  async function asAuthority(ix: TransactionInstruction | Promise<TransactionInstruction>) {
    const result = chain.send([await ix], [fixture.authority]);
    assertOk(result);
    return result;
  }

  /** Lamports of `address` (0 when there is no account). */
  const lamports = (address: PublicKey): bigint => chain.account(address)?.lamports ?? 0n;

  /** A token account of `mint` owned by `owner`, holding `amount`, at a fresh (non-ATA) address. */
  const tokenAccountAt = (owner: PublicKey, mint: PublicKey, amount: bigint): PublicKey =>
    writeTokenAccount(chain, Keypair.generate().publicKey, owner, mint, amount);

  /** The rent-exempt minimum of an account of `size` bytes. */
  const rent = (size: number): bigint => chain.svm.minimumBalanceForRentExemption(BigInt(size));

  /** The staker PDA of `owner` in `pool` (the fixture's unless given). */
  const stakerOf = (owner: PublicKey, pool: PublicKey = fixture.pool): PublicKey =>
    findStakerAddress(pool, owner)[0];

  /** The holder's decoded staker account (it must exist). */
  function staker(owner: PublicKey): StakerAccount {
    const state = stakerState(fixture, owner);
    assert.ok(state, "staker account missing");
    return state;
  }

  /** A holder of `count` NFTs of the pool's collection who staked them all (none when 0). */
  async function stakedHolder(count: number, lockOption?: number) {
    const { holder, nfts } = holderWithNfts(fixture, count);
    if (count > 0) assertOk(await stakeNfts(fixture, holder, nfts, lockOption));
    return { holder, nfts };
  }

  /** `stake` of these NFTs by `owner` in the fixture's pool (default tier unless given). */
  const stakeIx = (
    owner: PublicKey,
    nfts: StakeNftInput[],
    lockOption?: number,
  ): Promise<TransactionInstruction> =>
    stakeInstruction({
      pool: fixture.pool,
      owner,
      nfts,
      lock: lockOption === undefined ? undefined : lockTermsOrRaw(poolState(fixture), lockOption),
    });

  /** `unstake` of these NFTs by `owner`, to their ATAs unless `tokenAccount` is given. */
  const unstakeIx = (owner: PublicKey, nfts: { mint: PublicKey; tokenAccount?: PublicKey }[]) =>
    unstakeInstruction({
      pool: fixture.pool,
      owner,
      nfts: nfts.map(({ mint, tokenAccount }) => ({ mint, tokenAccount })),
    });

  /** `claim` over all of the pool's streams, to the owner's ATAs unless given. */
  const claimIx = (owner: PublicKey, rewardTokenAccounts?: PublicKey[]) =>
    claimInstruction({
      pool: fixture.pool,
      poolAccount: poolState(fixture),
      owner,
      rewardTokenAccounts,
    });

  /** Claims for `holder` into fresh zero-balance ATAs of `mints`; returns what each received. */
  const claimInto = (holder: Keypair, mints: PublicKey[]): Promise<bigint[]> =>
    claimRewardsInto(fixture, holder, mints);

  /** `propose_authority(newAuthority)` signed by `authority` (the pool's unless given). */
  const proposeIx = (newAuthority: PublicKey, authority: PublicKey = fixture.authority.publicKey) =>
    proposeAuthorityInstruction({ pool: fixture.pool, authority, newAuthority });

  /** Proposes `newAuthority` as the pool's current authority `by` (default the fixture's). */
  async function propose(newAuthority: PublicKey, by: Keypair = fixture.authority) {
    const result = chain.send([await proposeIx(newAuthority, by.publicKey)], [by]);
    assertOk(result);
    return result;
  }

  /** `accept_authority` signed by `newAuthority`. */
  const acceptIx = (newAuthority: PublicKey) =>
    acceptAuthorityInstruction({ pool: fixture.pool, newAuthority });

  /** An `update_pool` by `authority` that changes only the URI. */
  const updateUriIx = (authority: PublicKey, uri: string) =>
    updatePoolInstruction({
      pool: fixture.pool,
      authority,
      tierRoot: null,
      defaultTierWeight: 1,
      tierWeights: [],
      lockOptions: [],
      uri,
      limits: poolLimitsOf(poolState(fixture)),
    });

  return {
    get chain(): TestChain {
      return chain;
    },
    set chain(value: TestChain) {
      chain = value;
    },
    get fixture(): PoolFixture {
      return fixture;
    },
    set fixture(value: PoolFixture) {
      fixture = value;
    },
    /** Expects `error` and that nothing changed (see `assertRejected`). */
    expectRejected: rejecterFor(() => chain),
    asAuthority,
    lamports,
    tokenAccountAt,
    rent,
    stakerOf,
    staker,
    stakedHolder,
    stakeIx,
    unstakeIx,
    claimIx,
    claimInto,
    proposeIx,
    propose,
    acceptIx,
    updateUriIx,
  };
}

/** What {@link poolSuite} returns. */
export type PoolSuite = ReturnType<typeof poolSuite>;

/** `Suite` with the helpers of `Extra` added (see {@link extendSuite}). */
export type Extended<Suite, Extra> = Omit<Suite, keyof Extra> & Extra;

/**
 * `suite` with `extra` helpers added (an extra helper replaces a shared one of the same name, so
 * read a shared one first if the new one builds on it). The suite object itself is extended, with
 * the getters of both kept live.
 */
export function extendSuite<Suite extends object, Extra extends object>(
  suite: Suite,
  extra: Extra,
): Extended<Suite, Extra> {
  Object.defineProperties(suite, Object.getOwnPropertyDescriptors(extra));
  return suite as unknown as Extended<Suite, Extra>;
}
