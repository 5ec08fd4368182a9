// Conformance smoke test of the real Token Metadata program (with Token Auth Rules, which it may
// invoke for programmable NFTs): the staking-delegate lifecycle our staking of pNFTs relies on,
// driven by the official mpl-token-metadata client. Every account is created by the programs.
import { strict as assert } from "assert";
import { Keypair } from "@solana/web3.js";
import { getAssociatedTokenAddressSync, unpackAccount } from "@solana/spl-token";
import {
  isSome,
  percentAmount,
  unwrapOption,
  type PublicKey,
  type Umi,
} from "@metaplex-foundation/umi";
import {
  TokenDelegateRole,
  TokenStandard,
  TokenState,
  createV1,
  delegateStakingV1,
  deserializeMetadata,
  deserializeTokenRecord,
  findMetadataPda,
  findTokenRecordPda,
  getMplTokenMetadataErrorFromCode,
  lockV1,
  mintV1,
  transferV1,
  unlockV1,
  type TokenRecord,
} from "@metaplex-foundation/mpl-token-metadata";
import { TestChain, type TxResult } from "@nft-staking/dev-kit";
import { recordComputeUnits } from "../utils/compute";
import { describeWithPrograms, loadPrograms, thirdPartyProgram } from "../utils/programs";
import { offlineUmi, rpcAccount, sendBuilder, signerOf, umiKey, unitsOf, web3Key } from "./umi";

const TOKEN_METADATA = thirdPartyProgram("mpl_token_metadata").programId;
const PNFT = TokenStandard.ProgrammableNonFungible;

