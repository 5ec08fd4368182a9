import { Keypair, PublicKey, type TransactionInstruction } from "@solana/web3.js";
import {
  StreamMode,
  TierTree,
  acceptAuthorityInstruction,
  addRewardStreamInstruction,
  closePerkInstruction,
  closeStakerInstruction,
  createPerkInstruction,
  findPerkAddress,
  proposeAuthorityInstruction,
  redeemPerkInstruction,
  refreshTierInstruction,
  setPausedInstruction,
  sunsetPoolInstruction,
  updatePerkInstruction,
  withdrawSurplusInstruction,
  claimInstruction,
  fundRewardStreamInstruction,
  initializePoolInstruction,
  legacyTransactionSize,
  stakeInstruction,
  unstakeInstruction,
  updatePoolInstruction,
  updateRewardStreamInstruction,
  DEFAULT_POOL_LIMITS,
} from "@nft-staking/sdk";
import {
  addStream,
  configurePool,
  createCollectionNfts,
  createPool,
  createRewardMint,
  type PoolFixture,
  poolState,
  setTokenBalance,
  TestChain,
  type TestNft,
} from "@nft-staking/dev-kit";

/** One measured instruction: compute units, accounts touched, serialized size, NFTs moved. */
export interface Measurement {
  cu: number;
  accounts: number;
  txBytes: number;
  nfts: number;
}

/** Keys are fixed (PDA bump searches, and so compute units, depend on the addresses). */
const seeded = (seed: number) => Keypair.fromSeed(new Uint8Array(32).fill(seed));

/** Sends one instruction signed by `signers` and measures it; throws if it fails. */
function measure(
  chain: TestChain,
  ix: TransactionInstruction,
  signers: Keypair[],
  nfts: number,
): Measurement {
  const [payer] = signers;
  if (!payer) throw new Error("no signer");
  const txBytes = legacyTransactionSize([ix], payer.publicKey);
  const result = chain.send([ix], signers);
  if (!result.ok) throw new Error(`benchmark transaction failed: ${result.logs.join("\n")}`);
  return { cu: result.computeUnits, accounts: ix.keys.length, txBytes, nfts };
}

async function pool(): Promise<{ chain: TestChain; fixture: PoolFixture; holder: Keypair }> {
  const chain = new TestChain();
  const fixture = await createPool(chain, { authoritySeed: 3 });
  const holder = chain.fundedKeypair(1_000, 7);
  return { chain, fixture, holder };
}

function nftsFor(fixture: PoolFixture, holder: Keypair, count: number): TestNft[] {
  return createCollectionNfts(fixture.chain, holder.publicKey, fixture.collection.mint, count);
}

async function stakeIx(fixture: PoolFixture, holder: Keypair, nfts: TestNft[]) {
  return stakeInstruction({
    pool: fixture.pool,
    owner: holder.publicKey,
    nfts: nfts.map((nft) => ({ mint: nft.mint })),
  });
}

/** NFTs per setup stake: what one legacy transaction holds (5 accounts per NFT). */
const STAKE_BATCH = 5;

/** Stakes `count` NFTs in batches (setup for other scenarios). */
async function stakeMany(fixture: PoolFixture, holder: Keypair, count: number): Promise<TestNft[]> {
  const nfts = nftsFor(fixture, holder, count);
  for (let i = 0; i < nfts.length; i += STAKE_BATCH) {
    const result = fixture.chain.send(
      [await stakeIx(fixture, holder, nfts.slice(i, i + STAKE_BATCH))],
      [holder],
    );
    if (!result.ok) throw new Error(result.logs.join("\n"));
  }
  return nfts;
}

/** The largest batch whose `build` still fits one legacy transaction (≤ 16). */
async function largestBatch(
  build: (n: number) => Promise<TransactionInstruction>,
  payer: PublicKey,
) {
  let best = 1;
  for (let n = 1; n <= 16; n++) {
    if (legacyTransactionSize([await build(n)], payer) > 1232) break;
    best = n;
  }
  return best;
}

async function initializePool(): Promise<Measurement> {
  const chain = new TestChain();
  const authority = chain.fundedKeypair(10, 1);
  const ix = await initializePoolInstruction({
    authority: authority.publicKey,
    poolId: 1n,
    collection: seeded(2).publicKey,
    defaultTierWeight: 1,
    uri: "https://example.org/pool.json",
  });
  return measure(chain, ix, [authority], 0);
}

async function updatePool(): Promise<Measurement> {
  const { chain, fixture } = await pool();
  const ix = await updatePoolInstruction({
    pool: fixture.pool,
    authority: fixture.authority.publicKey,
    tierRoot: new Uint8Array(32).fill(9),
    defaultTierWeight: 1,
    tierWeights: [1, 2, 3, 5, 8, 13, 21, 34],
    lockOptions: [{ durationS: 86_400, multiplierBps: 12_000 }],
    uri: "https://example.org/pool.json",
    limits: DEFAULT_POOL_LIMITS,
  });
  return measure(chain, ix, [fixture.authority], 0);
}

