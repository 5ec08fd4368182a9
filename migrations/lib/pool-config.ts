import fs from "fs";
import path from "path";
import { PublicKey, type Keypair, type TransactionInstruction } from "@solana/web3.js";
import {
  StreamMode,
  TierTree,
  addRewardStreamInstruction,
  createPerkInstruction,
  decodePool,
  findPerkAddress,
  findPoolAddress,
  fundRewardStreamInstruction,
  initializePoolInstruction,
  updatePoolInstruction,
  type LockOptionInput,
  DEFAULT_POOL_LIMITS,
  type PoolLimitsInput,
} from "@nft-staking/sdk";

/** A pool described as data (JSON file): what `configurePool` makes true on a cluster. */
export interface PoolConfig {
  poolId: number;
  collection?: string | null;
  creator?: string | null;
  uri?: string;
  defaultTierWeight: number;
  tierWeights?: number[];
  /** `mint,tier` CSV (path relative to the config file, or inline text with `\n`). */
  tiersCsv?: string;
  lockOptions?: LockOptionInput[];
  /** Lock, pause and eligibility bounds; the SDK's `DEFAULT_POOL_LIMITS` when omitted. */
  limits?: PoolLimitsInput;
  streams?: {
    rewardMint: string;
    mode: "FixedPerWeight" | "SharedEmission";
    /** Base units per second, as a decimal string. */
    rate: string;
    durationDays: number;
    /** Base units to fund from the authority's associated token account. */
    fund?: string;
  }[];
  perks?: {
    id: number;
    name: string;
    uri?: string;
    costPoints: string;
    minStaked?: number;
    supplyCap?: number;
    durationDays: number;
  }[];
}

/** What the configuration needs from a cluster: read an account, send instructions. */
export interface ClusterAccess {
  getAccountData(address: PublicKey): Promise<Uint8Array | null>;
  now(): Promise<bigint>;
  send(instructions: TransactionInstruction[], signers: Keypair[]): Promise<string>;
}

/** Reads a config file, resolving `tiersCsv` relative to it. */
export function readPoolConfig(file: string): PoolConfig {
  const config = JSON.parse(fs.readFileSync(file, "utf8")) as PoolConfig;
  if (config.tiersCsv && !config.tiersCsv.includes("\n")) {
    config.tiersCsv = fs.readFileSync(path.resolve(path.dirname(file), config.tiersCsv), "utf8");
  }
  return config;
}

/**
 * Makes the pool match `config`: creates it if missing, sets tiers/locks/URI, adds the streams
 * it does not have yet (by position), funds them, and creates missing perks. Idempotent: a
 * second run only re-sends `update_pool` and funding. With `dryRun`, prints the plan and sends
 * nothing. Returns the pool address and the tier tree (for proofs).
 */
export async function configurePool(
  cluster: ClusterAccess,
  authority: Keypair,
  config: PoolConfig,
  options: { dryRun?: boolean; log?: (line: string) => void } = {},
): Promise<{ pool: PublicKey; tiers: TierTree | null }> {
  const log = options.log ?? (() => undefined);
  const [pool] = findPoolAddress(authority.publicKey, config.poolId);
  const step = async (label: string, instructions: TransactionInstruction[]) => {
    log(`${options.dryRun ? "[dry run] " : ""}${label}`);
    if (!options.dryRun) await cluster.send(instructions, [authority]);
  };
  const tiers = config.tiersCsv ? TierTree.fromCsv(config.tiersCsv) : null;

  const existing = await cluster.getAccountData(pool);
  if (!existing) {
    await step(`create pool ${pool.toBase58()} (id ${config.poolId})`, [
      await initializePoolInstruction({
        authority: authority.publicKey,
        poolId: config.poolId,
        collection: config.collection ? new PublicKey(config.collection) : null,
        creator: config.creator ? new PublicKey(config.creator) : null,
        defaultTierWeight: config.defaultTierWeight,
        uri: config.uri ?? "",
        limits: config.limits ?? DEFAULT_POOL_LIMITS,
      }),
    ]);
  }
  await step(
    `set ${tiers?.size ?? 0} tiered NFTs, ${config.lockOptions?.length ?? 0} lock options`,
    [
      await updatePoolInstruction({
        pool,
        authority: authority.publicKey,
        tierRoot: tiers?.root ?? null,
        defaultTierWeight: config.defaultTierWeight,
        tierWeights: config.tierWeights ?? [],
        lockOptions: config.lockOptions ?? [],
        uri: config.uri ?? "",
        limits: config.limits ?? DEFAULT_POOL_LIMITS,
      }),
    ],
  );

  const streamCount = existing ? decodePool(existing).streamCount : 0;
  const now = await cluster.now();
  for (const [index, stream] of (config.streams ?? []).entries()) {
    const rewardMint = new PublicKey(stream.rewardMint);
    if (index >= streamCount) {
      await step(
        `add stream ${index} (${stream.mode}, ${stream.rate}/s, ${stream.durationDays} days)`,
        [
          await addRewardStreamInstruction({
            pool,
            authority: authority.publicKey,
            rewardMint,
            streamIndex: index,
            mode: StreamMode[stream.mode],
            rate: BigInt(stream.rate),
            startTs: now,
            endTs: now + BigInt(Math.round(stream.durationDays * 86_400)),
          }),
        ],
      );
    }
    if (stream.fund && BigInt(stream.fund) > 0n) {
      await step(`fund stream ${index} with ${stream.fund}`, [
        await fundRewardStreamInstruction({
          pool,
          funder: authority.publicKey,
          streamIndex: index,
          rewardMint,
          amount: BigInt(stream.fund),
        }),
      ]);
    }
  }

  for (const perk of config.perks ?? []) {
    const [address] = findPerkAddress(pool, perk.id);
    if (await cluster.getAccountData(address)) continue;
    await step(`create perk ${perk.id} "${perk.name}"`, [
      await createPerkInstruction({
        pool,
        authority: authority.publicKey,
        perkId: perk.id,
        terms: {
          name: perk.name,
          uri: perk.uri,
          costPoints: BigInt(perk.costPoints),
          minStaked: perk.minStaked,
          supplyCap: perk.supplyCap,
          startTs: now,
          endTs: now + BigInt(Math.round(perk.durationDays * 86_400)),
        },
      }),
    ]);
  }
  return { pool, tiers };
}
