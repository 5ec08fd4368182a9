import type { PublicKey } from "@solana/web3.js";
import {
  DEFAULT_POOL_LIMITS,
  accrue,
  earned,
  liability,
  pointsGained,
  surplus,
  type PoolLimitsInput,
  type PoolAccount,
  type StreamMode,
  type StreamState,
} from "@nft-staking/sdk";
import {
  U64_MAX,
  maxBig,
  reject,
  type HolderStreamModel,
  type PerkModel,
  type PoolConfig,
  type RecordModel,
  type StakerModel,
  type VaultModel,
} from "./types";

/**
 * The state of the reference model and the steps its handlers share (accrual, checkpoints,
 * weights), its setup and its views. The instructions are in holder.ts and staking-model.ts;
 * use `StakingModel` (staking-model.ts).
 */
export class ModelState {
  now: bigint;
  authority: string;
  pendingAuthority: string | null = null;
  /** `Pool::paused_until`: paused while `now` is before it. */
  pausedUntil = 0n;
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
      vaultBalance: 0n,
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

  protected requireAuthority(signer: PublicKey): void {
    if (signer.toBase58() !== this.authority) reject("Unauthorized");
  }

  /** The pool's limits as the program holds them. */
  get limits(): PoolLimitsInput {
    return this.config.limits ?? DEFAULT_POOL_LIMITS;
  }

  /** `Pool::is_paused` now. */
  isPaused(): boolean {
    return this.now < this.pausedUntil;
  }

  /** `Pool::accrue_all`: accrual only as far as each vault covers. */
  protected accrueAll(): void {
    this.streams = this.streams.map((stream) => accrue(stream, this.now, this.totalWeight));
  }

  /** `Staker::checkpoint`: accrue every stream, settle the holder, accrue points. */
  protected checkpoint(staker: StakerModel): void {
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
    const points = staker.points + pointsGained(weight, elapsed);
    staker.points = points > U64_MAX ? U64_MAX : points;
    staker.pointsUpdatedTs = this.now;
  }

  protected stakerOf(owner: PublicKey): StakerModel {
    return this.stakers.get(owner.toBase58()) ?? reject("StakerNotFound");
  }

  /** Points the holder would have after a checkpoint now (`projectedPoints`). */
  projectedPoints(owner: PublicKey): bigint {
    const staker = this.stakers.get(owner.toBase58());
    if (!staker) return 0n;
    const points =
      staker.points +
      pointsGained(staker.totalWeight, maxBig(this.now - staker.pointsUpdatedTs, 0n));
    return points > U64_MAX ? U64_MAX : points;
  }

  /** Effective weight: tier weight × multiplier in basis points (`1 / BPS` units), exact. */
  protected weightOf(tierWeight: bigint, multiplierBps: bigint): bigint {
    return tierWeight * multiplierBps;
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

  /** Whether unstaking this record now is refused for its lock. */
  isLocked(record: RecordModel): boolean {
    return !this.sunset && this.now < record.lockUntil;
  }

  /** What `withdraw_surplus` allows now, from the SDK's `surplus` over the model's books. */
  surplus(index: number): bigint {
    return surplus(this.poolView(), index, this.vaults[index]?.balance ?? 0n, this.now);
  }
}
