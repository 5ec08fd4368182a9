/**
 * A reference model of the nft_staking program for randomized model tests: plain TypeScript
 * with bigint, the SDK's reward math (`accrue`, `earned`, `surplus`, `liability`) and its tier
 * proof verification. Each operation checks exactly what the program checks, in the same
 * order, and throws a {@link ModelRejection} with the program error's name *before changing
 * anything* when the program would fail; otherwise it applies the operation the way the
 * handlers in `programs/nft_staking/src/instructions` do.
 */
import type { PublicKey } from "@solana/web3.js";
import {
  StreamMode,
  accrue,
  earned,
  liability,
  surplus,
  verifyTierProof,
  type LockOptionInput,
  type PoolAccount,
  type StakingErrorName,
  type StreamState,
} from "@nft-staking/sdk";

const U64_MAX = 2n ** 64n - 1n;
/** Basis points in 1x. */
export const BPS = 10_000n;
/** `StakeRecord::lock_option` of an NFT staked without a lock. */
export const NO_LOCK = 255;
/** `StakeRecord::tier` of an NFT staked without a proof. */
export const DEFAULT_TIER = 255;

/** The program would fail with this error (and change nothing). */
export class ModelRejection extends Error {
  constructor(readonly errorName: StakingErrorName) {
    super(`program error ${errorName}`);
    this.name = "ModelRejection";
  }
}

function reject(name: StakingErrorName): never {
  throw new ModelRejection(name);
}

/** One staked NFT, as its `StakeRecord` should read. */
export interface RecordModel {
  mint: string;
  lockUntil: bigint;
  stakedAt: bigint;
  weight: bigint;
  tier: number;
  lockOption: number;
}

/** A holder's bookkeeping on one stream (`StakerStream`). */
export interface HolderStreamModel {
  checkpoint: bigint;
  owed: bigint;
  claimedTotal: bigint;
}

/** A holder's `Staker` account. */
export interface StakerModel {
  totalWeight: bigint;
  points: bigint;
  pointsUpdatedTs: bigint;
  streams: HolderStreamModel[];
  records: Map<string, RecordModel>;
}

/** A perk and who redeemed it how often. */
export interface PerkModel {
  costPoints: bigint;
  minStaked: number;
  supplyCap: number;
  startTs: bigint;
  endTs: bigint;
  redeemed: number;
  receipts: Map<string, number>;
}

/** Token flows of one stream's vault. */
export interface VaultModel {
  balance: bigint;
  funded: bigint;
  /** Paid to holders by claims. */
  paid: bigint;
  /** Taken back by withdraw_surplus. */
  withdrawn: bigint;
}

/** The pool's configurable tables. */
export interface PoolConfig {
  tierRoot: Uint8Array | null;
  defaultTierWeight: number;
  tierWeights: number[];
  lockOptions: LockOptionInput[];
}

/** One NFT of a stake: its mint and, unless default tier, a tier and proof. */
export interface StakeInput {
  mint: PublicKey;
  tier?: number;
  proof?: Uint8Array[];
}

/** What a successful redeem, claim or withdrawal moved. */
export interface ClaimResult {
  paid: bigint[];
}

