import fs from "fs";
import path from "path";
import { Keypair, LAMPORTS_PER_SOL, type PublicKey } from "@solana/web3.js";
import {
  createCollection,
  createCollectionNfts,
  createFungibleMint,
  type FundedAccountStore,
  type TestNft,
  writeTokenAccount,
} from "@nft-staking/dev-kit";
import { configurePool, type ClusterAccess, type PoolConfig } from "./pool-config";
import { getAssociatedTokenAddressSync } from "@solana/spl-token";

/** What the demo seeding needs from the local chain (beyond JSON-RPC): `localnetStore(localnet)`. */
export type DemoChain = FundedAccountStore;

/** Everything `npm start` prints: who is who on the demo chain. */
export interface DemoState {
  pool: string;
  collection: string;
  rewardMints: string[];
  creatorKeypairPath: string;
  walletKeypairPath: string;
  wallet: string;
  walletNfts: number;
}

const TIERS = ["Common", "Rare", "Legendary"] as const;
const COLORS = ["#5b8def", "#b04ae0", "#f5a524"] as const;

/** Loads a dev keypair from `file`, creating it the first time (never holds real funds). */
function devKeypair(file: string): Keypair {
  if (fs.existsSync(file)) {
    return Keypair.fromSecretKey(Uint8Array.from(JSON.parse(fs.readFileSync(file, "utf8"))));
  }
  const keypair = Keypair.generate();
  fs.writeFileSync(file, JSON.stringify(Array.from(keypair.secretKey)));
  return keypair;
}

/** Writes an NFT's off-chain JSON and SVG picture, served by `npm start` under `assetsUrl`. */
function writeAssets(dir: string, assetsUrl: string, index: number, tier: number) {
  const name = `Demo Staker #${index}`;
  const color = COLORS[tier] ?? COLORS[0];
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">` +
    `<rect width="256" height="256" fill="${color}"/>` +
    `<circle cx="128" cy="110" r="56" fill="#fff" opacity="0.85"/>` +
    `<text x="128" y="212" font-family="sans-serif" font-size="28" text-anchor="middle" fill="#fff">#${index}</text></svg>`;
  fs.writeFileSync(path.join(dir, `${index}.svg`), svg);
  const json = {
    name,
    symbol: "DEMO",
    description: "A demo NFT of the local staking chain.",
    image: `${assetsUrl}/nft/${index}.svg`,
    attributes: [{ trait_type: "Tier", value: TIERS[tier] }],
  };
  fs.writeFileSync(path.join(dir, `${index}.json`), JSON.stringify(json, null, 2));
  return { name, uri: `${assetsUrl}/nft/${index}.json` };
}

/**
 * Seeds an empty local chain: a verified demo collection of 36 NFTs with pictures (12 in the
 * demo wallet), two reward tokens, and a pool with 3 tiers (from a tier CSV), 3 lock options,
 * 2 funded streams and 2 perks — configured through real transactions (`configurePool`).
 * Keys are dev keypairs written under `dataDir`.
 */
export async function seedDemo(
  chain: DemoChain,
  cluster: ClusterAccess,
  options: { dataDir: string; assetsUrl: string; log?: (line: string) => void },
): Promise<DemoState> {
  const log = options.log ?? (() => undefined);
  const assetsDir = path.join(options.dataDir, "assets", "nft");
  fs.mkdirSync(assetsDir, { recursive: true });
  const creatorKeypairPath = path.join(options.dataDir, "creator-dev-keypair.json");
  const walletKeypairPath = path.join(options.dataDir, "demo-wallet-dev-keypair.json");
  const creator = devKeypair(creatorKeypairPath);
  const wallet = devKeypair(walletKeypairPath);
  chain.airdrop(creator.publicKey, BigInt(1_000 * LAMPORTS_PER_SOL));
  chain.airdrop(wallet.publicKey, BigInt(100 * LAMPORTS_PER_SOL));

  const collection = createCollection(chain, creator.publicKey);
  const nfts: { nft: TestNft; tier: number }[] = [];
  for (let index = 1; index <= 36; index++) {
    const tier = index % 12 === 0 ? 2 : index % 4 === 0 ? 1 : 0;
    const owner = index <= 12 ? wallet.publicKey : creator.publicKey;
    const { name, uri } = writeAssets(assetsDir, options.assetsUrl, index, tier);
    const [nft] = createCollectionNfts(chain, owner, collection.mint, 1, { name, uri });
    if (nft) nfts.push({ nft, tier });
  }
  log(`minted a verified collection of ${nfts.length} NFTs (12 in the demo wallet)`);

  const tiersCsv = `mint,tier\n${nfts.map(({ nft, tier }) => `${nft.mint.toBase58()},${tier}`).join("\n")}\n`;
  fs.writeFileSync(path.join(options.dataDir, "demo-tiers.csv"), tiersCsv);
  // Published next to the pictures: the app shows each NFT's tier and builds proofs from it.
  fs.writeFileSync(path.join(options.dataDir, "assets", "tiers.csv"), tiersCsv);
  const rewardMints = [createFungibleMint(chain, 6), createFungibleMint(chain, 9)];
  for (const mint of rewardMints) {
    writeTokenAccount(
      chain,
      getAssociatedTokenAddressSync(mint, creator.publicKey),
      creator.publicKey,
      mint,
      10n ** 16n,
    );
    // The demo wallet has no reward token accounts: its first claim creates them through the
    // real ATA program, in the claim transaction, as on mainnet.
  }
  const [points, shared] = rewardMints as [PublicKey, PublicKey];
  const config: PoolConfig = {
    poolId: 1,
    collection: collection.mint.toBase58(),
    uri: `${options.assetsUrl}/pool.json`,
    defaultTierWeight: 1,
    tierWeights: [1, 3, 10],
    tiersCsv,
    lockOptions: [
      { durationS: 7 * 86_400, multiplierBps: 12_500 },
      { durationS: 30 * 86_400, multiplierBps: 15_000 },
      { durationS: 90 * 86_400, multiplierBps: 20_000 },
    ],
    streams: [
      // 1 token (6 decimals) per weight per day.
      {
        rewardMint: points.toBase58(),
        mode: "FixedPerWeight",
        rate: "12",
        durationDays: 90,
        fund: "50000000000",
      },
      // 1,000 tokens (9 decimals) per day shared by everyone staked.
      {
        rewardMint: shared.toBase58(),
        mode: "SharedEmission",
        rate: "11574074",
        durationDays: 60,
        fund: "60000000000000",
      },
    ],
    perks: [
      {
        id: 1,
        name: "Allow-list spot",
        costPoints: "86400",
        minStaked: 1,
        supplyCap: 25,
        durationDays: 30,
      },
      {
        id: 2,
        name: "Holder merch drop",
        costPoints: "2592000",
        minStaked: 3,
        supplyCap: 10,
        durationDays: 60,
      },
    ],
  };
  fs.writeFileSync(
    path.join(options.dataDir, "assets", "pool.json"),
    JSON.stringify({
      name: "Demo staking pool",
      description: "Stake demo NFTs, earn two tokens, redeem perks.",
    }),
  );
  const { pool } = await configurePool(cluster, creator, config, { log });
  return {
    pool: pool.toBase58(),
    collection: collection.mint.toBase58(),
    rewardMints: rewardMints.map((mint) => mint.toBase58()),
    creatorKeypairPath,
    walletKeypairPath,
    wallet: wallet.publicKey.toBase58(),
    walletNfts: 12,
  };
}
