/**
 * A small world written by the real program (LiteSVM): three pools (one handed to another
 * authority, one with a pending proposal), holders staked in several pools, perks created out
 * of id order and a redemption receipt. The layout and query tests read these accounts.
 */
import type { Keypair, PublicKey, TransactionInstruction } from "@solana/web3.js";
import {
  acceptAuthorityInstruction,
  createPerkInstruction,
  findPerkAddress,
  findReceiptAddress,
  findStakerAddress,
  proposeAuthorityInstruction,
  redeemPerkInstruction,
  stakeInstruction,
} from "@nft-staking/sdk";
import {
  createCollectionNfts,
  createPool,
  type PoolFixture,
  TestChain,
} from "@nft-staking/dev-kit";
import { assertOk } from "../utils/assertions";

export interface World {
  chain: TestChain;
  /** Created by its own authority, then handed to `second` (authority ≠ seed authority). */
  handed: PoolFixture;
  /** Created and run by `second`. */
  own: PoolFixture;
  /** Run by its creator, with `second` proposed as the next authority. */
  proposed: PoolFixture;
  /** The authority of `handed` and `own`, pending authority of `proposed`, staked in `handed`. */
  second: Keypair;
  /** Staked in `handed` (2 NFTs) and `own` (1 NFT); redeemed perk 1 of `handed`. */
  holder: Keypair;
  /** Perks of `handed` by id (created in the order 3, 1, 2), and perk 1 of `own`. */
  handedPerks: Map<bigint, PublicKey>;
  ownPerk: PublicKey;
  receipt: PublicKey;
  stakers: { address: PublicKey; pool: PublicKey; owner: PublicKey }[];
  /** Every account the program wrote, for copying to another chain. */
  programAccounts: PublicKey[];
}

export async function buildWorld(): Promise<World> {
  const chain = new TestChain();
  chain.warp(1_700_000_000);
  const handed = await createPool(chain);
  const own = await createPool(chain);
  const proposed = await createPool(chain);
  const second = own.authority;
  const send = async (ix: Promise<TransactionInstruction>, signer: Keypair) =>
    assertOk(chain.send([await ix], [signer]));

  await send(
    proposeAuthorityInstruction({
      pool: handed.pool,
      authority: handed.authority.publicKey,
      newAuthority: second.publicKey,
    }),
    handed.authority,
  );
  await send(
    acceptAuthorityInstruction({ pool: handed.pool, newAuthority: second.publicKey }),
    second,
  );
  await send(
    proposeAuthorityInstruction({
      pool: proposed.pool,
      authority: proposed.authority.publicKey,
      newAuthority: second.publicKey,
    }),
    proposed.authority,
  );

  const holder = chain.fundedKeypair();
  const stakers: World["stakers"] = [];
  const stake = async (fixture: PoolFixture, owner: Keypair, count: number) => {
    const nfts = createCollectionNfts(chain, owner.publicKey, fixture.collection.mint, count);
    await send(
      stakeInstruction({
        pool: fixture.pool,
        owner: owner.publicKey,
        nfts: nfts.map(({ mint }) => ({ mint })),
      }),
      owner,
    );
    const [address] = findStakerAddress(fixture.pool, owner.publicKey);
    stakers.push({ address, pool: fixture.pool, owner: owner.publicKey });
  };
  await stake(handed, holder, 2);
  await stake(own, holder, 1);
  // a Staker whose owner sits at offset 8, where a Pool keeps its authority
  await stake(handed, second, 1);

  const now = chain.now();
  const createPerk = async (pool: PublicKey, perkId: bigint) => {
    await send(
      createPerkInstruction({
        pool,
        authority: second.publicKey,
        perkId,
        terms: { name: `Perk ${perkId}`, costPoints: 1n, startTs: now, endTs: now + 86_400n },
      }),
      second,
    );
    return findPerkAddress(pool, perkId)[0];
  };
  const handedPerks = new Map<bigint, PublicKey>();
  for (const id of [3n, 1n, 2n]) handedPerks.set(id, await createPerk(handed.pool, id));
  const ownPerk = await createPerk(own.pool, 1n);

  chain.warp(60);
  const perk = handedPerks.get(1n)!;
  await send(redeemPerkInstruction({ pool: handed.pool, perk, owner: holder.publicKey }), holder);
  const [receipt] = findReceiptAddress(perk, holder.publicKey);

  return {
    chain,
    handed,
    own,
    proposed,
    second,
    holder,
    handedPerks,
    ownPerk,
    receipt,
    stakers,
    programAccounts: [
      handed.pool,
      own.pool,
      proposed.pool,
      ...stakers.map((staker) => staker.address),
      ...handedPerks.values(),
      ownPerk,
      receipt,
    ],
  };
}

/** The raw data of an account of the world. */
export function dataOf(world: World, address: PublicKey): Buffer {
  const account = world.chain.svm.getAccount(address);
  if (!account) throw new Error(`no account ${address.toBase58()}`);
  return Buffer.from(account.data);
}
