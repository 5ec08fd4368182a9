import { strict as assert } from "assert";
import {
  AccountLayout,
  AccountState,
  MINT_SIZE,
  MintLayout,
  TOKEN_PROGRAM_ID,
  createFreezeAccountInstruction,
  createThawAccountInstruction,
} from "@solana/spl-token";
import { Keypair, PublicKey } from "@solana/web3.js";
import {
  StreamMode,
  findRewardVaultAddress,
  pendingReward,
  type PoolAccount,
  type StakerAccount,
  type StreamState,
} from "@nft-staking/sdk";
import {
  addStream,
  assertOk,
  setRentExempt,
  setTokenBalance,
  type PoolFixture,
  type StreamOptions,
  type TestChain,
} from "@nft-staking/dev-kit";
import { extendSuite, poolSuite } from "../utils/suite";

/** A u64/u128 field decoded as a `BN` (or any number-like) as a bigint. */
export const big = (value: { toString(): string }): bigint => BigInt(value.toString());

/** A decoded pool stream in the SDK math's shape. */
export function streamState(stream: PoolAccount["streams"][number]): StreamState {
  return {
    mode: stream.mode as StreamMode,
    rate: big(stream.rate),
    startTs: big(stream.startTs),
    endTs: big(stream.endTs),
    lastUpdateTs: big(stream.lastUpdateTs),
    accPerWeight: big(stream.accPerWeight),
    unsettledScaled: big(stream.unsettledScaled),
    owedTotal: big(stream.owedTotal),
    vaultBalance: big(stream.vaultBalance),
  };
}

/** What the SDK says `staker` can claim on stream `index` of `pool` at `now`. */
export function projectedClaim(
  pool: PoolAccount,
  staker: StakerAccount,
  index: number,
  now: bigint,
): bigint {
  const stream = pool.streams[index];
  const mine = staker.streams[index];
  assert.ok(stream && mine);
  return pendingReward(streamState(stream), big(pool.totalWeight), now, {
    weight: big(staker.totalWeight),
    checkpoint: big(mine.checkpointAcc),
    owed: big(mine.owed),
  });
}

/**
 * A reward stream (added and funded as {@link addStream} does) whose mint has a freeze
 * authority, `freezer`: `freeze()` and `thaw()` freeze and thaw its vault with the real SPL
 * Token instructions, as the mint's freeze authority can at any time (review finding L-1).
 */
export async function freezableStream(fixture: PoolFixture, options: StreamOptions = {}) {
  const { chain } = fixture;
  const freezer = chain.fundedKeypair();
  const mint = Keypair.generate().publicKey;
  const data = new Uint8Array(MINT_SIZE);
  MintLayout.encode(
    {
      mintAuthorityOption: 0,
      mintAuthority: PublicKey.default,
      supply: 10n ** 18n,
      decimals: 6,
      isInitialized: true,
      freezeAuthorityOption: 1,
      freezeAuthority: freezer.publicKey,
    },
    data,
  );
  setRentExempt(chain, mint, data, TOKEN_PROGRAM_ID);
  const { index } = await addStream(fixture, { ...options, mint });
  const [vault] = findRewardVaultAddress(fixture.pool, index);
  const freeze = () =>
    assertOk(
      chain.send([createFreezeAccountInstruction(vault, mint, freezer.publicKey)], [freezer]),
      "freeze",
    );
  const thaw = () =>
    assertOk(
      chain.send([createThawAccountInstruction(vault, mint, freezer.publicKey)], [freezer]),
      "thaw",
    );
  return { index, mint, vault, freeze, thaw };
}

/** Whether the token account at `address` is frozen. */
export function isFrozen(chain: TestChain, address: PublicKey): boolean {
  const account = chain.svm.getAccount(address);
  assert.ok(account, "token account missing");
  return AccountLayout.decode(account.data).state === AccountState.Frozen;
}

/**
 * Shared setup of the `claim` tests (`claim.test.ts`: success paths, `claim.rejects.test.ts`:
 * failure paths): a {@link poolSuite} (a new chain and pool before each test) whose
 * `stakedHolder` also gives the holder an empty ATA of each reward mint.
 */
export function claimFixture() {
  const suite = poolSuite();
  const stakedWithoutAtas = suite.stakedHolder;

  /** A holder who staked `count` default-tier NFTs, with an empty ATA for each reward mint. */
  async function stakedHolder(count: number, rewardMints: PublicKey[]) {
    const { holder, nfts } = await stakedWithoutAtas(count);
    const destinations = rewardMints.map((mint) =>
      setTokenBalance(suite.chain, holder.publicKey, mint, 0n),
    );
    return { holder, nfts, destinations };
  }

  return extendSuite(suite, { stakedHolder });
}
