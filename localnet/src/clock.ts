import { createHash, randomBytes } from "crypto";
import { Clock, EpochSchedule, type Svm } from "./svm";
import { decodeBase58, encodeBase58 } from "./base58";

/** Wall-clock milliseconds per slot, as on mainnet. */
export const SLOT_MS = 400;
/** A blockhash stays valid for this many slots after the slot it was issued in. */
export const BLOCKHASH_VALID_SLOTS = 150;
/** Slots per epoch (mainnet's, without warm-up epochs). */
export const SLOTS_PER_EPOCH = 432_000;

/** What the snapshot keeps of the clock. */
export interface ClockState {
  slot: number;
  unixTimestamp: number;
  /** Seconds added to the wall clock by `warp`. */
  offsetSeconds: number;
  /** Recent blockhashes and the slot each was issued in, oldest first. */
  blockhashes: [string, number][];
}

/**
 * Slots and unix time that follow the wall clock (one slot per 400 ms), a new blockhash per slot,
 * and the blockhash validity window. Block height equals the slot (every slot has a block).
 */
export class ChainClock {
  slot: number;
  unixTimestamp: number;
  latestBlockhash: string;
  private baseSlot: number;
  private readonly startMs = Date.now();
  private offsetSeconds: number;
  /** blockhash → slot it was issued in; insertion order is issue order. */
  private readonly blockhashes = new Map<string, number>();
  private readonly slotListeners = new Set<(slot: number) => void>();

  constructor(
    private readonly svm: Svm,
    saved?: ClockState,
  ) {
    svm.setEpochSchedule(
      new EpochSchedule(BigInt(SLOTS_PER_EPOCH), BigInt(SLOTS_PER_EPOCH), false, 0n, 0n),
    );
    this.offsetSeconds = saved?.offsetSeconds ?? 0;
    const wallSeconds = Math.floor(this.startMs / 1000);
    if (saved && saved.unixTimestamp > wallSeconds + this.offsetSeconds) {
      // the system clock went back since the snapshot: time never does on chain
      this.offsetSeconds = saved.unixTimestamp - wallSeconds;
    }
    this.baseSlot = saved ? saved.slot + 1 : 0;
    this.slot = this.baseSlot;
    this.unixTimestamp = wallSeconds + this.offsetSeconds;
    for (const [hash, slot] of saved?.blockhashes ?? []) this.blockhashes.set(hash, slot);
    const last = saved?.blockhashes[saved.blockhashes.length - 1]?.[0];
    this.latestBlockhash = last ?? encodeBase58(randomBytes(32));
    this.newBlockhash();
    this.apply();
  }

  /** Calls `listener` with each new slot. Returns the unsubscribe function. */
  onSlot(listener: (slot: number) => void): () => void {
    this.slotListeners.add(listener);
    return () => this.slotListeners.delete(listener);
  }

  /** Advances slot, time and blockhash to the wall clock; a no-op within the same slot and second. */
  sync(): void {
    const now = Date.now();
    const slot = this.baseSlot + Math.floor((now - this.startMs) / SLOT_MS);
    const unix = Math.max(this.unixTimestamp, Math.floor(now / 1000) + this.offsetSeconds);
    if (slot <= this.slot && unix === this.unixTimestamp) return;
    const newSlot = slot > this.slot;
    this.slot = Math.max(slot, this.slot);
    this.unixTimestamp = unix;
    if (newSlot) this.newBlockhash();
    this.apply();
    if (newSlot) for (const listener of this.slotListeners) listener(this.slot);
  }

  /** Moves time forward by `seconds` (and the slot by as many slots as pass in that time). */
  warp(seconds: number): void {
    if (!Number.isSafeInteger(seconds) || seconds < 0) throw new Error("warp: seconds >= 0");
    this.offsetSeconds += seconds;
    this.baseSlot += Math.floor((seconds * 1000) / SLOT_MS);
    this.sync();
  }

  /** Whether `blockhash` was issued by this chain within the last 150 slots. */
  isBlockhashValid(blockhash: string): boolean {
    const slot = this.blockhashes.get(blockhash);
    return slot !== undefined && this.slot <= slot + BLOCKHASH_VALID_SLOTS;
  }

  /** The last block height at which `blockhash` (default the latest) is still valid. */
  lastValidBlockHeight(blockhash = this.latestBlockhash): number {
    return (this.blockhashes.get(blockhash) ?? this.slot) + BLOCKHASH_VALID_SLOTS;
  }

  /** Estimated unix time of a past slot (400 ms per slot back from now). */
  blockTime(slot: number): number {
    return this.unixTimestamp - Math.floor(((this.slot - slot) * SLOT_MS) / 1000);
  }

  get epoch(): number {
    return Math.floor(this.slot / SLOTS_PER_EPOCH);
  }

  toJSON(): ClockState {
    return {
      slot: this.slot,
      unixTimestamp: this.unixTimestamp,
      offsetSeconds: this.offsetSeconds,
      blockhashes: [...this.blockhashes],
    };
  }

  private newBlockhash(): void {
    const seed = Buffer.alloc(8);
    seed.writeBigUInt64LE(BigInt(this.slot));
    const digest = createHash("sha256")
      .update(decodeBase58(this.latestBlockhash))
      .update(seed)
      .digest();
    this.latestBlockhash = encodeBase58(digest);
    this.blockhashes.set(this.latestBlockhash, this.slot);
    for (const [hash, slot] of this.blockhashes) {
      if (slot + BLOCKHASH_VALID_SLOTS >= this.slot) break;
      this.blockhashes.delete(hash);
    }
  }

  private apply(): void {
    const epoch = BigInt(this.epoch);
    const epochStart =
      this.unixTimestamp - Math.floor(((this.slot % SLOTS_PER_EPOCH) * SLOT_MS) / 1000);
    this.svm.setClock(
      new Clock(
        BigInt(this.slot),
        BigInt(epochStart),
        epoch,
        epoch + 1n,
        BigInt(this.unixTimestamp),
      ),
    );
  }
}
