import { strict as assert } from "assert";
import { PublicKey } from "@solana/web3.js";
import {
  MAX_LOCK_OPTIONS,
  StreamMode,
  claimInstruction,
  closeStakerInstruction,
  fundRewardStreamInstruction,
  redeemPerkInstruction,
  refreshTierInstruction,
  stakeInstruction,
  unstakeInstruction,
  type StakeNftInput,
} from "@nft-staking/sdk";
import { lockTermsOrRaw, setTokenBalance } from "@nft-staking/dev-kit";
import { U64_MAX, key, type Harness, type Holder, type Wallet } from "./harness";

/**
 * The random operations of holders and of anyone (funding, time): each draws its arguments,
 * applies them to the model and the program through `execute`, and returns whether it did
 * anything (false: nothing to do, the step warps instead).
 */

export async function stake(h: Harness): Promise<boolean> {
  const { rng, model, pool, program, tree } = h;
  const holder = rng.pick(h.holders);
  const wallet = holder.nfts.filter((nft) => !model.staked.has(key(nft.mint)));
  if (wallet.length === 0) return false;
  // At most 2: with 5 accounts per NFT and 4-level proofs, 3 locked NFTs exceed a packet.
  const chosen = rng.sample(wallet, rng.int(1, Math.min(2, wallet.length)));
  const inputs: StakeNftInput[] = chosen.map((nft) => {
    const tier = tree.tierOf(nft.mint);
    const roll = rng.float();
    if (tier !== undefined) {
      if (roll < 0.75) return { mint: nft.mint, tier, proof: tree.proof(nft.mint) };
      if (roll < 0.96) return { mint: nft.mint };
      return { mint: nft.mint, tier: (tier + 1) % 3, proof: tree.proof(nft.mint) };
    }
    if (roll < 0.95) return { mint: nft.mint };
    return { mint: nft.mint, tier: rng.int(0, 2), proof: [] };
  });
  const roll = rng.float();
  const lockOption =
    roll < 0.5 ? undefined : roll < 0.73 ? 0 : roll < 0.96 ? 1 : rng.int(2, MAX_LOCK_OPTIONS);
  h.current = `stake ${holder.label} [${inputs
    .map((n) => `${h.labelOf(n.mint)}:${n.tier ?? "default"}`)
    .join(", ")}] lock ${lockOption ?? "none"}`;
  const shown = h.decodePool(h.chain.svm.getAccount(pool)?.data ?? new Uint8Array());
  const lock = lockOption === undefined ? undefined : lockTermsOrRaw(shown, lockOption);
  // Sometimes the holder saw terms the pool no longer has (M-2: LockTermsChanged).
  if (lock && lock.multiplierBps !== 0 && rng.chance(0.05)) {
    lock.durationS += 1;
    h.current += " (stale terms)";
  }
  const ix = await stakeInstruction(
    { pool, owner: holder.keypair.publicKey, nfts: inputs, lock },
    program,
  );
  h.execute("stake", ix, [holder.keypair], () =>
    model.stake(holder.keypair.publicKey, inputs, lock),
  );
  return true;
}

export async function unstake(h: Harness): Promise<boolean> {
  const { rng, model, pool, program } = h;
  const candidates = h.holders.filter((holder) => h.recordsOf(holder).length > 0);
  if (candidates.length === 0) return false;
  const holder = rng.pick(candidates);
  const records = h.recordsOf(holder);
  const unlocked = records.filter((record) => !model.isLocked(record));
  const locked = records.filter((record) => model.isLocked(record));
  let chosen;
  if (locked.length > 0 && (unlocked.length === 0 || rng.chance(0.15))) {
    if (unlocked.length === 0 && !rng.chance(0.3)) return false;
    chosen = rng.sample(
      [rng.pick(locked), ...rng.sample(unlocked, rng.int(0, Math.min(2, unlocked.length)))],
      3,
    );
  } else {
    chosen = rng.sample(unlocked, rng.int(1, Math.min(4, unlocked.length)));
  }
  const mints = chosen.map((record) => new PublicKey(record.mint));
  h.current = `unstake ${holder.label} [${mints.map(h.labelOf).join(", ")}]`;
  const ix = await unstakeInstruction(
    { pool, owner: holder.keypair.publicKey, nfts: mints.map((mint) => ({ mint })) },
    program,
  );
  h.execute("unstake", ix, [holder.keypair], () => model.unstake(holder.keypair.publicKey, mints));
  return true;
}