function maxBig(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

/** The reference model of one pool. */
export class StakingModel {
  now: bigint;
  authority: string;
  pendingAuthority: string | null = null;
  paused = false;
  sunset = false;
  totalWeight = 0n;
  stakedCount = 0n;
  config: PoolConfig;
  streams: StreamState[] = [];
  vaults: VaultModel[] = [];
  readonly stakers = new Map<string, StakerModel>();
  readonly perks = new Map<string, PerkModel>();
  /** Where each NFT is: its owner (home), and whether it is escrowed. */
  readonly nftOwner = new Map<string, string>();
  readonly staked = new Set<string>();
  /** How many times the accrual overflow guard ended a stream early. */
  overflowEnds = 0;

  constructor(now: bigint, authority: PublicKey, config: PoolConfig) {
    this.now = now;
    this.authority = authority.toBase58();
    this.config = config;
  }

  // ---- setup (mirrors instructions the test sends during setup) ----

  addStream(mode: StreamMode, rate: bigint, startTs: bigint, endTs: bigint): number {
    this.streams.push({
      mode,
      rate,
      startTs,
      endTs,
      lastUpdateTs: startTs,
      accPerWeight: 0n,
      unsettledScaled: 0n,
      owedTotal: 0n,
    });
    this.vaults.push({ balance: 0n, funded: 0n, paid: 0n, withdrawn: 0n });
    return this.streams.length - 1;
  }

  addPerk(perk: PublicKey, terms: Omit<PerkModel, "redeemed" | "receipts">): void {
    this.perks.set(perk.toBase58(), { ...terms, redeemed: 0, receipts: new Map() });
  }

  addNft(mint: PublicKey, owner: PublicKey): void {
    this.nftOwner.set(mint.toBase58(), owner.toBase58());
  }

  // ---- time ----

  warp(seconds: bigint): void {
    this.now += seconds;
  }

  // ---- shared steps of the handlers ----

  private requireAuthority(signer: PublicKey): void {
    if (signer.toBase58() !== this.authority) reject("Unauthorized");
  }

  /** `Pool::accrue_all`. */
  private accrueAll(): void {
    this.streams = this.streams.map((stream) => {
      const accrued = accrue(stream, this.now, this.totalWeight);
      if (accrued.endTs !== stream.endTs) this.overflowEnds += 1;
      return accrued;
    });
  }

  /** `Staker::checkpoint`: accrue every stream, settle the holder, accrue points. */
  private checkpoint(staker: StakerModel): void {
    this.accrueAll();
    const weight = staker.totalWeight;
    this.streams.forEach((stream, index) => {
      const mine = staker.streams[index] as HolderStreamModel;
      const amount = earned(weight, stream.accPerWeight, mine.checkpoint);
      const settledScaled = (stream.accPerWeight - mine.checkpoint) * weight;
      if (settledScaled > stream.unsettledScaled) {
        throw new Error("model invariant broken: settling more than the unsettled sum");
      }
      stream.unsettledScaled -= settledScaled;
      mine.owed += amount;
      stream.owedTotal += amount;
      mine.checkpoint = stream.accPerWeight;
    });
    const elapsed = maxBig(this.now - staker.pointsUpdatedTs, 0n);
    const points = staker.points + weight * elapsed;
    staker.points = points > U64_MAX ? U64_MAX : points;
    staker.pointsUpdatedTs = this.now;
  }

  private stakerOf(owner: PublicKey): StakerModel {
    return this.stakers.get(owner.toBase58()) ?? reject("InvalidStakerAccount");
  }

  /** Points the holder would have after a checkpoint now (`projectedPoints`). */
  projectedPoints(owner: PublicKey): bigint {
    const staker = this.stakers.get(owner.toBase58());
    if (!staker) return 0n;
    const points =
      staker.points + staker.totalWeight * maxBig(this.now - staker.pointsUpdatedTs, 0n);
    return points > U64_MAX ? U64_MAX : points;
  }

  private weightOf(tierWeight: bigint, multiplierBps: bigint): bigint {
    const weight = (tierWeight * multiplierBps) / BPS;
    if (weight >= 2n ** 32n) reject("MathOverflow");
    return weight;
  }

  // ---- user instructions ----

  /** `stake`. Returns the weights of the new records. */
  stake(owner: PublicKey, nfts: StakeInput[], lockOption?: number): bigint[] {
    if (this.paused) reject("PoolPaused");
    if (this.sunset) reject("PoolSunset");
    let multiplier = BPS;
    let lockUntil = 0n;
    if (lockOption !== undefined) {
      const lock = this.config.lockOptions[lockOption];
      if (!lock || lock.multiplierBps === 0) reject("InvalidLockOption");
      multiplier = BigInt(lock.multiplierBps);
      lockUntil = this.now + BigInt(lock.durationS);
    }
    const ownerKey = owner.toBase58();
    const accepted = nfts.map((nft) => {
      const mint = nft.mint.toBase58();
      if (this.nftOwner.get(mint) !== ownerKey || this.staked.has(mint)) {
        throw new Error(`test bug: ${mint} is not in ${ownerKey}'s wallet`);
      }
      if (nft.tier === undefined) {
        return {
          mint,
          tier: DEFAULT_TIER,
          weight: this.weightOf(BigInt(this.config.defaultTierWeight), multiplier),
        };
      }
      const tierWeight = this.config.tierWeights[nft.tier] ?? 0;
      if (tierWeight === 0) reject("InvalidTier");
      const root = this.config.tierRoot;
      if (!root || !verifyTierProof(nft.proof ?? [], root, nft.mint, nft.tier)) {
        reject("InvalidTierProof");
      }
      return { mint, tier: nft.tier, weight: this.weightOf(BigInt(tierWeight), multiplier) };
    });

    let staker = this.stakers.get(ownerKey);
    if (!staker) {
      staker = {
        totalWeight: 0n,
        points: 0n,
        pointsUpdatedTs: this.now,
        streams: this.streams.map(() => ({ checkpoint: 0n, owed: 0n, claimedTotal: 0n })),
        records: new Map(),
      };
      this.stakers.set(ownerKey, staker);
    }
    this.checkpoint(staker);
    let added = 0n;
    for (const nft of accepted) {
      staker.records.set(nft.mint, {
        mint: nft.mint,
        lockUntil,
        stakedAt: this.now,
        weight: nft.weight,
        tier: nft.tier,
        lockOption: lockOption ?? NO_LOCK,
      });
      this.staked.add(nft.mint);
      added += nft.weight;
    }
    staker.totalWeight += added;
    this.totalWeight += added;
    this.stakedCount += BigInt(accepted.length);
    return accepted.map((nft) => nft.weight);
  }

  /** Whether unstaking this record now is refused for its lock. */
  isLocked(record: RecordModel): boolean {
    return !this.sunset && this.now < record.lockUntil;
  }

  /** `unstake` of NFTs the holder staked. */
  unstake(owner: PublicKey, mints: PublicKey[]): void {
    const staker = this.stakerOf(owner);
    const records = mints.map((mint) => {
      const record = staker.records.get(mint.toBase58()) ?? reject("NftNotStaked");
      if (this.isLocked(record)) reject("StakeLocked");
      return record;
    });
    this.checkpoint(staker);
    let removed = 0n;
    for (const record of records) {
      staker.records.delete(record.mint);
      this.staked.delete(record.mint);
      removed += record.weight;
    }
    staker.totalWeight -= removed;
    this.totalWeight -= removed;
    this.stakedCount -= BigInt(records.length);
  }

  /** `claim`: pays each stream `min(owed, vault)`. */
  claim(owner: PublicKey): ClaimResult {
    const staker = this.stakerOf(owner);
    if (this.paused) reject("PoolPaused");
    this.checkpoint(staker);
    const paid = this.streams.map((stream, index) => {
      const mine = staker.streams[index] as HolderStreamModel;
      const vault = this.vaults[index] as VaultModel;
      const amount = mine.owed < vault.balance ? mine.owed : vault.balance;
      mine.owed -= amount;
      stream.owedTotal -= amount;
      // The program saturates this lifetime statistic at u64::MAX.
      mine.claimedTotal =
        mine.claimedTotal + amount > 2n ** 64n - 1n ? 2n ** 64n - 1n : mine.claimedTotal + amount;
      vault.balance -= amount;
      vault.paid += amount;
      return amount;
    });
    return { paid };
  }

  /** `refresh_tier` of a staked NFT with a proof under the current root. */
  refreshTier(owner: PublicKey, mint: PublicKey, tier: number, proof: Uint8Array[]): bigint {
    const staker = this.stakerOf(owner);
    const record = staker.records.get(mint.toBase58()) ?? reject("NftNotStaked");
    const tierWeight = this.config.tierWeights[tier] ?? 0;
    if (tierWeight === 0) reject("InvalidTier");
    const root = this.config.tierRoot;
    if (!root || !verifyTierProof(proof, root, mint, tier)) reject("InvalidTierProof");
    let multiplier = BPS;
    if (record.lockOption !== NO_LOCK) {
      const bps = BigInt(this.config.lockOptions[record.lockOption]?.multiplierBps ?? 0);
      if (bps >= BPS) multiplier = bps;
    }
    const weight = this.weightOf(BigInt(tierWeight), multiplier);
    this.checkpoint(staker);
    staker.totalWeight = staker.totalWeight - record.weight + weight;
    this.totalWeight = this.totalWeight - record.weight + weight;
    record.weight = weight;
    record.tier = tier;
    return weight;
  }

  /** Why `redeem_perk` would fail now, or null. */
  redeemCheck(owner: PublicKey, perk: PublicKey): StakingErrorName | null {
    try {
      this.checkRedeem(owner, perk);
      return null;
    } catch (error) {
      if (error instanceof ModelRejection) return error.errorName;
      throw error;
    }
  }

  private checkRedeem(owner: PublicKey, perkKey: PublicKey): [StakerModel, PerkModel] {
    const perk = this.perks.get(perkKey.toBase58()) ?? reject("InvalidPerkAccount");
    const staker = this.stakerOf(owner);
    if (this.now < perk.startTs || this.now >= perk.endTs) reject("PerkNotActive");
    if (perk.supplyCap !== 0 && perk.redeemed >= perk.supplyCap) reject("PerkSoldOut");
    if (staker.records.size < perk.minStaked) reject("NotEnoughStaked");
    if (this.projectedPoints(owner) < perk.costPoints) reject("NotEnoughPoints");
    return [staker, perk];
  }

  /** `redeem_perk`: checkpoint, spend the points, count the redemption. */
  redeemPerk(owner: PublicKey, perkKey: PublicKey): void {
    const [staker, perk] = this.checkRedeem(owner, perkKey);
    this.checkpoint(staker);
    staker.points -= perk.costPoints;
    perk.redeemed += 1;
    const key = owner.toBase58();
    perk.receipts.set(key, (perk.receipts.get(key) ?? 0) + 1);
  }

  /** `close_staker`. */
  closeStaker(owner: PublicKey): void {
    const staker = this.stakerOf(owner);
    if (staker.records.size !== 0 || staker.totalWeight !== 0n) reject("StakerNotEmpty");
    // At zero weight a checkpoint settles nothing, so `owed` is final already.
    if (staker.streams.some((stream) => stream.owed !== 0n)) reject("RewardsStillOwed");
    this.checkpoint(staker);
    this.stakers.delete(owner.toBase58());
  }

  // ---- anyone ----

  /** `fund_reward_stream`. */
  fund(index: number, amount: bigint): void {
    if (amount === 0n) reject("ZeroAmount");
    const vault = this.vaults[index] ?? reject("InvalidStreamIndex");
    vault.balance += amount;
    vault.funded += amount;
  }

  // ---- authority instructions ----

  setPaused(signer: PublicKey, paused: boolean): void {
    this.requireAuthority(signer);
    this.paused = paused;
  }

  sunsetPool(signer: PublicKey): void {
    this.requireAuthority(signer);
    if (this.sunset) reject("PoolAlreadySunset");
    this.accrueAll();
    for (const stream of this.streams) {
      const end = maxBig(this.now, stream.startTs);
      if (end < stream.endTs) stream.endTs = end;
    }
    this.sunset = true;
  }

  updatePool(signer: PublicKey, config: PoolConfig): void {
    this.requireAuthority(signer);
    if (config.defaultTierWeight === 0) reject("InvalidTierWeight");
    if (config.lockOptions.some((o) => o.multiplierBps !== 0 && BigInt(o.multiplierBps) < BPS)) {
      reject("InvalidLockMultiplier");
    }
    this.config = config;
  }

  updateStream(signer: PublicKey, index: number, rate: bigint, endTs: bigint): void {
    this.requireAuthority(signer);
    // A sunset pool stays ended: no new or extended emission.
    if (this.sunset) reject("PoolSunset");
    const current = this.streams[index] ?? reject("InvalidStreamIndex");
    if (endTs < this.now || endTs <= current.startTs) reject("InvalidStreamSchedule");
    if (rate * (endTs - maxBig(current.startTs, this.now)) > U64_MAX) reject("RateTooHigh");
    const stream = accrue(current, this.now, this.totalWeight);
    stream.lastUpdateTs = maxBig(stream.lastUpdateTs, this.now);
    stream.rate = rate;
    stream.endTs = endTs;
    this.streams[index] = stream;
  }

  /** What `withdraw_surplus` allows now, from the SDK's `surplus` over the model's books. */
  surplus(index: number): bigint {
    return surplus(this.poolView(), index, this.vaults[index]?.balance ?? 0n, this.now);
  }

  withdrawSurplus(signer: PublicKey, index: number, amount: bigint): void {
    if (amount === 0n) reject("ZeroAmount");
    this.requireAuthority(signer);
    const vault = this.vaults[index] ?? reject("InvalidStreamIndex");
    if (amount > this.surplus(index)) reject("SurplusExceeded");
    this.accrueAll();
    vault.balance -= amount;
    vault.withdrawn += amount;
  }

  proposeAuthority(signer: PublicKey, proposed: PublicKey | null): void {
    this.requireAuthority(signer);
    this.pendingAuthority = proposed?.toBase58() ?? null;
  }

  acceptAuthority(signer: PublicKey): void {
    if (this.pendingAuthority === null) reject("NoPendingAuthority");
    if (signer.toBase58() !== this.pendingAuthority) reject("NotPendingAuthority");
    this.authority = this.pendingAuthority;
    this.pendingAuthority = null;
  }

  // ---- views ----

  /** The pool as `surplus`/`runway` read it (only the fields they use). */
  poolView(): PoolAccount {
    return {
      totalWeight: this.totalWeight,
      streamCount: this.streams.length,
      streams: this.streams.map((stream) => ({ ...stream, mode: stream.mode as number })),
    } as unknown as PoolAccount;
  }

  /** `liability` of each stream at the model's last accrual. */
  liabilities(): bigint[] {
    return this.streams.map((stream) => liability(stream));
  }

  /** Every record of every holder. */
  allRecords(): RecordModel[] {
    return [...this.stakers.values()].flatMap((staker) => [...staker.records.values()]);
  }
}