async function addRewardStream(): Promise<Measurement> {
  const { chain, fixture } = await pool();
  const now = chain.now();
  const ix = await addRewardStreamInstruction({
    pool: fixture.pool,
    authority: fixture.authority.publicKey,
    rewardMint: createRewardMint(chain),
    streamIndex: 0,
    mode: StreamMode.SharedEmission,
    rate: 1_000n,
    startTs: now,
    endTs: now + 86_400n,
  });
  return measure(chain, ix, [fixture.authority], 0);
}

async function fundRewardStream(): Promise<Measurement> {
  const { chain, fixture } = await pool();
  const { mint } = await addStream(fixture);
  const funder = chain.fundedKeypair(10, 8);
  setTokenBalance(chain, funder.publicKey, mint, 1_000_000n);
  const ix = await fundRewardStreamInstruction({
    pool: fixture.pool,
    funder: funder.publicKey,
    streamIndex: 0,
    rewardMint: mint,
    amount: 1_000n,
  });
  return measure(chain, ix, [funder], 0);
}

async function updateRewardStream(): Promise<Measurement> {
  const { chain, fixture } = await pool();
  await addStream(fixture);
  const ix = await updateRewardStreamInstruction({
    pool: fixture.pool,
    authority: fixture.authority.publicKey,
    streamIndex: 0,
    rate: 5n,
    endTs: chain.now() + 1_000n,
  });
  return measure(chain, ix, [fixture.authority], 0);
}

/** Stakes into an existing `Staker` (the holder staked before), or the holder's first stake. */
async function stake(count: number | "max", first = false): Promise<Measurement> {
  const { chain, fixture, holder } = await pool();
  await addStream(fixture, { fund: 1_000_000n });
  if (!first) await stakeMany(fixture, holder, 1);
  const nfts = nftsFor(fixture, holder, 16);
  const n =
    count === "max"
      ? await largestBatch((k) => stakeIx(fixture, holder, nfts.slice(0, k)), holder.publicKey)
      : count;
  return measure(chain, await stakeIx(fixture, holder, nfts.slice(0, n)), [holder], n);
}

/** Unstakes the most recently staked NFTs: the record scan is then as long as it gets. */
async function unstake(count: number | "max", staked = 16): Promise<Measurement> {
  const { chain, fixture, holder } = await pool();
  await addStream(fixture, { fund: 1_000_000n });
  const nfts = (await stakeMany(fixture, holder, staked)).reverse();
  const build = (k: number) =>
    unstakeInstruction({
      pool: fixture.pool,
      owner: holder.publicKey,
      nfts: nfts.slice(0, k).map((nft) => ({ mint: nft.mint })),
    });
  const n = count === "max" ? await largestBatch(build, holder.publicKey) : count;
  return measure(chain, await build(n), [holder], n);
}

async function claim(streams: number, nftCount: number): Promise<Measurement> {
  const { chain, fixture, holder } = await pool();
  for (let i = 0; i < streams; i++) await addStream(fixture, { fund: 1_000_000_000n });
  await stakeMany(fixture, holder, nftCount);
  chain.warp(3_600);
  const state = poolState(fixture);
  for (const stream of state.streams.slice(0, streams))
    setTokenBalance(chain, holder.publicKey, stream.mint, 0n);
  const ix = await claimInstruction({
    pool: fixture.pool,
    poolAccount: state,
    owner: holder.publicKey,
  });
  return measure(chain, ix, [holder], 0);
}

async function setPaused(): Promise<Measurement> {
  const { chain, fixture } = await pool();
  await addStream(fixture);
  const ix = await setPausedInstruction({
    pool: fixture.pool,
    authority: fixture.authority.publicKey,
    paused: true,
  });
  return measure(chain, ix, [fixture.authority], 0);
}

async function sunsetPool(): Promise<Measurement> {
  const { chain, fixture } = await pool();
  for (let i = 0; i < 4; i++) await addStream(fixture);
  const ix = await sunsetPoolInstruction({
    pool: fixture.pool,
    authority: fixture.authority.publicKey,
  });
  return measure(chain, ix, [fixture.authority], 0);
}

async function authorityTransfer(step: "propose" | "accept"): Promise<Measurement> {
  const { chain, fixture } = await pool();
  const next = chain.fundedKeypair(1, 9);
  const propose = await proposeAuthorityInstruction({
    pool: fixture.pool,
    authority: fixture.authority.publicKey,
    newAuthority: next.publicKey,
  });
  if (step === "propose") return measure(chain, propose, [fixture.authority], 0);
  chain.send([propose], [fixture.authority]);
  const ix = await acceptAuthorityInstruction({ pool: fixture.pool, newAuthority: next.publicKey });
  return measure(chain, ix, [next], 0);
}

