import { strict as assert } from "assert";
import { ACCOUNT_SIZE, AccountLayout, AccountState, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { Keypair, PublicKey, Transaction, type TransactionInstruction } from "@solana/web3.js";
import {
  STAKER_HEADER_SIZE,
  STAKE_RECORD_SIZE,
  findEscrowAddress,
  findStakerAddress,
  parseEvents,
  stakeInstruction,
  type StakeNftInput,
} from "@nft-staking/sdk";
import {
  createNft,
  createPool,
  type NftOptions,
  type PoolFixture,
  TestChain,
  type TestNft,
  tokenBalance,
  type TxResult,
  writeTokenAccount as writeAnyTokenAccount,
} from "@nft-staking/dev-kit";
import { rejecterFor } from "../utils/assertions";

/** Lock option value recorded for an NFT staked without a lock. */
export const NO_LOCK = 255;
/** Fee of a one-signature transaction in LiteSVM. */
export const FEE = 5000n;
/** Fixed accounts of `stake` before the per-NFT groups, and accounts per NFT. */
export const FIXED_ACCOUNTS = 5;
export const ACCOUNTS_PER_NFT = 4;

/**
 * Shared setup of the `stake` tests (`stake.test.ts`: success paths, `stake.rejects.test.ts`:
 * failure paths). Call it inside `describe`: it registers a `beforeEach` that builds a new chain
 * and a pool whose default tier weight is 7, and returns that state as getters (read them in a
 * test or hook, not while `describe` runs) and the helpers over it.
 */
export function stakeFixture() {
  let chain: TestChain;
  let fixture: PoolFixture;

  beforeEach(async () => {
    chain = new TestChain();
    fixture = await createPool(chain, { defaultTierWeight: 7 });
  });

  const rent = (bytes: number): bigint => chain.svm.minimumBalanceForRentExemption(BigInt(bytes));
  const lamports = (address: PublicKey): bigint => chain.account(address)?.lamports ?? 0n;
  const escrowOf = (mint: PublicKey): PublicKey => findEscrowAddress(fixture.pool, mint)[0];
  const stakerOf = (owner: PublicKey): PublicKey => findStakerAddress(fixture.pool, owner)[0];

  /** An NFT of the pool's collection (verified unless `options` say otherwise) for `owner`. */
  const poolNft = (owner: PublicKey, options: NftOptions = {}): TestNft =>
    createNft(chain, owner, { collection: fixture.collection.mint, ...options });

  /** `stake` for `owner` and these NFTs in the fixture's pool. */
  const stakeIx = (
    owner: PublicKey,
    nfts: StakeNftInput[],
    lockOption?: number,
  ): Promise<TransactionInstruction> =>
    stakeInstruction({ pool: fixture.pool, owner, nfts, lockOption });

  /** Expects `error` and that nothing changed (see `assertRejected`). */
  const expectRejected = rejecterFor(() => chain);

  /** The escrow of `mint` exists, is a rent-exempt SPL token account of the pool holding 1. */
  function assertEscrowHolds(mint: PublicKey, expectedLamports = rent(ACCOUNT_SIZE)): void {
    const address = escrowOf(mint);
    const account = chain.svm.getAccount(address);
    assert.ok(account, `escrow of ${mint.toBase58()} missing`);
    assert.ok(account.owner.equals(TOKEN_PROGRAM_ID), "escrow owned by the token program");
    assert.equal(account.data.length, ACCOUNT_SIZE);
    assert.equal(BigInt(account.lamports), expectedLamports);
    const token = AccountLayout.decode(account.data);
    assert.ok(token.mint.equals(mint));
    assert.ok(token.owner.equals(fixture.pool), "token owner is the pool");
    assert.equal(token.amount, 1n);
    assert.equal(token.state, AccountState.Initialized);
    assert.equal(tokenBalance(chain, address), 1n);
  }

  /** The `nftStaked` events of a result, in order. */
  function stakedEvents(result: TxResult) {
    return parseEvents(result.logs).flatMap((event) =>
      event.name === "nftStaked" ? [event.data] : [],
    );
  }

  /** Account data length of a staker with `records` records. */
  const stakerSize = (records: number): number => STAKER_HEADER_SIZE + STAKE_RECORD_SIZE * records;

  /** Writes an initialized SPL token account at `address` (not an ATA). */
  function writeTokenAccount(
    address: PublicKey,
    owner: PublicKey,
    mint: PublicKey,
    amount: bigint,
  ): void {
    writeAnyTokenAccount(chain, address, owner, mint, amount);
  }

  /** Length of `key` … `edition_nonce` of a MetadataV1 account (Borsh, read from the front). */
  function metadataHeadLength(data: Uint8Array): number {
    const bytes = Buffer.from(data);
    let offset = 1 + 32 + 32; // key, update_authority, mint
    for (let i = 0; i < 3; i++) offset += 4 + bytes.readUInt32LE(offset); // name, symbol, uri
    offset += 2; // seller_fee_basis_points
    if (bytes[offset++] === 1) offset += 4 + 34 * bytes.readUInt32LE(offset); // creators
    offset += 2; // primary_sale_happened, is_mutable
    if (bytes[offset++] === 1) offset += 1; // edition_nonce
    return offset;
  }

  /** Whether a legacy transaction with `ix`, signed by `payer`, serializes. */
  function fitsLegacyTransaction(ix: TransactionInstruction, payer: Keypair): boolean {
    const tx = new Transaction().add(ix);
    tx.feePayer = payer.publicKey;
    tx.recentBlockhash = chain.svm.latestBlockhash();
    tx.sign(payer);
    try {
      tx.serialize();
      return true;
    } catch (error) {
      if (error instanceof Error && error.message.includes("Transaction too large")) return false;
      throw error;
    }
  }

  return {
    get chain(): TestChain {
      return chain;
    },
    get fixture(): PoolFixture {
      return fixture;
    },
    rent,
    lamports,
    escrowOf,
    stakerOf,
    poolNft,
    stakeIx,
    expectRejected,
    assertEscrowHolds,
    stakedEvents,
    stakerSize,
    writeTokenAccount,
    metadataHeadLength,
    fitsLegacyTransaction,
  };
}
