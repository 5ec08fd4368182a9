import { strict as assert } from "assert";
import { PublicKey } from "@solana/web3.js";
import {
  StreamMode,
  acceptAuthorityInstruction,
  liability,
  proposeAuthorityInstruction,
  setPausedInstruction,
  sunsetPoolInstruction,
  updatePoolInstruction,
  updateRewardStreamInstruction,
  withdrawSurplusInstruction,
  DEFAULT_POOL_LIMITS,
  WEIGHT_SCALE,
} from "@nft-staking/sdk";
import type { PoolConfig } from "../../utils/model";
import { DAY, U64_MAX, key, type Admin, type Harness } from "./harness";
import { bank } from "./holder-operations";

/**
 * The random operations of the pool authority: signed by `adminSigner` (mostly the authority,
 * sometimes someone else, who must be refused), applied to the model and the program through
 * `execute`.
 */

export async function updateStream(h: Harness): Promise<boolean> {
  const { rng, model, pool, program } = h;
  const index = rng.int(0, 1);
  let rate = BigInt(index === 0 ? rng.int(0, 25) : rng.int(0, 6_000));
  const roll = rng.float();
  const endTs =
    roll < 0.1
      ? model.now - BigInt(rng.int(1, 500))
      : roll < 0.2
        ? model.now
        : model.now + BigInt(rng.int(1, 4 * DAY));
  const stream = model.streams[index];
  assert.ok(stream);
  const duration = endTs - (stream.startTs > model.now ? stream.startTs : model.now);
  if (duration > 0n && rng.chance(0.04)) {
    // The largest rate the schedule allows (or one more: RateTooHigh). FixedPerWeight then
    // owes rate × weight per second: the accrual overflow guard ends the stream early.
    const max = U64_MAX / duration;
    rate = max < U64_MAX && rng.chance(0.3) ? max + 1n : max;
    h.count("update_reward_stream with an extreme rate");
  }
  const signer = h.adminSigner();
  h.current = `update stream ${index}: rate ${rate}, end now${
    endTs >= model.now ? "+" : ""
  }${endTs - model.now} (signer ${key(signer.publicKey).slice(0, 6)})`;
  const ix = await updateRewardStreamInstruction(
    { pool, authority: signer.publicKey, streamIndex: index, rate, endTs },
    program,
  );
  h.execute("update_reward_stream", ix, [signer], () =>
    model.updateStream(signer.publicKey, index, rate, endTs),
  );
  return true;
}

export async function setPaused(
  h: Harness,
  paused = !h.model.isPaused(),
  signer = h.adminSigner(),
): Promise<boolean> {
  // Pauses are rarer than resumes: the pool is paused about a quarter of the time.
  if (paused && h.rng.chance(0.7)) return false;
  h.current = `set_paused ${paused} (signer ${key(signer.publicKey).slice(0, 6)})`;
  const ix = await setPausedInstruction(
    { pool: h.pool, authority: signer.publicKey, paused },
    h.program,
  );
  h.execute("set_paused", ix, [signer], () => h.model.setPaused(signer.publicKey, paused));
  return true;
}

export async function sunset(h: Harness): Promise<boolean> {
  const signer = h.authorityKeypair();
  h.current = "sunset_pool";
  const ix = await sunsetPoolInstruction({ pool: h.pool, authority: signer.publicKey }, h.program);
  h.execute("sunset_pool", ix, [signer], () => h.model.sunsetPool(signer.publicKey));
  return true;
}

export async function updatePool(h: Harness): Promise<boolean> {
  const { rng, model, pool, program } = h;
  const next = h.randomTree();
  const config: PoolConfig = {
    tierRoot: next.root,
    defaultTierWeight: rng.int(1, 2),
    tierWeights: [rng.int(1, 4), rng.int(1, 6), rng.int(2, 9)],
    lockOptions: h.randomLocks(),
  };
  if (rng.chance(0.05)) {
    config.lockOptions = [{ durationS: 100, multiplierBps: 5_000 }];
  } else if (rng.chance(0.03)) {
    // M-2: no lock beyond the pool's bound.
    config.lockOptions = [{ durationS: DEFAULT_POOL_LIMITS.maxLockS + 1, multiplierBps: 15_000 }];
  }
  const signer = h.adminSigner();
  h.current = `update_pool: new tree of ${next.size}, weights [${config.tierWeights}], default ${
    config.defaultTierWeight
  }, locks [${config.lockOptions.map((o) => o.multiplierBps)}]`;
  const ix = await updatePoolInstruction(
    { pool, authority: signer.publicKey, ...config, uri: "", limits: DEFAULT_POOL_LIMITS },
    program,
  );
  if (h.execute("update_pool", ix, [signer], () => model.updatePool(signer.publicKey, config))) {
    h.oldTrees.push(h.tree);
    h.tree = next;
  }
  return true;
}