/**
 * Empties a wallet's reward account into `banked` when what the vault could pay might not
 * fit in it (only after extreme rates; a real mint's supply never allows it).
 */
export function bank(h: Harness, wallet: Wallet, index: number): void {
  const balance = wallet.rewardBalances[index] ?? 0n;
  if (balance + (h.model.vaults[index]?.balance ?? 0n) <= U64_MAX) return;
  wallet.banked[index] = (wallet.banked[index] ?? 0n) + balance;
  wallet.rewardBalances[index] = 0n;
  const mint = h.rewardMints[index] as PublicKey;
  setTokenBalance(h.chain, wallet.keypair.publicKey, mint, 0n);
  h.count("bank a reward account near 2^64");
}

export async function claim(h: Harness, holder: Holder = h.rng.pick(h.holders)): Promise<boolean> {
  const { model, pool, program } = h;
  h.rewardMints.forEach((_, index) => bank(h, holder, index));
  h.current = `claim ${holder.label}`;
  const ix = await claimInstruction(
    { pool, poolAccount: h.poolAccount, owner: holder.keypair.publicKey },
    program,
  );
  let paid: bigint[] = [];
  const ok = h.execute("claim", ix, [holder.keypair], () => {
    paid = model.claim(holder.keypair.publicKey).paid;
  });
  if (ok) {
    paid.forEach((amount, i) => {
      holder.rewardBalances[i] = (holder.rewardBalances[i] ?? 0n) + amount;
    });
    h.current += ` paid [${paid.join(", ")}]`;
    h.note(`paid [${paid.join(", ")}]`);
    const left = model.stakers.get(key(holder.keypair.publicKey))?.streams ?? [];
    if (left.some((stream) => stream.owed > 0n)) h.count("claim: ok, vault ran dry");
  }
  return true;
}

export async function fund(h: Harness, index = h.rng.int(0, 1), amount?: bigint): Promise<boolean> {
  const { rng, model, pool, program, funder } = h;
  const stream = model.streams[index];
  assert.ok(stream);
  if (amount === undefined) {
    const perSecond =
      stream.mode === StreamMode.FixedPerWeight
        ? stream.rate * (model.totalWeight > 4n ? model.totalWeight : 4n)
        : stream.rate;
    const roll = rng.float();
    const remaining = stream.endTs > model.now ? stream.endTs - model.now : 0n;
    amount =
      roll < 0.08
        ? 0n
        : roll < 0.45
          ? BigInt(rng.int(1, 1_000))
          : roll < 0.83
            ? perSecond * BigInt(rng.int(100, 2_000))
            : roll < 0.93
              ? perSecond * BigInt(rng.int(5_000, 40_000))
              : // enough for the rest of the stream and then some: a surplus to withdraw
                (perSecond * remaining * BigInt(rng.int(100, 130))) / 100n + 1n;
  }
  // A vault is a token account: it holds at most u64::MAX.
  const room = U64_MAX - (model.vaults[index]?.balance ?? 0n);
  if (amount > room) amount = room;
  h.current = `fund stream ${index} with ${amount}`;
  const mint = h.rewardMints[index] as PublicKey;
  setTokenBalance(h.chain, funder.publicKey, mint, amount);
  const ix = await fundRewardStreamInstruction(
    { pool, funder: funder.publicKey, streamIndex: index, rewardMint: mint, amount },
    program,
  );
  h.execute("fund", ix, [funder], () => model.fund(index, amount));
  return true;
}

export function warp(h: Harness, seconds = h.rng.int(1, 5_000)): boolean {
  h.current = `warp ${seconds}`;
  h.note(h.current);
  h.chain.warp(seconds);
  h.model.warp(BigInt(seconds));
  h.count("warp");
  return true;
}

