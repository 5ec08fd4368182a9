import { strict as assert } from "assert";
import { PublicKey } from "@solana/web3.js";
import {
  MAX_LOCK_OPTIONS,
  MAX_TIERS,
  accrue,
  earned,
  findReceiptAddress,
  liability,
  type PerkAccount,
  type PerkReceiptAccount,
  type StakerAccount,
} from "@nft-staking/sdk";
import { tokenBalance } from "@nft-staking/dev-kit";
import type { StakerModel } from "../../utils/model";
import { key, str, type Harness, type Holder, type Wallet } from "./harness";

/**
 * The comparisons of the model test: after every step the whole visible state of the program
 * against the model (`verify`), and at the end that every NFT is home and every funded token
 * accounted for (`verifyEnd`).
 */

/** An account of the program, decoded with its IDL coder. */
const decode = <T>(h: Harness, name: string, data: Uint8Array): T =>
  h.program.coder.accounts.decode<T>(name, Buffer.from(data));

const eq = (actual: { toString(): string }, expected: bigint | number, what: string) =>
  assert.equal(str(actual), str(expected), what);

function checkStaker(h: Harness, holder: Holder, expected: StakerModel | undefined): void {
  const { chain, labelOf } = h;
  const account = chain.svm.getAccount(h.stakerAddress.get(holder.label) as PublicKey);
  if (!expected) {
    assert.equal(account, null, `${holder.label}: staker account should not exist`);
    return;
  }
  assert.ok(account, `${holder.label}: staker account missing`);
  const staker = decode<StakerAccount>(h, "staker", account.data);
  const who = holder.label;
  eq(staker.totalWeight, expected.totalWeight, `${who}.totalWeight`);
  eq(staker.points, expected.points, `${who}.points`);
  eq(staker.pointsUpdatedTs, expected.pointsUpdatedTs, `${who}.pointsUpdatedTs`);
  expected.streams.forEach((mine, i) => {
    const actual = staker.streams[i];
    assert.ok(actual);
    eq(actual.checkpointAcc, mine.checkpoint, `${who}.streams[${i}].checkpointAcc`);
    eq(actual.owed, mine.owed, `${who}.streams[${i}].owed`);
    eq(actual.claimedTotal, mine.claimedTotal, `${who}.streams[${i}].claimedTotal`);
  });
  const records = (recordList: StakerAccount["records"]) =>
    recordList
      .map((r) =>
        [
          labelOf(r.mint),
          `w${r.weight}`,
          `t${r.tier}`,
          `l${r.lockOption}`,
          `m${r.multiplierBps}`,
          `until${str(r.lockUntil)}`,
          `at${str(r.stakedAt)}`,
        ].join(" "),
      )
      .sort();
  const modelRecords = [...expected.records.values()]
    .map((r) =>
      [
        labelOf(new PublicKey(r.mint)),
        `w${r.weight}`,
        `t${r.tier}`,
        `l${r.lockOption}`,
        `m${r.multiplierBps}`,
        `until${r.lockUntil}`,
        `at${r.stakedAt}`,
      ].join(" "),
    )
    .sort();
  assert.deepEqual(records(staker.records), modelRecords, `${who}.records`);
}

/**
 * The program's state equals the model's: pool totals, flags, authority, tables and streams;
 * vaults and their books; every staker; every reward balance; where every NFT is; perks.
 */
