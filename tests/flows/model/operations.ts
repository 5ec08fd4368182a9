import { strict as assert } from "assert";
import { PublicKey } from "@solana/web3.js";
import { unstakeInstruction } from "@nft-staking/sdk";
import { key, type Harness } from "./harness";
import type { Random } from "./random";
import {
  claim,
  closeStaker,
  fund,
  redeem,
  refreshTier,
  stake,
  unstake,
  warp,
} from "./holder-operations";
import {
  acceptAuthority,
  proposeAuthority,
  setPaused,
  sunset,
  updatePool,
  updateStream,
  withdrawSurplus,
} from "./authority-operations";

export { claim, fund, setPaused, sunset, warp };

/** A random operation; false when it had nothing to do (the step then warps instead). */
export type Operation = (h: Harness) => Promise<boolean> | boolean;

/** The operation mix: relative weights. */
const table: [number, Operation][] = [
  [16, stake],
  [12, unstake],
  [12, (h) => claim(h)],
  [8, (h) => fund(h)],
  [20, (h) => warp(h)],
  [4, updateStream],
  [3, (h) => setPaused(h)],
  [2, updatePool],
  [6, refreshTier],
  [5, redeem],
  [4, withdrawSurplus],
  [1.5, closeStaker],
  [0.8, proposeAuthority],
  [0.8, acceptAuthority],
];
const totalWeight = table.reduce((sum, [weight]) => sum + weight, 0);

/** Draws the next operation from the mix. */
export function chooseOperation(rng: Random): Operation {
  let roll = rng.float() * totalWeight;
  for (const [weight, op] of table) {
    roll -= weight;
    if (roll < 0) return op;
  }
  return table[0]?.[1] as Operation;
}

/** One labelled step of the run. */
export interface Step {
  label: string;
  run: () => Promise<unknown>;
}

/**
 * The end of a run: unpause, wait out every lock, unstake everything, fund what the streams
 * owe and let every holder claim it (then verification.ts checks that every NFT is home).
 */
export function windDown(h: Harness): Step[] {
  const { model, pool, program } = h;
  const steps: Step[] = [];
  steps.push({
    label: "end: unpause",
    run: async () => {
      h.current = "end: unpause";
      if (model.isPaused()) await setPaused(h, false, h.authorityKeypair());
    },
  });
  steps.push({
    label: "end: warp past every lock",
    run: async () => {
      h.current = "end: warp past locks";
      const locks = model.allRecords().filter((record) => model.isLocked(record));
      const until = locks.reduce((max, r) => (r.lockUntil > max ? r.lockUntil : max), model.now);
      if (until > model.now) warp(h, Number(until - model.now));
    },
  });
  for (const holder of h.holders) {
    steps.push({
      label: `end: unstake ${holder.label}`,
      run: async () => {
        const mints = h.recordsOf(holder).map((record) => new PublicKey(record.mint));
        h.current = `end: unstake all of ${holder.label} [${mints.map(h.labelOf).join(", ")}]`;
        if (mints.length === 0) return;
        const ix = await unstakeInstruction(
          { pool, owner: holder.keypair.publicKey, nfts: mints.map((mint) => ({ mint })) },
          program,
        );
        assert.ok(
          h.execute("unstake", ix, [holder.keypair], () =>
            model.unstake(holder.keypair.publicKey, mints),
          ),
          "the final unstake must succeed",
        );
      },
    });
  }
  for (const [index] of model.streams.entries()) {
    steps.push({
      label: `end: fund what stream ${index} owes`,
      run: async () => {
        const owed = model.streams[index]?.owedTotal ?? 0n;
        const balance = model.vaults[index]?.balance ?? 0n;
        h.current = `end: fund stream ${index} (owed ${owed}, vault ${balance})`;
        if (owed > balance) await fund(h, index, owed - balance);
      },
    });
  }
  for (const holder of h.holders) {
    steps.push({
      label: `end: claim ${holder.label}`,
      run: async () => {
        h.current = `end: claim ${holder.label}`;
        if (model.stakers.has(key(holder.keypair.publicKey))) await claim(h, holder);
      },
    });
  }
  return steps;
}
