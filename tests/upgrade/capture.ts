/**
 * Captures the accounts of a small, fully set-up pool (a funded stream, a holder with 3 NFTs
 * staked, one of them locked) exactly as the program wrote them, as a layout fixture
 * (`layout-v<version>.json`). The upgrade test (`layouts.test.ts`) loads a fixture into a chain
 * running the *current* program and requires every holder path (claim, unstake, close) to keep
 * working on those bytes: a layout change that cannot read the accounts of a shipped version
 * fails it.
 *
 * Run only when a new layout version is introduced (never in a test run):
 * `npx ts-node -P tsconfig.json tests/upgrade/capture.ts` writes the fixture of the current
 * `POOL_VERSION`/`STAKER_VERSION` and leaves older fixtures untouched.
 */
import fs from "fs";
import path from "path";
import { Keypair, type PublicKey } from "@solana/web3.js";
import { getAssociatedTokenAddressSync } from "@solana/spl-token";
import { StreamMode, findEscrowAddress, findStakerAddress } from "@nft-staking/sdk";
import {
  addStream,
  createPool,
  holderWithNfts,
  poolState,
  stakeNfts,
  stakerState,
  TestChain,
} from "@nft-staking/dev-kit";
import { START } from "../utils/suite";

/** One account as the fixture stores it. */
export interface FixtureAccount {
  address: string;
  owner: string;
  lamports: string;
  executable: boolean;
  data: string; // base64
}

/** A layout fixture: the accounts, who is who, and the clock they were written at. */
export interface LayoutFixture {
  poolVersion: number;
  stakerVersion: number;
  /** Unix time the accounts were written at (the test's clock starts there). */
  writtenAt: string;
  pool: string;
  rewardMint: string;
  /** TEST ONLY: a throwaway holder key of the fixture; it holds nothing on any cluster. */
  testOnlyHolderSecretKey: number[];
  nfts: { mint: string; tokenAccount: string; locked: boolean }[];
  accounts: FixtureAccount[];
}

const FIXTURE_DIR = __dirname;

/** The fixture file of layout versions `pool`/`staker`. */
export function fixturePath(pool: number, staker: number): string {
  return path.join(FIXTURE_DIR, `layout-pool-v${pool}-staker-v${staker}.json`);
}

/** Builds the scenario on a fresh chain and returns it as a fixture. */
export async function capture(): Promise<LayoutFixture> {
  const chain = new TestChain();
  chain.warp(START);
  const fixture = await createPool(chain, {
    lockOptions: [{ durationS: 86_400, multiplierBps: 15_000 }],
  });
  const stream = await addStream(fixture, {
    mode: StreamMode.FixedPerWeight,
    rate: 5n,
    duration: 30 * 86_400,
    fund: 10_000_000n,
  });
  const { holder, nfts } = holderWithNfts(fixture, 3);
  const [locked, ...free] = nfts;
  if (!locked) throw new Error("no NFT");
  for (const result of [
    await stakeNfts(fixture, holder, free),
    await stakeNfts(fixture, holder, [locked], 0),
  ]) {
    if (!result.ok) throw new Error(result.logs.join("\n"));
  }
  chain.warp(600);
  const pool = poolState(fixture);
  const addresses: PublicKey[] = [
    fixture.pool,
    findStakerAddress(fixture.pool, holder.publicKey)[0],
    pool.streams[0]!.vault,
    stream.mint,
    ...nfts.flatMap((nft) => [
      nft.mint,
      nft.metadata,
      nft.edition,
      nft.tokenAccount,
      findEscrowAddress(fixture.pool, nft.mint)[0],
    ]),
  ];
  const accounts = addresses.flatMap((address) => {
    const account = chain.svm.getAccount(address);
    return account
      ? [
          {
            address: address.toBase58(),
            owner: account.owner.toBase58(),
            lamports: String(account.lamports),
            executable: account.executable,
            data: Buffer.from(account.data).toString("base64"),
          },
        ]
      : [];
  });
  const staker = stakerState(fixture, holder.publicKey);
  if (!staker) throw new Error("no staker");
  return {
    poolVersion: pool.version,
    stakerVersion: staker.version,
    writtenAt: String(chain.now()),
    pool: fixture.pool.toBase58(),
    rewardMint: stream.mint.toBase58(),
    testOnlyHolderSecretKey: Array.from(holder.secretKey),
    nfts: nfts.map((nft) => ({
      mint: nft.mint.toBase58(),
      tokenAccount: getAssociatedTokenAddressSync(nft.mint, holder.publicKey).toBase58(),
      locked: nft === locked,
    })),
    accounts,
  };
}

/** The fixture's holder (a throwaway test key). */
export function fixtureHolder(fixture: LayoutFixture): Keypair {
  return Keypair.fromSecretKey(Uint8Array.from(fixture.testOnlyHolderSecretKey));
}

if (require.main === module) {
  void capture().then((fixture) => {
    const file = fixturePath(fixture.poolVersion, fixture.stakerVersion);
    if (fs.existsSync(file)) {
      console.log(`${file} exists: a shipped layout's fixture is never rewritten`);
      return;
    }
    fs.writeFileSync(file, `${JSON.stringify(fixture, null, 2)}\n`);
    console.log(`wrote ${file}`);
  });
}
