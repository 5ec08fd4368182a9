import { getAssociatedTokenAddressSync } from "@solana/spl-token";
import { Keypair, PublicKey } from "@solana/web3.js";
import {
  StreamMode,
  addRewardStreamInstruction,
  claimInstruction,
  decodePool,
  decodeStaker,
  findPoolAddress,
  findStakerAddress,
  fundRewardStreamInstruction,
  initializePoolInstruction,
  isPoolPaused,
  lockTermsOf,
  poolLimitsOf,
  stakeInstruction,
  unstakeInstruction,
  updatePoolInstruction,
  type LockOptionInput,
  type PoolAccount,
  type PoolLimitsInput,
  type StakeNftInput,
  type StakerAccount,
  type TierTree,
} from "@nft-staking/sdk";
import { assertOk, type TestChain, type TxResult } from "./chain";
import { createCollection, createCollectionNfts, type TestNft } from "./nft-accounts";
import { createFungibleMint, tokenBalance, writeTokenAccount } from "./token-accounts";

/** A pool of a fresh verified collection, with its authority. */
export interface PoolFixture {
  chain: TestChain;
  authority: Keypair;
  pool: PublicKey;
  collection: TestNft;
}

/** Options of {@link createPool}. */
export interface PoolOptions {
  defaultTierWeight?: number;
  tierWeights?: number[];
  lockOptions?: LockOptionInput[];
  tiers?: TierTree;
  /** Lock, pause and eligibility bounds (the SDK's defaults when omitted). */
  limits?: PoolLimitsInput;
  /** Fixed seed for the authority key (benchmarks: PDA bump searches depend on addresses). */
  authoritySeed?: number;
}

/** Creates a collection, a pool for it, and (when options are given) configures it. */
export async function createPool(
  chain: TestChain,
  options: PoolOptions = {},
): Promise<PoolFixture> {
  const authority = chain.fundedKeypair(100, options.authoritySeed);
  const collection = createCollection(chain, authority.publicKey);
  const defaultTierWeight = options.defaultTierWeight ?? 1;
  const ix = await initializePoolInstruction({
    authority: authority.publicKey,
    poolId: 1n,
    collection: collection.mint,
    defaultTierWeight,
    limits: options.limits,
  });
  assertOk(chain.send([ix], [authority]));
  const [pool] = findPoolAddress(authority.publicKey, 1n);
  const fixture = { chain, authority, pool, collection };
  if (options.tierWeights || options.lockOptions || options.tiers) {
    await configurePool(fixture, options);
  }
  return fixture;
}

/** Sends `update_pool` with these options. */
export async function configurePool(fixture: PoolFixture, options: PoolOptions): Promise<void> {
  const ix = await updatePoolInstruction({
    pool: fixture.pool,
    authority: fixture.authority.publicKey,
    tierRoot: options.tiers?.root ?? null,
    defaultTierWeight: options.defaultTierWeight ?? 1,
    tierWeights: options.tierWeights ?? [],
    lockOptions: options.lockOptions ?? [],
    uri: "",
    limits: options.limits ?? poolLimitsOf(poolState(fixture)),
  });
  assertOk(fixture.chain.send([ix], [fixture.authority]));
}

/** A fungible SPL mint (no authority needed: tests write balances directly). */
export function createRewardMint(
  chain: TestChain,
  decimals = 6,
  freezeAuthority: PublicKey | null = null,
): PublicKey {
  return createFungibleMint(chain, decimals, undefined, freezeAuthority);
}

/** Writes (or overwrites) `owner`'s associated token account of `mint` with `amount`. */
export function setTokenBalance(
  chain: TestChain,
  owner: PublicKey,
  mint: PublicKey,
  amount: bigint,
): PublicKey {
  return writeTokenAccount(
    chain,
    getAssociatedTokenAddressSync(mint, owner, true),
    owner,
    mint,
    amount,
  );
}

/** Options of {@link addStream}. */
export interface StreamOptions {
  mode?: StreamMode;
  rate?: bigint;
  /** Seconds from now until the stream ends. */
  duration?: number;
  /** Tokens to put in the vault right away. */
  fund?: bigint;
  mint?: PublicKey;
}

/** Adds (and optionally funds) a stream starting now; returns its index and mint. */
export async function addStream(
  fixture: PoolFixture,
  options: StreamOptions = {},
): Promise<{ index: number; mint: PublicKey }> {
  const { chain, authority, pool } = fixture;
  const mint = options.mint ?? createRewardMint(chain);
  const index = poolState(fixture).streamCount;
  const now = chain.now();
  const ix = await addRewardStreamInstruction({
    pool,
    authority: authority.publicKey,
    rewardMint: mint,
    streamIndex: index,
    mode: options.mode ?? StreamMode.FixedPerWeight,
    rate: options.rate ?? 1_000n,
    startTs: now,
    endTs: now + BigInt(options.duration ?? 30 * 86_400),
  });
  assertOk(chain.send([ix], [authority]));
  if (options.fund) await fundStream(fixture, index, mint, options.fund);
  return { index, mint };
}

