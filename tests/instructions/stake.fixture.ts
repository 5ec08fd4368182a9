import { strict as assert } from "assert";
import { ACCOUNT_SIZE, AccountLayout, AccountState, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import {
  Transaction,
  type Keypair,
  type PublicKey,
  type TransactionInstruction,
} from "@solana/web3.js";
import {
  STAKER_HEADER_SIZE,
  STAKE_RECORD_SIZE,
  findEscrowAddress,
  parseEvents,
} from "@nft-staking/sdk";
import {
  createNft,
  type NftOptions,
  type TestNft,
  tokenBalance,
  type TxResult,
  writeTokenAccount as writeAnyTokenAccount,
} from "@nft-staking/dev-kit";
import { extendSuite, poolSuite } from "../utils/suite";

/** Lock option value recorded for an NFT staked without a lock. */
export const NO_LOCK = 255;
/** Fixed accounts of `stake` before the per-NFT groups, and accounts per NFT. */
export const FIXED_ACCOUNTS = 5;
export const ACCOUNTS_PER_NFT = 4;

/**
 * Shared setup of the `stake` tests (`stake.test.ts`: success paths, `stake.rejects.test.ts`:
 * failure paths): a {@link poolSuite} (a new chain and a pool whose default tier weight is 7
 * before each test) with the escrow, NFT, event and size helpers of these tests.
 */
export function stakeFixture() {
  const suite = poolSuite({ defaultTierWeight: 7 });
  const { rent } = suite;

  const escrowOf = (mint: PublicKey): PublicKey => findEscrowAddress(suite.fixture.pool, mint)[0];

  /** An NFT of the pool's collection (verified unless `options` say otherwise) for `owner`. */
  const poolNft = (owner: PublicKey, options: NftOptions = {}): TestNft =>
    createNft(suite.chain, owner, { collection: suite.fixture.collection.mint, ...options });

  /** The escrow of `mint` exists, is a rent-exempt SPL token account of the pool holding 1. */
  function assertEscrowHolds(mint: PublicKey, expectedLamports = rent(ACCOUNT_SIZE)): void {
    const address = escrowOf(mint);
    const account = suite.chain.svm.getAccount(address);
    assert.ok(account, `escrow of ${mint.toBase58()} missing`);
    assert.ok(account.owner.equals(TOKEN_PROGRAM_ID), "escrow owned by the token program");
    assert.equal(account.data.length, ACCOUNT_SIZE);
    assert.equal(BigInt(account.lamports), expectedLamports);
    const token = AccountLayout.decode(account.data);
    assert.ok(token.mint.equals(mint));
    assert.ok(token.owner.equals(suite.fixture.pool), "token owner is the pool");
    assert.equal(token.amount, 1n);
    assert.equal(token.state, AccountState.Initialized);
    assert.equal(tokenBalance(suite.chain, address), 1n);
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
    writeAnyTokenAccount(suite.chain, address, owner, mint, amount);
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
    tx.recentBlockhash = suite.chain.svm.latestBlockhash();
    tx.sign(payer);
    try {
      tx.serialize();
      return true;
    } catch (error) {
      if (error instanceof Error && error.message.includes("Transaction too large")) return false;
      throw error;
    }
  }

  return extendSuite(suite, {
    escrowOf,
    poolNft,
    assertEscrowHolds,
    stakedEvents,
    stakerSize,
    writeTokenAccount,
    metadataHeadLength,
    fitsLegacyTransaction,
  });
}
