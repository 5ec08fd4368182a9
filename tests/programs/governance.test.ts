// Conformance smoke test of the real SPL Governance program (3.1.2 dump): a community realm over
// a mint made with spl-token, a governance, a deposit, a proposal, its sign-off and a vote,
// driven by the official @solana/spl-governance client and decoded with its account parsers.
// Every account is created by the programs.
import { strict as assert } from "assert";
import {
  Keypair,
  PublicKey,
  SystemProgram,
  type AccountInfo,
  type TransactionInstruction,
} from "@solana/web3.js";
import {
  MINT_SIZE,
  TOKEN_PROGRAM_ID,
  createAssociatedTokenAccountInstruction,
  createInitializeMint2Instruction,
  createMintToInstruction,
  getAssociatedTokenAddressSync,
  unpackAccount,
} from "@solana/spl-token";
import { BN } from "@coral-xyz/anchor";
import {
  Governance,
  GovernanceAccountParser,
  GovernanceConfig,
  MintMaxVoteWeightSource,
  Proposal,
  ProposalState,
  Realm,
  TokenOwnerRecord,
  Vote,
  VoteRecord,
  VoteThreshold,
  VoteThresholdType,
  VoteTipping,
  VoteType,
  YesNoVote,
  withCastVote,
  withCreateGovernance,
  withCreateProposal,
  withCreateRealm,
  withDepositGoverningTokens,
  withSignOffProposal,
  getAccountTypes,
  type GovernanceAccountClass,
} from "@solana/spl-governance";
import { TestChain, type TxResult } from "@nft-staking/dev-kit";
import { recordComputeUnits } from "../utils/compute";
import { describeWithPrograms, loadPrograms, thirdPartyProgram } from "../utils/programs";
import { unitsOf } from "./umi";

const GOVERNANCE = new PublicKey(thirdPartyProgram("spl_governance").programId);
/**
 * The dump is spl-governance 3.1.2. `getGovernanceProgramVersion` would find that out through an
 * RPC (by simulating a transaction); here it is passed to every builder explicitly.
 */
const PROGRAM_VERSION = 3;
const DEPOSIT = 100;