export async function refreshTier(h: Harness): Promise<boolean> {
  const { rng, model, pool, program, tree } = h;
  const staked = h.holders.flatMap((holder) =>
    h.recordsOf(holder).map((record) => ({ holder, mint: new PublicKey(record.mint) })),
  );
  if (staked.length === 0) return false;
  const picked = rng.pick(staked);
  const { holder } = picked;
  let { mint } = picked;
  let tier: number;
  let proof: Uint8Array[];
  const roll = rng.float();
  const current_ = tree.tierOf(mint);
  const stale = h.oldTrees.filter((old) => old.tierOf(mint) !== undefined);
  if (roll < 0.1) {
    // An NFT this holder has not staked.
    const other = rng.pick(
      h.allNfts.filter((nft) => !h.recordsOf(holder).some((r) => r.mint === key(nft.mint))),
    );
    mint = other.mint;
    tier = tree.tierOf(mint) ?? 0;
    proof = tree.tierOf(mint) === undefined ? [] : tree.proof(mint);
  } else if (current_ !== undefined && (roll < 0.8 || stale.length === 0)) {
    tier = current_;
    proof = tree.proof(mint);
  } else if (stale.length > 0) {
    const old = rng.pick(stale);
    tier = old.tierOf(mint) as number;
    proof = old.proof(mint);
  } else {
    tier = rng.int(0, 2);
    proof = [];
  }
  if (rng.chance(0.03)) tier = rng.int(3, 9); // no weight for this tier
  h.current = `refresh_tier ${holder.label} ${h.labelOf(mint)} → tier ${tier} (proof ${proof.length})`;
  const ix = await refreshTierInstruction(
    { pool, owner: holder.keypair.publicKey, mint, tier, proof },
    program,
  );
  h.execute("refresh_tier", ix, [], () =>
    model.refreshTier(holder.keypair.publicKey, mint, tier, proof),
  );
  return true;
}

export async function redeem(h: Harness): Promise<boolean> {
  const { rng, model, pool, program } = h;
  const pairs = h.holders.flatMap((holder) => h.perks.map((perk) => ({ holder, perk })));
  const redeemable = pairs.filter(
    ({ holder, perk }) => model.redeemCheck(holder.keypair.publicKey, perk.address) === null,
  );
  const { holder, perk } =
    redeemable.length > 0 && rng.chance(0.8) ? rng.pick(redeemable) : rng.pick(pairs);
  h.current = `redeem_perk ${holder.label} ${perk.label} (points ${model.projectedPoints(
    holder.keypair.publicKey,
  )})`;
  const ix = await redeemPerkInstruction(
    { pool, perk: perk.address, owner: holder.keypair.publicKey },
    program,
  );
  h.execute("redeem_perk", ix, [holder.keypair], () =>
    model.redeemPerk(holder.keypair.publicKey, perk.address),
  );
  return true;
}

/**
 * `close_staker`; half the time as a holder's full exit first (unstake everything unlocked,
 * top the vaults up to what they are owed, claim), so that the close can succeed and the
 * holder later starts over with a new staker account.
 */
export async function closeStaker(h: Harness): Promise<boolean> {
  const { rng, model, pool, program } = h;
  const candidates = h.holders.filter((holder) => model.stakers.has(key(holder.keypair.publicKey)));
  if (candidates.length === 0) return false;
  const holder = rng.pick(candidates);
  const owner = holder.keypair.publicKey;
  if (rng.chance(0.5)) {
    const free = h.recordsOf(holder).filter((record) => !model.isLocked(record));
    if (free.length > 0) {
      const mints = free.map((record) => new PublicKey(record.mint));
      h.current = `exit ${holder.label}: unstake [${mints.map(h.labelOf).join(", ")}]`;
      const ix = await unstakeInstruction(
        { pool, owner, nfts: mints.map((mint) => ({ mint })) },
        program,
      );
      h.execute("unstake", ix, [holder.keypair], () => model.unstake(owner, mints));
    }
    const staker = model.stakers.get(key(owner));
    if (!model.isPaused() && staker?.streams.some((stream) => stream.owed > 0n)) {
      for (const [index, mine] of staker.streams.entries()) {
        // Claims checkpoint first: with weight left, a little more may accrue by then.
        const shortfall = mine.owed + 1_000_000n - (model.vaults[index]?.balance ?? 0n);
        if (shortfall > 0n) await fund(h, index, shortfall);
      }
      await claim(h, holder);
    }
  }
  h.current = `close_staker ${holder.label}`;
  const ix = await closeStakerInstruction({ pool, owner }, program);
  h.execute("close_staker", ix, [holder.keypair], () => model.closeStaker(owner));
  return true;
}
