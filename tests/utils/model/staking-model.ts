import type { PublicKey } from "@solana/web3.js";
import {
  DEFAULT_POOL_LIMITS,
  MAX_LOCK_DURATION_S,
  MAX_LOCK_MULTIPLIER_BPS,
  MAX_PAUSE_S,
  MAX_TIER_WEIGHT,
  accrue,
  type StreamState,
} from "@nft-staking/sdk";
import { HolderInstructions } from "./holder";
import { BPS, U64_MAX, maxBig, reject, type PoolConfig } from "./types";

/** The reference model of one pool: every instruction, the authority's here. */
export class StakingModel extends HolderInstructions {
  // ---- authority instructions ----

  /** A pause lasts `max_pause_s` from now (renewed by pausing again); `false` ends it. */
  setPaused(signer: PublicKey, paused: boolean): void {
    this.requireAuthority(signer);
    this.pausedUntil = paused ? this.now + BigInt(this.limits.maxPauseS) : 0n;
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
    const weights = [config.defaultTierWeight, ...config.tierWeights];
    if (config.defaultTierWeight === 0 || weights.some((w) => w > MAX_TIER_WEIGHT)) {
      reject("InvalidTierWeight");
    }
    const limits = config.limits ?? DEFAULT_POOL_LIMITS;
    if (limits.maxLockS > MAX_LOCK_DURATION_S) reject("LockTooLong");
    if (limits.maxPauseS === 0 || limits.maxPauseS > MAX_PAUSE_S) reject("PauseTooLong");
    for (const option of config.lockOptions) {
      if (option.multiplierBps === 0 && option.durationS === 0) continue;
      if (
        BigInt(option.multiplierBps) <= BPS ||
        option.multiplierBps > MAX_LOCK_MULTIPLIER_BPS ||
        option.durationS === 0
      ) {
        reject("InvalidLockMultiplier");
      }
      if (option.durationS > limits.maxLockS) reject("LockTooLong");
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
  withdrawSurplus(signer: PublicKey, index: number, amount: bigint): void {
    if (amount === 0n) reject("ZeroAmount");
    this.requireAuthority(signer);
    const vault = this.vaults[index] ?? reject("InvalidStreamIndex");
    if (amount > this.surplus(index)) reject("SurplusExceeded");
    this.accrueAll();
    (this.streams[index] as StreamState).vaultBalance = vault.balance - amount;
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
}
