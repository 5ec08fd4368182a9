import { describe, expect, it } from "vitest";
import { BN } from "@coral-xyz/anchor";
import { Keypair } from "@solana/web3.js";
import type { StakingEvent } from "@nft-staking/sdk";
import { historyCsv, historyRows } from "./history";

const pool = Keypair.generate().publicKey;
const owner = Keypair.generate().publicKey;
const mint = Keypair.generate().publicKey;
const rewardMint = Keypair.generate().publicKey;

const events = [
  {
    name: "nftStaked",
    data: { pool, owner, mint, weight: 3, tier: 1, lockUntil: new BN(0), stakedAt: new BN(100) },
  },
  {
    name: "rewardsClaimed",
    data: {
      pool,
      owner,
      streamIndex: 0,
      mint: rewardMint,
      amount: new BN(1_500_000),
      owed: new BN(0),
      claimedAt: new BN(200),
    },
  },
  {
    name: "nftStaked",
    data: {
      pool,
      owner: Keypair.generate().publicKey,
      mint,
      weight: 1,
      tier: 0,
      lockUntil: new BN(0),
      stakedAt: new BN(1),
    },
  },
] as unknown as StakingEvent[];

describe("history", () => {
  const rows = historyRows("sig1", 1_700_000_000, events, pool.toBase58(), owner.toBase58());

  it("keeps the holder's own events of this pool", () => {
    expect(rows.map((row) => row.kind)).toEqual(["Staked", "Claimed"]);
    expect(rows[1]).toMatchObject({
      mint: rewardMint.toBase58(),
      streamIndex: 0,
      amount: 1_500_000n,
    });
  });

  it("writes a CSV with UTC times and amounts in tokens", () => {
    const csv = historyCsv(rows, new Map([[rewardMint.toBase58(), { decimals: 6, label: "PTS" }]]));
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe(
      "time_utc,event,nft_or_token_mint,token,amount_base_units,amount,details,signature",
    );
    expect(lines[2]).toBe(
      `2023-11-14T22:13:20.000Z,Claimed,${rewardMint.toBase58()},PTS,1500000,1.500000,,sig1`,
    );
  });
});