describeWithPrograms(
  "SPL Governance (real program): realm, proposal and vote",
  ["spl_governance"],
  () => {
    let chain: TestChain;
    let owner: Keypair;
    let communityMint: PublicKey;
    let ownerTokens: PublicKey;
    let realm: PublicKey;
    let tokenOwnerRecord: PublicKey;
    let governance: PublicKey;
    let proposal: PublicKey;

    before(() => {
      chain = new TestChain();
      loadPrograms(chain.svm, ["spl_governance"]);
      owner = chain.fundedKeypair();
    });

    /** Asserts success and records the Governance instruction's compute units. */
    function run(label: string, result: TxResult): void {
      assert.ok(result.ok, `${label} failed: ${result.error}\n${result.logs.join("\n")}`);
      recordComputeUnits(`governance ${label}`, unitsOf(result.logs, GOVERNANCE.toBase58()));
    }

    /**
     * Decodes a governance account with the client's own parser (what `getGovernanceAccount` uses)
     * and checks its account-type byte is one of that class's.
     */
    function decode<C extends GovernanceAccountClass>(
      address: PublicKey,
      accountClass: C,
    ): InstanceType<C> {
      const account = chain.svm.getAccount(address);
      assert.ok(account, `no account at ${address.toBase58()}`);
      assert.ok(account.owner.equals(GOVERNANCE), "owned by the governance program");
      const info: AccountInfo<Buffer> = { ...account, data: Buffer.from(account.data) };
      const decoded = GovernanceAccountParser(accountClass)(address, info)
        .account as InstanceType<C>;
      assert.ok(
        getAccountTypes(accountClass).includes(decoded.accountType),
        `not a ${accountClass.name}`,
      );
      return decoded;
    }

    it("a community mint created with spl-token instructions holds the owner's tokens", () => {
      const mint = Keypair.generate();
      communityMint = mint.publicKey;
      ownerTokens = getAssociatedTokenAddressSync(communityMint, owner.publicKey);
      const lamports = Number(chain.svm.minimumBalanceForRentExemption(BigInt(MINT_SIZE)));
      const ixs: TransactionInstruction[] = [
        SystemProgram.createAccount({
          fromPubkey: owner.publicKey,
          newAccountPubkey: communityMint,
          lamports,
          space: MINT_SIZE,
          programId: TOKEN_PROGRAM_ID,
        }),
        createInitializeMint2Instruction(communityMint, 0, owner.publicKey, null),
        createAssociatedTokenAccountInstruction(
          owner.publicKey,
          ownerTokens,
          owner.publicKey,
          communityMint,
        ),
        createMintToInstruction(communityMint, ownerTokens, owner.publicKey, DEPOSIT),
      ];
      const result = chain.send(ixs, [owner, mint]);
      assert.ok(result.ok, result.error);
      const account = chain.svm.getAccount(ownerTokens);
      assert.ok(account);
      assert.equal(
        unpackAccount(ownerTokens, { ...account, data: Buffer.from(account.data) }).amount,
        100n,
      );
    });

    it("createRealm makes a realm over the community mint, with the owner as its authority", async () => {
      const ixs: TransactionInstruction[] = [];
      realm = await withCreateRealm(
        ixs,
        GOVERNANCE,
        PROGRAM_VERSION,
        "Staking DAO",
        owner.publicKey,
        communityMint,
        owner.publicKey,
        undefined,
        MintMaxVoteWeightSource.FULL_SUPPLY_FRACTION,
        new BN(1),
      );
      run("createRealm", chain.send(ixs, [owner]));
      const decoded = decode(realm, Realm);
      assert.equal(decoded.name, "Staking DAO");
      assert.ok(decoded.communityMint.equals(communityMint));
      assert.ok(decoded.authority?.equals(owner.publicKey));
    });

    it("depositGoverningTokens moves the tokens into the realm and records them on a token owner record", async () => {
      const ixs: TransactionInstruction[] = [];
      tokenOwnerRecord = await withDepositGoverningTokens(
        ixs,
        GOVERNANCE,
        PROGRAM_VERSION,
        realm,
        ownerTokens,
        communityMint,
        owner.publicKey,
        owner.publicKey,
        owner.publicKey,
        new BN(DEPOSIT),
      );
      run("depositGoverningTokens", chain.send(ixs, [owner]));
      const record = decode(tokenOwnerRecord, TokenOwnerRecord);
      assert.ok(record.realm.equals(realm));
      assert.ok(record.governingTokenOwner.equals(owner.publicKey));
      assert.equal(record.governingTokenDepositAmount.toNumber(), DEPOSIT);
    });

    it("createGovernance makes a governance of the realm with the given vote threshold", async () => {
      const ixs: TransactionInstruction[] = [];
      governance = await withCreateGovernance(
        ixs,
        GOVERNANCE,
        PROGRAM_VERSION,
        realm,
        Keypair.generate().publicKey, // governed account: only a seed since v3
        governanceConfig(),
        tokenOwnerRecord,
        owner.publicKey,
        owner.publicKey,
      );
      run("createGovernance", chain.send(ixs, [owner]));
      const decoded = decode(governance, Governance);
      assert.ok(decoded.realm.equals(realm));
      assert.equal(decoded.config.communityVoteThreshold.value, 60);
      assert.equal(decoded.config.baseVotingTime, 3600);
    });

    it("createProposal makes a Draft proposal; signOffProposal by its owner opens the vote (Voting)", async () => {
      const create: TransactionInstruction[] = [];
      proposal = await withCreateProposal(
        create,
        GOVERNANCE,
        PROGRAM_VERSION,
        realm,
        governance,
        tokenOwnerRecord,
        "Raise the reward rate",
        "https://example.invalid/proposal",
        communityMint,
        owner.publicKey,
        0,
        VoteType.SINGLE_CHOICE,
        ["Approve"],
        true,
        owner.publicKey,
      );
      run("createProposal", chain.send(create, [owner]));
      assert.equal(decode(proposal, Proposal).state, ProposalState.Draft);

      const signOff: TransactionInstruction[] = [];
      // no signatories were added, so the proposal owner signs off with its token owner record
      withSignOffProposal(
        signOff,
        GOVERNANCE,
        PROGRAM_VERSION,
        realm,
        governance,
        proposal,
        owner.publicKey,
        undefined,
        tokenOwnerRecord,
      );
      run("signOffProposal", chain.send(signOff, [owner]));
      const decoded = decode(proposal, Proposal);
      assert.equal(decoded.state, ProposalState.Voting);
      assert.equal(decoded.name, "Raise the reward rate");
    });

    it("castVote Yes with the whole supply writes a vote record and tips the proposal to Succeeded", async () => {
      const ixs: TransactionInstruction[] = [];
      const voteRecord = await withCastVote(
        ixs,
        GOVERNANCE,
        PROGRAM_VERSION,
        realm,
        governance,
        proposal,
        tokenOwnerRecord,
        tokenOwnerRecord,
        owner.publicKey,
        communityMint,
        Vote.fromYesNoVote(YesNoVote.Yes),
        owner.publicKey,
      );
      run("castVote", chain.send(ixs, [owner]));

      const vote = decode(voteRecord, VoteRecord);
      assert.ok(vote.proposal.equals(proposal));
      assert.ok(vote.governingTokenOwner.equals(owner.publicKey));
      assert.equal(vote.isRelinquished, false);
      assert.equal(vote.voterWeight?.toNumber(), DEPOSIT);
      assert.equal(vote.vote?.toYesNoVote(), YesNoVote.Yes);

      const decoded = decode(proposal, Proposal);
      assert.equal(decoded.options[0]?.voteWeight.toNumber(), DEPOSIT);
      assert.equal(decoded.denyVoteWeight?.toNumber(), 0);
      // Strict tipping: 100% yes of the full supply decides before the voting time ends
      assert.equal(decoded.state, ProposalState.Succeeded);
    });
  },
);

/** 60% yes of the community to pass, strict tipping, no council, an hour of voting. */
function governanceConfig(): GovernanceConfig {
  const disabled = new VoteThreshold({ type: VoteThresholdType.Disabled });
  return new GovernanceConfig({
    communityVoteThreshold: new VoteThreshold({
      type: VoteThresholdType.YesVotePercentage,
      value: 60,
    }),
    minCommunityTokensToCreateProposal: new BN(1),
    minInstructionHoldUpTime: 0,
    baseVotingTime: 3600,
    communityVoteTipping: VoteTipping.Strict,
    minCouncilTokensToCreateProposal: new BN(1),
    councilVoteThreshold: disabled,
    councilVetoVoteThreshold: disabled,
    communityVetoVoteThreshold: disabled,
    councilVoteTipping: VoteTipping.Disabled,
    votingCoolOffTime: 0,
    depositExemptProposalCount: 10,
  });
}
