import { strict as assert } from "assert";
import type { PublicKey } from "@solana/web3.js";
import {
  createPerkInstruction,
  decodePerk,
  findPerkAddress,
  redeemPerkInstruction,
  type PerkAccount,
  type PerkTermsInput,
} from "@nft-staking/sdk";
import type { PoolFixture } from "@nft-staking/dev-kit";
import { assertOk } from "./assertions";
import { extendSuite, poolSuite, type SuiteOptions } from "./suite";

/** A perk's URI as a string. */
export function perkUri(perk: PerkAccount): string {
  return Buffer.from(perk.uri.slice(0, perk.uriLen)).toString("utf8");
}

/** Options of {@link perkSuite}. */
export interface PerkSuiteOptions extends SuiteOptions {
  /**
   * The suite's default perk terms, given the time the test starts at (`now`). They override an
   * allow-list spot costing 100 points, for holders of 1 NFT, unlimited, open for a day from now.
   */
  terms?: (now: bigint) => Partial<PerkTermsInput>;
  /** Create perk 1 of the pool (`perk`) with the default terms before each test. */
  withPerk?: boolean;
}

/**
 * A {@link poolSuite} for the perk instructions: before each test it also notes the chain's time
 * (`now`) and, with `withPerk`, creates perk 1 (`perk`). Its helpers build terms, create perks,
 * decode them and redeem them.
 */
export function perkSuite(options: PerkSuiteOptions = {}) {
  const { terms: defaults = () => ({}), withPerk = false, ...suiteOptions } = options;
  const suite = poolSuite(suiteOptions);
  let now: bigint;
  let perk: PublicKey;

  /** The suite's default terms with these overrides. */
  const terms = (overrides: Partial<PerkTermsInput> = {}): PerkTermsInput => ({
    name: "Allow-list spot",
    uri: "https://example.org/perk.json",
    costPoints: 100n,
    minStaked: 1,
    supplyCap: 0,
    startTs: now,
    endTs: now + 86_400n,
    ...defaults(now),
    ...overrides,
  });

  /** Creates perk `perkId` (1 unless given) of `pool` (the fixture's unless given). */
  async function createPerk(
    overrides: Partial<PerkTermsInput> = {},
    perkId = 1n,
    pool: PoolFixture = suite.fixture,
  ): Promise<PublicKey> {
    const ix = await createPerkInstruction({
      pool: pool.pool,
      authority: pool.authority.publicKey,
      perkId,
      terms: terms(overrides),
    });
    assertOk(suite.chain.send([ix], [pool.authority]));
    return findPerkAddress(pool.pool, perkId)[0];
  }

  beforeEach(async () => {
    now = suite.chain.now();
    if (withPerk) perk = await createPerk();
  });

  /** The decoded perk at `address` (perk 1 unless given; it must exist). */
  function perkState(address: PublicKey = perk): PerkAccount {
    const account = suite.chain.svm.getAccount(address);
    assert.ok(account, "perk missing");
    return decodePerk(account.data);
  }

  /** `redeem_perk` of `perk` in the fixture's pool by `owner`. */
  const redeemIx = (perk: PublicKey, owner: PublicKey) =>
    redeemPerkInstruction({ pool: suite.fixture.pool, perk, owner });

  return extendSuite(suite, {
    /** The chain's time when the test started. */
    get now(): bigint {
      return now;
    },
    /** Perk 1, created before each test (with `withPerk`). */
    get perk(): PublicKey {
      return perk;
    },
    terms,
    createPerk,
    perkState,
    redeemIx,
  });
}