export function verify(h: Harness): void {
  const { chain, model, pool, holders, admins, vaults, labelOf } = h;
  eq(chain.now(), model.now, "clock");
  const state = h.decodePool(chain.svm.getAccount(pool)?.data ?? new Uint8Array());
  eq(state.totalWeight, model.totalWeight, "pool.totalWeight");
  eq(state.stakedCount, model.stakedCount, "pool.stakedCount");
  eq(state.pausedUntil, model.pausedUntil, "pool.pausedUntil");
  assert.equal(state.sunset, model.sunset ? 1 : 0, "pool.sunset");
  assert.equal(key(state.authority), model.authority, "pool.authority");
  assert.equal(
    key(state.pendingAuthority),
    model.pendingAuthority ?? key(PublicKey.default),
    "pool.pendingAuthority",
  );
  assert.deepEqual(
    Buffer.from(state.tierRoot),
    Buffer.from(model.config.tierRoot ?? new Uint8Array(32)),
    "pool.tierRoot",
  );
  assert.deepEqual(
    state.tierWeights,
    Array.from({ length: MAX_TIERS }, (_, i) => model.config.tierWeights[i] ?? 0),
    "pool.tierWeights",
  );
  assert.deepEqual(
    state.lockOptions.map((o) => [o.durationS, o.multiplierBps]),
    Array.from({ length: MAX_LOCK_OPTIONS }, (_, i) => {
      const o = model.config.lockOptions[i];
      return [o?.durationS ?? 0, o?.multiplierBps ?? 0];
    }),
    "pool.lockOptions",
  );
  model.streams.forEach((expected, i) => {
    const actual = state.streams[i];
    assert.ok(actual);
    const what = `stream ${i}`;
    eq(actual.accPerWeight, expected.accPerWeight, `${what}.accPerWeight`);
    eq(actual.unsettledScaled, expected.unsettledScaled, `${what}.unsettledScaled`);
    eq(actual.owedTotal, expected.owedTotal, `${what}.owedTotal`);
    eq(actual.rate, expected.rate, `${what}.rate`);
    eq(actual.startTs, expected.startTs, `${what}.startTs`);
    eq(actual.endTs, expected.endTs, `${what}.endTs`);
    eq(actual.lastUpdateTs, expected.lastUpdateTs, `${what}.lastUpdateTs`);
    eq(actual.vaultBalance, expected.vaultBalance, `${what}.vaultBalance`);
    const vault = model.vaults[i];
    assert.ok(vault);
    // M-4: what holders have earned is always in the vault, whoever claims first.
    const held = tokenBalance(chain, vaults[i] as PublicKey);
    assert.ok(liability(expected) <= held, `stream ${i}: liability exceeds the vault's ${held}`);
    assert.equal(tokenBalance(chain, vaults[i] as PublicKey), vault.balance, `vault ${i}`);
    assert.equal(
      vault.funded,
      vault.balance + vault.paid + vault.withdrawn,
      `vault ${i}: funded = balance + paid + withdrawn`,
    );
    const owed = [...model.stakers.values()].reduce(
      (sum, staker) => sum + (staker.streams[i]?.owed ?? 0n),
      0n,
    );
    assert.equal(expected.owedTotal, owed, `stream ${i}: owedTotal = Σ owed`);
    // What every holder could claim now never exceeds the liability (rounded up), and
    // exceeds it by rounding dust only (< 1 base unit per holder).
    const live = accrue(expected, model.now, model.totalWeight);
    const pending = [...model.stakers.values()].reduce((sum, staker) => {
      const mine = staker.streams[i];
      assert.ok(mine);
      return sum + mine.owed + earned(staker.totalWeight, live.accPerWeight, mine.checkpoint);
    }, 0n);
    const owes = liability(live);
    assert.ok(pending <= owes, `stream ${i}: Σ pending ${pending} > liability ${owes}`);
    assert.ok(
      owes - pending <= BigInt(model.stakers.size),
      `stream ${i}: liability ${owes} − Σ pending ${pending} is more than rounding dust`,
    );
  });
  for (const holder of holders) {
    checkStaker(h, holder, model.stakers.get(key(holder.keypair.publicKey)));
    holder.rewardAccounts.forEach((account, i) =>
      assert.equal(
        tokenBalance(chain, account),
        holder.rewardBalances[i],
        `${holder.label}: reward balance ${i}`,
      ),
    );
  }
  for (const admin of admins) {
    admin.rewardAccounts.forEach((account, i) =>
      assert.equal(
        tokenBalance(chain, account),
        admin.rewardBalances[i],
        `admin ${key(admin.keypair.publicKey)}: reward balance ${i}`,
      ),
    );
  }
  for (const nft of h.allNfts) {
    const escrow = h.escrows.get(key(nft.mint)) as PublicKey;
    const what = labelOf(nft.mint);
    if (model.staked.has(key(nft.mint))) {
      assert.equal(tokenBalance(chain, escrow), 1n, `${what} should be in escrow`);
      assert.equal(tokenBalance(chain, nft.tokenAccount), 0n, `${what}: owner's account`);
    } else {
      assert.equal(tokenBalance(chain, nft.tokenAccount), 1n, `${what} should be home`);
      assert.equal(chain.svm.getAccount(escrow), null, `${what}: escrow should be closed`);
    }
  }
  for (const perk of h.perks) {
    const expected = model.perks.get(key(perk.address));
    assert.ok(expected);
    const account = chain.svm.getAccount(perk.address);
    assert.ok(account, `${perk.label} missing`);
    assert.equal(
      decode<PerkAccount>(h, "perk", account.data).redeemed,
      expected.redeemed,
      `${perk.label}.redeemed`,
    );
    for (const holder of holders) {
      const owner = holder.keypair.publicKey;
      const receipt = chain.svm.getAccount(findReceiptAddress(perk.address, owner)[0]);
      assert.equal(
        receipt ? decode<PerkReceiptAccount>(h, "perkReceipt", receipt.data).count : 0,
        expected.receipts.get(key(owner)) ?? 0,
        `${holder.label}: ${perk.label} receipt count`,
      );
    }
  }
}

/**
 * After the wind-down: every NFT is back in its holder's account and its escrow closed,
 * nothing is staked, owed or unsettled, and every funded token was paid, withdrawn or is
 * still in its vault.
 */
export function verifyEnd(h: Harness): void {
  const { chain, model, labelOf } = h;
  for (const nft of h.allNfts) {
    const home = h.nftHome.get(key(nft.mint)) as Holder;
    assert.ok(nft.owner.equals(home.keypair.publicKey));
    assert.equal(tokenBalance(chain, nft.tokenAccount), 1n, `${labelOf(nft.mint)} is home`);
    assert.equal(chain.svm.getAccount(h.escrows.get(key(nft.mint)) as PublicKey), null);
  }
  const state = h.decodePool(chain.svm.getAccount(h.pool)?.data ?? new Uint8Array());
  eq(state.totalWeight, 0, "nothing staked");
  eq(state.stakedCount, 0, "nothing staked");
  model.streams.forEach((_, i) => {
    const stream = state.streams[i];
    assert.ok(stream);
    eq(stream.owedTotal, 0, `stream ${i}: everything owed was paid`);
    eq(stream.unsettledScaled, 0, `stream ${i}: nothing unsettled at zero weight`);
    const vault = model.vaults[i];
    assert.ok(vault);
    const received = (wallets: Wallet[]) =>
      wallets.reduce(
        (sum, wallet) => sum + (wallet.rewardBalances[i] ?? 0n) + (wallet.banked[i] ?? 0n),
        0n,
      );
    const paid = received(h.holders);
    const withdrawn = received(h.admins);
    assert.equal(paid, vault.paid);
    assert.ok(paid <= vault.funded, `stream ${i}: paid ${paid} > funded ${vault.funded}`);
    assert.equal(
      paid + withdrawn + tokenBalance(chain, h.vaults[i] as PublicKey),
      vault.funded,
      `stream ${i}: every funded token is paid, withdrawn or in the vault`,
    );
  });
}
