import { createHash } from "crypto";
import type { Keypair, PublicKey, TransactionInstruction } from "@solana/web3.js";
import {
  StreamMode,
  TierTree,
  createPerkInstruction,
  findEscrowAddress,
  findPerkAddress,
  findStakerAddress,
  stakingProgram,
  type LockOptionInput,
  type PoolAccount,
  type StakingErrorName,
} from "@nft-staking/sdk";
import {
  addStream,
  configurePool,
  createPool,
  holderWithNfts,
  type PoolFixture,
  setTokenBalance,
  TestChain,
  type TestNft,
} from "@nft-staking/dev-kit";
import { assertOk, assertRejected } from "../../utils/assertions";
import { ModelRejection, StakingModel, type PoolConfig, type RecordModel } from "../../utils/model";
import { START } from "../../utils/suite";
import type { Random } from "./random";

const HOLDERS = 4;
const NFTS_PER_HOLDER = 6;
export const DAY = 86_400;
/** Lock option durations (multipliers are re-drawn when the pool is reconfigured). */
const LOCK_DURATIONS = [3_000, 20_000];
const MULTIPLIERS = [12_500, 15_000, 20_000, 25_000];
export const U64_MAX = 2n ** 64n - 1n;

/** A key receiving reward tokens: a holder's claims, or an authority's surplus withdrawals. */
export interface Wallet {
  keypair: Keypair;
  /** Reward token accounts (ATAs), by stream. */
  rewardAccounts: PublicKey[];
  /** What those accounts should hold, by stream. */
  rewardBalances: bigint[];
  /**
   * Taken out of those accounts by the test so that they never overflow a u64 (extreme rates
   * pay amounts near 2^64): Σ received = banked + balance.
   */
  banked: bigint[];
}

export interface Holder extends Wallet {
  label: string;
  nfts: TestNft[];
}

export type Admin = Wallet;

export interface Perk {
  address: PublicKey;
  label: string;
}

export const key = (address: PublicKey): string => address.toBase58();
export const str = (value: { toString(): string }): string => value.toString();

/**
 * One run of the model test: the chain and pool, the holders, streams and perks, the reference
 * model beside them, and what the run has done so far. Operations (operations.ts,
 * authority-operations.ts) apply to both through {@link Harness.execute}; verification.ts
 * compares them.
 */
export interface Harness {
  readonly rng: Random;
  readonly program: ReturnType<typeof stakingProgram>;
  readonly chain: TestChain;
  readonly fixture: PoolFixture;
  readonly pool: PublicKey;
  readonly holders: Holder[];
  readonly allNfts: TestNft[];
  /** Where each NFT must be at the end (by mint), and its escrow address. */
  readonly nftHome: Map<string, Holder>;
  readonly escrows: Map<string, PublicKey>;
  /** Each holder's staker PDA, by label. */
  readonly stakerAddress: Map<string, PublicKey>;
  /** The pool's tier tree, and the trees it replaced (their proofs are stale). */
  tree: TierTree;
  readonly oldTrees: TierTree[];
  /** The pool authority and one more key, who may become the authority. */
  readonly admins: Admin[];
  readonly model: StakingModel;
  readonly rewardMints: PublicKey[];
  /** The pool as decoded after setup (`claim` reads its streams' mints and vaults). */
  readonly poolAccount: PoolAccount;
  readonly vaults: PublicKey[];
  readonly funder: Keypair;
  /** Pays for transactions that nobody else signs. */
  readonly cranker: Keypair;
  readonly perks: Perk[];
  /** The operation under way, and the transactions it already sent in this step. */
  current: string;
  trail: string[];
  /** How many times each operation had each outcome. */
  readonly stats: Map<string, number>;