/** Funds a stream from a freshly credited funder. */
export async function fundStream(
  fixture: PoolFixture,
  index: number,
  mint: PublicKey,
  amount: bigint,
): Promise<void> {
  const funder = fixture.chain.fundedKeypair();
  setTokenBalance(fixture.chain, funder.publicKey, mint, amount);
  const ix = await fundRewardStreamInstruction({
    pool: fixture.pool,
    funder: funder.publicKey,
    streamIndex: index,
    rewardMint: mint,
    amount,
  });
  assertOk(fixture.chain.send([ix], [funder]));
}

/** A holder with `count` NFTs of the fixture's collection. */
export function holderWithNfts(
  fixture: PoolFixture,
  count: number,
): { holder: Keypair; nfts: TestNft[] } {
  const holder = fixture.chain.fundedKeypair();
  const nfts = createCollectionNfts(
    fixture.chain,
    holder.publicKey,
    fixture.collection.mint,
    count,
  );
  return { holder, nfts };
}

/**
 * Stakes NFTs (default tier unless given) and returns the result; `lockOption` locks them on
 * the terms the pool has now (as a holder who just read the pool would accept).
 */
export async function stakeNfts(
  fixture: PoolFixture,
  holder: Keypair,
  nfts: (TestNft | StakeNftInput)[],
  lockOption?: number,
): Promise<TxResult> {
  const ix = await stakeInstruction({
    pool: fixture.pool,
    owner: holder.publicKey,
    nfts: nfts.map((nft) => ("tier" in nft ? nft : { mint: nft.mint })),
    lock: lockOption === undefined ? undefined : lockTermsOrRaw(poolState(fixture), lockOption),
  });
  return fixture.chain.send([ix], [holder]);
}

/** Unstakes NFTs for `holder`, to their associated token accounts, and returns the result. */
export async function unstakeNfts(
  fixture: PoolFixture,
  holder: Keypair,
  nfts: { mint: PublicKey }[],
): Promise<TxResult> {
  const ix = await unstakeInstruction({
    pool: fixture.pool,
    owner: holder.publicKey,
    nfts: nfts.map(({ mint }) => ({ mint })),
  });
  return fixture.chain.send([ix], [holder]);
}

/** Claims every stream of the pool for `holder`, to their associated token accounts. */
export async function claimRewards(fixture: PoolFixture, holder: Keypair): Promise<TxResult> {
  const ix = await claimInstruction({
    pool: fixture.pool,
    poolAccount: poolState(fixture),
    owner: holder.publicKey,
  });
  return fixture.chain.send([ix], [holder]);
}

/**
 * Claims every stream for `holder` into fresh zero-balance associated token accounts of `mints`
 * (written directly, at no cost to them); throws unless the claim succeeded, and returns what
 * each account received.
 */
export async function claimRewardsInto(
  fixture: PoolFixture,
  holder: Keypair,
  mints: PublicKey[],
): Promise<bigint[]> {
  const { chain } = fixture;
  const destinations = mints.map((mint) => setTokenBalance(chain, holder.publicKey, mint, 0n));
  assertOk(await claimRewards(fixture, holder), "claim");
  return destinations.map((destination) => tokenBalance(chain, destination));
}

/** The decoded pool. */
export function poolState(fixture: PoolFixture): PoolAccount {
  const account = fixture.chain.svm.getAccount(fixture.pool);
  if (!account) throw new Error("pool missing");
  return decodePool(account.data);
}

/** The holder's decoded staker account, or null. */
export function stakerState(fixture: PoolFixture, owner: PublicKey): StakerAccount | null {
  const account = fixture.chain.svm.getAccount(findStakerAddress(fixture.pool, owner)[0]);
  return account ? decodeStaker(account.data) : null;
}

/**
 * The pool's terms for `option`, or (for an unused or out-of-range option, which rejection
 * tests send on purpose) the raw option with zero terms.
 */
export function lockTermsOrRaw(pool: PoolAccount, option: number) {
  try {
    return lockTermsOf(pool, option);
  } catch {
    return { option, durationS: 0, multiplierBps: 0 };
  }
}

/** Whether the fixture's pool is paused at the chain's current time. */
export function isPaused(fixture: PoolFixture): boolean {
  return isPoolPaused(poolState(fixture), fixture.chain.now());
}