describeWithPrograms(
  "Token Metadata (real program): pNFT staking delegate lock / unlock",
  ["mpl_token_metadata", "mpl_token_auth_rules"],
  () => {
    let chain: TestChain;
    let umi: Umi;
    let owner: Keypair;
    let delegate: Keypair;
    let receiver: Keypair;
    let mint: Keypair;
    let token: PublicKey;
    let tokenRecord: PublicKey;

    before(() => {
      chain = new TestChain();
      loadPrograms(chain.svm, ["mpl_token_metadata", "mpl_token_auth_rules"]);
      owner = chain.fundedKeypair();
      delegate = chain.fundedKeypair();
      receiver = chain.fundedKeypair();
      mint = Keypair.generate();
      umi = offlineUmi(owner);
      const mintKey = umiKey(mint.publicKey);
      token = umiKey(getAssociatedTokenAddressSync(mint.publicKey, owner.publicKey));
      [tokenRecord] = findTokenRecordPda(umi, { mint: mintKey, token });
    });

    /** Sends, asserts success and records the Token Metadata instruction's compute units. */
    function run(label: string, result: TxResult): void {
      assert.ok(result.ok, `${label} failed: ${result.error}\n${result.logs.join("\n")}`);
      recordComputeUnits(`token-metadata ${label}`, unitsOf(result.logs, TOKEN_METADATA));
    }

    const record = (): TokenRecord => deserializeTokenRecord(rpcAccount(chain, tokenRecord));
    const tokenAccount = () => {
      const account = chain.svm.getAccount(web3Key(token));
      assert.ok(account, "the owner's token account exists");
      return unpackAccount(web3Key(token), { ...account, data: Buffer.from(account.data) });
    };

    it("createV1 + mintV1 make a ProgrammableNonFungible (no rule set): token frozen, record Unlocked", () => {
      const mintKey = umiKey(mint.publicKey);
      run(
        "createV1 (pNFT)",
        sendBuilder(
          chain,
          createV1(umi, {
            mint: signerOf(umi, mint),
            name: "Staked pNFT",
            uri: "https://example.invalid/pnft.json",
            sellerFeeBasisPoints: percentAmount(5),
            tokenStandard: PNFT,
          }),
          [owner, mint],
        ),
      );
      run(
        "mintV1 (pNFT)",
        sendBuilder(
          chain,
          mintV1(umi, {
            mint: mintKey,
            tokenOwner: umiKey(owner.publicKey),
            amount: 1,
            tokenStandard: PNFT,
          }),
          [owner],
        ),
      );

      const [metadata] = findMetadataPda(umi, { mint: mintKey });
      const decoded = deserializeMetadata(rpcAccount(chain, metadata));
      assert.equal(unwrapOption(decoded.tokenStandard), PNFT);
      assert.equal(decoded.updateAuthority, umiKey(owner.publicKey));
      const account = tokenAccount();
      assert.equal(account.amount, 1n);
      assert.equal(account.isFrozen, true, "Token Metadata keeps a pNFT's token account frozen");
      assert.equal(record().state, TokenState.Unlocked);
      assert.equal(isSome(record().delegate), false);
    });

    it("delegateStakingV1 by the owner records the delegate with the Staking role on the token record", () => {
      run(
        "delegateStakingV1",
        sendBuilder(
          chain,
          delegateStakingV1(umi, {
            mint: umiKey(mint.publicKey),
            tokenOwner: umiKey(owner.publicKey),
            delegate: umiKey(delegate.publicKey),
            tokenStandard: PNFT,
          }),
          [owner],
        ),
      );
      const decoded = record();
      assert.equal(unwrapOption(decoded.delegate), umiKey(delegate.publicKey));
      assert.equal(unwrapOption(decoded.delegateRole), TokenDelegateRole.Staking);
      assert.equal(decoded.state, TokenState.Unlocked);
    });

    it("lockV1 signed by the staking delegate sets the token record to Locked; the token stays frozen", () => {
      const delegateSigner = signerOf(umi, delegate);
      run(
        "lockV1 (staking delegate)",
        sendBuilder(
          chain,
          lockV1(umi, {
            mint: umiKey(mint.publicKey),
            tokenOwner: umiKey(owner.publicKey),
            authority: delegateSigner,
            payer: delegateSigner,
            tokenStandard: PNFT,
          }),
          [delegate],
        ),
      );
      assert.equal(record().state, TokenState.Locked);
      assert.equal(tokenAccount().isFrozen, true);
    });

    it("transferV1 by the owner while locked fails with LockedToken and moves nothing", () => {
      const before = chain.snapshot([web3Key(token), web3Key(tokenRecord)]);
      const result = sendBuilder(chain, ownerTransfer(), [owner]);
      assert.equal(result.ok, false, "a locked pNFT must not move");
      assert.ok(result.customCode !== undefined, `expected a program error, got ${result.error}`);
      const error = getMplTokenMetadataErrorFromCode(
        result.customCode,
        umi.programs.get("mplTokenMetadata"),
      );
      assert.equal(error?.name, "LockedToken");
      assert.deepEqual(chain.snapshot([web3Key(token), web3Key(tokenRecord)]), before);
    });

    it("unlockV1 signed by the staking delegate sets it back to Unlocked; then the owner can transfer", () => {
      const delegateSigner = signerOf(umi, delegate);
      run(
        "unlockV1 (staking delegate)",
        sendBuilder(
          chain,
          unlockV1(umi, {
            mint: umiKey(mint.publicKey),
            tokenOwner: umiKey(owner.publicKey),
            authority: delegateSigner,
            payer: delegateSigner,
            tokenStandard: PNFT,
          }),
          [delegate],
        ),
      );
      assert.equal(record().state, TokenState.Unlocked);
      assert.equal(tokenAccount().isFrozen, true);

      // the same transfer that failed above now succeeds: the lock was the only obstacle
      run("transferV1 (pNFT)", sendBuilder(chain, ownerTransfer(), [owner]));
      assert.equal(tokenAccount().amount, 0n);
      const receiverToken = getAssociatedTokenAddressSync(mint.publicKey, receiver.publicKey);
      const received = chain.svm.getAccount(receiverToken);
      assert.ok(received, "the receiver's token account was created by the transfer");
      const account = unpackAccount(receiverToken, {
        ...received,
        data: Buffer.from(received.data),
      });
      assert.equal(account.amount, 1n);
      assert.equal(account.isFrozen, true);
    });

    function ownerTransfer() {
      return transferV1(umi, {
        mint: umiKey(mint.publicKey),
        authority: signerOf(umi, owner),
        tokenOwner: umiKey(owner.publicKey),
        destinationOwner: umiKey(receiver.publicKey),
        tokenStandard: PNFT,
      });
    }
  },
);
