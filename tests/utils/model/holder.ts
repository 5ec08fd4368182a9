import type { PublicKey } from "@solana/web3.js";
import {
  accrue,
  earned,
  verifyTierProof,
  type StakingErrorName,
  type StreamState,
} from "@nft-staking/sdk";
import { ModelState } from "./state";
import {
  BPS,
  DEFAULT_TIER,
  ModelRejection,
  NO_LOCK,
  reject,
  type ClaimResult,
  type HolderStreamModel,
  type PerkModel,
  type StakeInput,
  type StakeLock,
  type StakerModel,
  type VaultModel,
} from "./types";

/** The instructions of holders (and `fund_reward_stream`, which anyone may send). */
export class HolderInstructions extends ModelState {
  // ---- user instructions ----

  /** `stake` with the lock terms the holder saw. Returns the weights of the new records. */
  stake(owner: PublicKey, nfts: StakeInput[], lock?: StakeLock): bigint[] {
    if (this.isPaused()) reject("PoolPaused");
    if (this.sunset) reject("PoolSunset");
    let multiplier = BPS;
    let lockUntil = 0n;
    if (lock !== undefined) {
      const option = this.config.lockOptions[lock.option];
      if (!option || option.multiplierBps === 0) reject("InvalidLockOption");
      if (option.durationS !== lock.durationS || option.multiplierBps !== lock.multiplierBps) {
        reject("LockTermsChanged");
      }
      multiplier = BigInt(option.multiplierBps);
      lockUntil = this.now + BigInt(option.durationS);
    }
    const ownerKey = owner.toBase58();
    const accepted = nfts.map((nft) => {
      const mint = nft.mint.toBase58();
      if (this.nftOwner.get(mint) !== ownerKey || this.staked.has(mint)) {
        throw new Error(`test bug: ${mint} is not in ${ownerKey}'s wallet`);
      }
      if (nft.tier === undefined) {
        if (this.limits.requireTierProof) reject("TierProofRequired");
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
        lockOption: lock?.option ?? NO_LOCK,
        multiplierBps: multiplier,
      });
      this.staked.add(nft.mint);
      added += nft.weight;
    }
    staker.totalWeight += added;
    this.totalWeight += added;
    this.stakedCount += BigInt(accepted.length);
    return accepted.map((nft) => nft.weight);
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

  /**
   * `claim`: settles at the books' vault balances (never above the real ones), then books the
   * real balances and pays each stream `min(owed, vault)`; fails with `NothingToClaim` when
   * that pays nothing at all.
   */
  claim(owner: PublicKey): ClaimResult {
    const staker = this.stakerOf(owner);
    if (this.isPaused() && !this.sunset) reject("PoolPaused");
    const held = this.vaults.map((vault) => vault.balance);
    const capped = this.streams.map((stream, index) => {
      const real = held[index] as bigint;
      return { ...stream, vaultBalance: stream.vaultBalance < real ? stream.vaultBalance : real };
    });
    const payable = capped.map((stream, index) => {
      const live = accrue(stream, this.now, this.totalWeight);
      const mine = staker.streams[index] as HolderStreamModel;
      const owed = mine.owed + earned(staker.totalWeight, live.accPerWeight, mine.checkpoint);
      const real = held[index] as bigint;
      return owed < real ? owed : real;
    });
    if (payable.every((amount) => amount === 0n)) reject("NothingToClaim");
    this.streams = capped;
    this.checkpoint(staker);
    this.streams.forEach((stream, index) => (stream.vaultBalance = held[index] as bigint));
    const paid = this.streams.map((stream, index) => {
      const mine = staker.streams[index] as HolderStreamModel;
      const vault = this.vaults[index] as VaultModel;
      const amount = mine.owed < stream.vaultBalance ? mine.owed : stream.vaultBalance;
      mine.owed -= amount;
      stream.owedTotal -= amount;
      stream.vaultBalance -= amount;
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
    // Only the tier part changes: the multiplier stays the one the NFT was staked with.
    const weight = this.weightOf(BigInt(tierWeight), record.multiplierBps);
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
    // Accrues at the old (book) balance first: funding resumes accrual, never retroactively.
    this.accrueAll();
    (this.streams[index] as StreamState).vaultBalance = vault.balance + amount;
    vault.balance += amount;
    vault.funded += amount;
  }
}