export async function withdrawSurplus(h: Harness): Promise<boolean> {
  const { rng, model, pool, program } = h;
  const index = rng.int(0, 1);
  const available = model.surplus(index);
  let amount: bigint;
  const roll = rng.float();
  if (available === 0n) amount = roll < 0.2 ? 0n : 1n;
  else if (roll < 0.4) amount = available;
  else if (roll < 0.8) amount = rng.big(1n, available);
  else amount = available < U64_MAX ? available + 1n : available; // u64 arguments
  const signer = h.adminSigner();
  const wallet = h.admins.find((a) => a.keypair === signer);
  if (wallet) bank(h, wallet, index);
  h.current = `withdraw_surplus stream ${index}: ${amount} of ${available} (signer ${key(
    signer.publicKey,
  ).slice(0, 6)})`;
  const ix = await withdrawSurplusInstruction(
    {
      pool,
      authority: signer.publicKey,
      streamIndex: index,
      rewardMint: h.rewardMints[index] as PublicKey,
      amount,
    },
    program,
  );
  if (
    h.execute("withdraw_surplus", ix, [signer], () =>
      model.withdrawSurplus(signer.publicKey, index, amount),
    )
  ) {
    const admin = wallet as Admin;
    admin.rewardBalances[index] = (admin.rewardBalances[index] ?? 0n) + amount;
    // Independently of `surplus`: what stays covers everything earned and, at today's
    // weight, everything still to be emitted.
    const stream = model.streams[index];
    assert.ok(stream);
    let from = model.now > stream.startTs ? model.now : stream.startTs;
    if (stream.lastUpdateTs > from) from = stream.lastUpdateTs;
    const left = stream.endTs > from ? stream.endTs - from : 0n;
    const future =
      stream.mode === StreamMode.SharedEmission
        ? stream.rate * left
        : // effective weights are in 1/WEIGHT_SCALE units: whole tokens, rounded up
          (stream.rate * left * model.totalWeight + WEIGHT_SCALE - 1n) / WEIGHT_SCALE;
    const kept = model.vaults[index]?.balance ?? 0n;
    assert.ok(
      kept >= liability(stream) + future,
      `withdraw_surplus left ${kept} < liability ${liability(stream)} + future ${future}`,
    );
  }
  return true;
}

export async function proposeAuthority(h: Harness): Promise<boolean> {
  const { rng, model, pool, program } = h;
  const signer = h.adminSigner();
  const other = h.admins.find((admin) => key(admin.keypair.publicKey) !== model.authority);
  const proposed = rng.chance(0.15) ? null : (other?.keypair.publicKey ?? null);
  h.current = `propose_authority ${proposed ? key(proposed).slice(0, 6) : "cancel"}`;
  const ix = await proposeAuthorityInstruction(
    { pool, authority: signer.publicKey, newAuthority: proposed ?? PublicKey.default },
    program,
  );
  h.execute("propose_authority", ix, [signer], () =>
    model.proposeAuthority(signer.publicKey, proposed),
  );
  return true;
}

export async function acceptAuthority(h: Harness): Promise<boolean> {
  const signer = h.rng.pick(h.admins).keypair;
  h.current = `accept_authority by ${key(signer.publicKey).slice(0, 6)}`;
  const ix = await acceptAuthorityInstruction(
    { pool: h.pool, newAuthority: signer.publicKey },
    h.program,
  );
  h.execute("accept_authority", ix, [signer], () => h.model.acceptAuthority(signer.publicKey));
  return true;
}