  labelOf(mint: PublicKey): string;
  decodePool(data: Uint8Array): PoolAccount;
  /** A tier tree of 12..16 random NFTs: 4-level proofs keep a 3-NFT stake in one packet. */
  randomTree(): TierTree;
  randomLocks(): LockOptionInput[];
  count(what: string): void;
  /**
   * Adds to a running hash of what the run did: every operation's name and outcome, warps,
   * claims' payouts and step ends (not keys or proof lengths: those differ between runs of a
   * seed). Equal digests for a seed: the same run.
   */
  note(event: string): void;
  digest(): string;
  /**
   * Asks the model first (which throws ModelRejection, changing nothing, when the program
   * must fail), then sends: success must succeed, a rejection must fail with that exact
   * error and leave every account of the instruction untouched.
   */
  execute(name: string, ix: TransactionInstruction, signers: Keypair[], apply: () => void): boolean;
  authorityKeypair(): Keypair;
  /** Mostly the authority; sometimes someone else (must be Unauthorized). */
  adminSigner(): Keypair;
  recordsOf(holder: Holder): RecordModel[];
}

/** Sets up a run: pool, holders and their NFTs, two streams, two perks, and the model. */
export async function createHarness(rng: Random): Promise<Harness> {
  const program = stakingProgram();
  const decodePool = (data: Uint8Array) =>
    program.coder.accounts.decode<PoolAccount>("pool", Buffer.from(data));

  const chain = new TestChain();
  chain.warp(START);
  const fixture: PoolFixture = await createPool(chain);
  const { pool } = fixture;
  const holders: Holder[] = Array.from({ length: HOLDERS }, (_, i) => {
    const { holder, nfts } = holderWithNfts(fixture, NFTS_PER_HOLDER);
    return {
      label: `h${i}`,
      keypair: holder,
      nfts,
      rewardAccounts: [],
      rewardBalances: [],
      banked: [],
    };
  });
  const allNfts = holders.flatMap((holder) => holder.nfts);
  const nftLabel = new Map<string, string>();
  const nftHome = new Map<string, Holder>();
  const escrows = new Map<string, PublicKey>();
  holders.forEach((holder) =>
    holder.nfts.forEach((nft, j) => {
      nftLabel.set(key(nft.mint), `${holder.label}n${j}`);
      nftHome.set(key(nft.mint), holder);
      escrows.set(key(nft.mint), findEscrowAddress(pool, nft.mint)[0]);
    }),
  );
  const labelOf = (mint: PublicKey): string => nftLabel.get(key(mint)) ?? key(mint);
  const stakerAddress = new Map(
    holders.map((holder) => [holder.label, findStakerAddress(pool, holder.keypair.publicKey)[0]]),
  );

  const randomTree = (): TierTree =>
    TierTree.fromEntries(
      rng.sample(allNfts, rng.int(12, 16)).map((nft) => ({ mint: nft.mint, tier: rng.int(0, 2) })),
    );
  const randomLocks = (): LockOptionInput[] =>
    LOCK_DURATIONS.map((durationS) => ({ durationS, multiplierBps: rng.pick(MULTIPLIERS) }));
  const tree = randomTree();
  const initialConfig: PoolConfig = {
    tierRoot: tree.root,
    defaultTierWeight: 1,
    tierWeights: [rng.int(1, 3), rng.int(2, 5), rng.int(4, 8)],
    lockOptions: randomLocks(),
  };
  await configurePool(fixture, { ...initialConfig, tiers: tree });
  const admins: Admin[] = [fixture.authority, chain.fundedKeypair(100)].map((keypair) => ({
    keypair,
    rewardAccounts: [],
    rewardBalances: [],
    banked: [],
  }));
  const model = new StakingModel(chain.now(), fixture.authority.publicKey, initialConfig);
  for (const nft of allNfts) model.addNft(nft.mint, nft.owner);

  const now0 = chain.now();
  const fixedRate = BigInt(rng.int(1, 20));
  const sharedRate = BigInt(rng.int(100, 5_000));
  const fixedDuration = rng.int(3, 8) * DAY;
  const sharedDuration = rng.int(3, 8) * DAY;
  const fixed = await addStream(fixture, {
    mode: StreamMode.FixedPerWeight,
    rate: fixedRate,
    duration: fixedDuration,
  });
  const shared = await addStream(fixture, {
    mode: StreamMode.SharedEmission,
    rate: sharedRate,
    duration: sharedDuration,
  });
  model.addStream(StreamMode.FixedPerWeight, fixedRate, now0, now0 + BigInt(fixedDuration));
  model.addStream(StreamMode.SharedEmission, sharedRate, now0, now0 + BigInt(sharedDuration));
  const rewardMints = [fixed.mint, shared.mint];
  const poolAccount = decodePool(chain.svm.getAccount(pool)?.data ?? new Uint8Array());
  const vaults = poolAccount.streams.slice(0, 2).map((stream) => stream.vault);
  for (const owner of [...holders, ...admins]) {
    owner.rewardAccounts = rewardMints.map((mint) =>
      setTokenBalance(chain, owner.keypair.publicKey, mint, 0n),
    );
    owner.rewardBalances = rewardMints.map(() => 0n);
    owner.banked = rewardMints.map(() => 0n);
  }
  const funder = chain.fundedKeypair(100);
  const cranker = chain.fundedKeypair(100);

  // Two perks: a cheap one for one staked NFT, open all run; a dear one for three staked
  // NFTs, capped at 5, opening after a day and closing after eight.
  const perks: Perk[] = [];
  const perkTerms = [
    { costPoints: 50_000n, minStaked: 1, supplyCap: 0, start: 0, end: 60 * DAY },
    { costPoints: 2_000_000n, minStaked: 3, supplyCap: 5, start: DAY, end: 8 * DAY },
  ];
  for (const [i, terms] of perkTerms.entries()) {
    const perkId = BigInt(i + 1);
    const [address] = findPerkAddress(pool, perkId);
    const startTs = now0 + BigInt(terms.start);
    const endTs = now0 + BigInt(terms.end);
    const ix = await createPerkInstruction(
      {
        pool,
        authority: fixture.authority.publicKey,
        perkId,
        terms: { name: `perk ${i + 1}`, ...terms, startTs, endTs },
      },
      program,
    );
    assertOk(chain.send([ix], [fixture.authority]));
    model.addPerk(address, { ...terms, startTs, endTs });
    perks.push({ address, label: `perk${i + 1}` });
  }

  const digest = createHash("sha256");
  const h: Harness = {
    rng,
    program,
    chain,
    fixture,
    pool,
    holders,
    allNfts,
    nftHome,
    escrows,
    stakerAddress,
    tree,
    oldTrees: [],
    admins,
    model,
    rewardMints,
    poolAccount,
    vaults,
    funder,
    cranker,
    perks,
    current: "",
    trail: [],
    stats: new Map(),
    labelOf,
    decodePool,
    randomTree,
    randomLocks,
    count: (what) => h.stats.set(what, (h.stats.get(what) ?? 0) + 1),
    note: (event) => digest.update(`${event}\n`),
    digest: () => digest.digest("hex"),
    execute(name, ix, signers, apply) {
      let expected: StakingErrorName | null = null;
      try {
        apply();
      } catch (error) {
        if (!(error instanceof ModelRejection)) throw error;
        expected = error.errorName;
      }
      h.note(`${name}: ${expected ?? "ok"}`);
      if (expected) {
        h.current += ` → expect ${expected}`;
        assertRejected(chain, ix, signers, expected);
        h.count(`${name}: ${expected}`);
        h.trail.push(h.current);
        return false;
      }
      h.current += " → expect ok";
      assertOk(chain.send([ix], signers.length ? signers : [cranker]));
      h.count(`${name}: ok`);
      h.trail.push(h.current);
      return true;
    },
    authorityKeypair: () =>
      admins.find((admin) => key(admin.keypair.publicKey) === model.authority)?.keypair ??
      fixture.authority,
    adminSigner() {
      if (!rng.chance(0.05)) return h.authorityKeypair();
      const others = [
        ...admins.map((admin) => admin.keypair),
        ...holders.map((holder) => holder.keypair),
      ].filter((keypair) => key(keypair.publicKey) !== model.authority);
      return rng.pick(others);
    },
    recordsOf: (holder) => [
      ...(model.stakers.get(key(holder.keypair.publicKey))?.records.values() ?? []),
    ],
  };
  return h;
}