async function withdrawSurplus(): Promise<Measurement> {
  const { chain, fixture, holder } = await pool();
  const { mint } = await addStream(fixture, { rate: 1n, fund: 10n ** 12n });
  await stakeMany(fixture, holder, 1);
  chain.warp(100);
  const destination = setTokenBalance(chain, fixture.authority.publicKey, mint, 0n);
  const ix = await withdrawSurplusInstruction({
    pool: fixture.pool,
    authority: fixture.authority.publicKey,
    streamIndex: 0,
    rewardMint: mint,
    amount: 1_000n,
    destination,
  });
  return measure(chain, ix, [fixture.authority], 0);
}

async function refreshTier(): Promise<Measurement> {
  const { chain, fixture, holder } = await pool();
  await addStream(fixture, { fund: 1_000_000n });
  const [nft] = await stakeMany(fixture, holder, 1);
  if (!nft) throw new Error("no NFT");
  const others = nftsFor(fixture, chain.fundedKeypair(1, 10), 1023);
  const tree = TierTree.fromEntries([
    { mint: nft.mint, tier: 2 },
    ...others.map((o) => ({ mint: o.mint, tier: 1 })),
  ]);
  await configurePool(fixture, { tiers: tree, tierWeights: [1, 2, 3] });
  const ix = await refreshTierInstruction({
    pool: fixture.pool,
    owner: holder.publicKey,
    mint: nft.mint,
    tier: 2,
    proof: tree.proof(nft.mint),
  });
  return measure(chain, ix, [chain.fundedKeypair(1, 11)], 0);
}

async function closeStaker(): Promise<Measurement> {
  const { chain, fixture, holder } = await pool();
  const nfts = await stakeMany(fixture, holder, 1);
  const unstake = await unstakeInstruction({
    pool: fixture.pool,
    owner: holder.publicKey,
    nfts: nfts.map((n) => ({ mint: n.mint })),
  });
  chain.send([unstake], [holder]);
  const ix = await closeStakerInstruction({ pool: fixture.pool, owner: holder.publicKey });
  return measure(chain, ix, [holder], 0);
}

const perkTerms = (now: bigint) => ({
  name: "Allow-list spot",
  uri: "https://example.org/perk.json",
  costPoints: 100n,
  minStaked: 1,
  supplyCap: 100,
  startTs: now,
  endTs: now + 86_400n,
});

async function perk(step: "create" | "update" | "close" | "redeem"): Promise<Measurement> {
  const { chain, fixture, holder } = await pool();
  const authority = fixture.authority.publicKey;
  const create = await createPerkInstruction({
    pool: fixture.pool,
    authority,
    perkId: 1n,
    terms: perkTerms(chain.now()),
  });
  if (step === "create") return measure(chain, create, [fixture.authority], 0);
  chain.send([create], [fixture.authority]);
  const [perkAddress] = findPerkAddress(fixture.pool, 1n);
  if (step === "update") {
    const ix = await updatePerkInstruction({
      pool: fixture.pool,
      authority,
      perk: perkAddress,
      terms: perkTerms(chain.now()),
    });
    return measure(chain, ix, [fixture.authority], 0);
  }
  if (step === "close") {
    const ix = await closePerkInstruction({ pool: fixture.pool, authority, perk: perkAddress });
    return measure(chain, ix, [fixture.authority], 0);
  }
  await addStream(fixture, { fund: 1_000_000n });
  await stakeMany(fixture, holder, 1);
  chain.warp(1_000);
  const ix = await redeemPerkInstruction({
    pool: fixture.pool,
    perk: perkAddress,
    owner: holder.publicKey,
  });
  return measure(chain, ix, [holder], 0);
}

/** Every benchmark scenario, by the key used in bench/results.json and bench/budgets.json. */
export const SCENARIOS: Record<string, () => Promise<Measurement>> = {
  initialize_pool: initializePool,
  update_pool: updatePool,
  add_reward_stream: addRewardStream,
  fund_reward_stream: fundRewardStream,
  update_reward_stream: updateRewardStream,
  stake_1: () => stake(1),
  stake_1_first: () => stake(1, true),
  stake_max: () => stake("max"),
  unstake_1: () => unstake(1),
  unstake_max: () => unstake("max"),
  unstake_1_of_500: () => unstake(1, 500),
  claim_1_stream: () => claim(1, 1),
  claim_4_streams: () => claim(4, 1),
  claim_with_1_nft: () => claim(1, 1),
  claim_with_50_nfts: () => claim(1, 50),
  set_paused: setPaused,
  sunset_pool_4_streams: sunsetPool,
  propose_authority: () => authorityTransfer("propose"),
  accept_authority: () => authorityTransfer("accept"),
  withdraw_surplus: withdrawSurplus,
  refresh_tier_1024_tiers: refreshTier,
  close_staker: closeStaker,
  create_perk: () => perk("create"),
  update_perk: () => perk("update"),
  close_perk: () => perk("close"),
  redeem_perk: () => perk("redeem"),
};
