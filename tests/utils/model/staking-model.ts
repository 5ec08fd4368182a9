import type { PublicKey } from "@solana/web3.js";
import { accrue } from "@nft-staking/sdk";
import { HolderInstructions } from "./holder";
import { BPS, U64_MAX, maxBig, reject, type PoolConfig } from "./types";

/** The reference model of one pool: every instruction, the authority's here. */
export class StakingModel extends HolderInstructions {
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
}
