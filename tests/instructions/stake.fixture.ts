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
  STAKE_ACCOUNTS_PER_NFT,
  STAKE_FIXED_ACCOUNTS,
  STAKE_RECORD_SIZE,
  findEscrowAddress,
  parseEvents,
  stakeInstruction,
  type LockTerms,
  type StakeNftInput,
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
/** Fixed accounts of `stake` before the per-NFT groups, and accounts per NFT (the SDK's). */
export { STAKE_ACCOUNTS_PER_NFT as ACCOUNTS_PER_NFT, STAKE_FIXED_ACCOUNTS as FIXED_ACCOUNTS };
/** Position of each account within an NFT's group: mint, metadata, edition, token, escrow. */
export const NFT_ACCOUNT = {
  mint: 0,
  metadata: 1,
  edition: 2,
  tokenAccount: 3,
  escrow: 4,
} as const;
/** Effective weight of a weight-1 NFT with no lock (weights are in 1/10,000 units). */
export const BPS = 10_000;

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

  /**
   * `stake` of `nfts` by `owner` with exactly these lock terms (as a holder who read the pool
   * earlier would send them), unlike `stakeIx`, which reads the pool's current terms.
   */
  const stakeWithTermsIx = (
    owner: PublicKey,
    nfts: StakeNftInput[],
    lock: LockTerms | undefined,
  ): Promise<TransactionInstruction> =>
    stakeInstruction({ pool: suite.fixture.pool, owner, nfts, lock });

  /** The account meta of `nft`'s `account` in `ix` (NFT `nft` of the batch, from 0). */
  function nftAccountMeta(
    ix: TransactionInstruction,
    nft: number,
    account: keyof typeof NFT_ACCOUNT,
  ) {
    const meta =
      ix.keys[STAKE_FIXED_ACCOUNTS + nft * STAKE_ACCOUNTS_PER_NFT + NFT_ACCOUNT[account]];
    assert.ok(meta, `no ${account} account for NFT ${nft}`);
    return meta;
  }

  return extendSuite(suite, {
    escrowOf,
    stakeWithTermsIx,
    nftAccountMeta,
    poolNft,
    assertEscrowHolds,
    stakedEvents,
    stakerSize,
    writeTokenAccount,
    metadataHeadLength,
    fitsLegacyTransaction,
  });
}
