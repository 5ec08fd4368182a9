import { strict as assert } from "assert";
import { AnchorError } from "@coral-xyz/anchor";
import { Keypair, SendTransactionError } from "@solana/web3.js";
import {
  StakingError,
  StakingErrorCode,
  customErrorCode,
  initializePoolInstruction,
  parseComputeBudgetExceeded,
  parseStakingError,
  stakingErrorFromCode,
} from "@nft-staking/sdk";
import { TestChain } from "@nft-staking/dev-kit";

describe("sdk errors", () => {
  it("maps codes, messages and custom-error strings to typed errors", () => {
    const error = stakingErrorFromCode(StakingErrorCode.StakeLocked);
    assert.ok(error instanceof StakingError);
    assert.equal(error.errorName, "StakeLocked");
    assert.equal(error.message, "This NFT is still locked");
    assert.equal(parseStakingError(6007)?.errorName, "PoolAlreadyInitialized");
    assert.equal(
      parseStakingError(new Error("failed: custom program error: 0x1770"))?.errorName,
      "InvalidInstruction",
    );
    assert.equal(parseStakingError({ code: 1 }), null, "not one of ours");
    assert.equal(parseStakingError("nope"), null);
  });

  it("reads the program's Anchor-format log of a real failure (also parsable by Anchor)", async () => {
    const chain = new TestChain();
    const authority = chain.fundedKeypair();
    const ix = await initializePoolInstruction({
      authority: authority.publicKey,
      poolId: 1n,
      collection: Keypair.generate().publicKey,
      defaultTierWeight: 0,
    });
    const result = chain.send([ix], [authority]);
    const parsed = parseStakingError({ logs: result.logs, message: result.error });
    assert.equal(parsed?.errorName, "InvalidTierWeight");
    const anchor = AnchorError.parse(result.logs);
    assert.equal(anchor?.error.errorCode.code, "InvalidTierWeight");
    assert.equal(anchor?.error.errorCode.number, StakingErrorCode.InvalidTierWeight);
    assert.equal(anchor?.error.errorMessage, "Tier weights must be greater than zero");
  });

  describe("every shape a send reports", () => {
    const paused = StakingErrorCode.PoolPaused;
    const hex = `0x${paused.toString(16)}`;
    const program = "6nqoCLuH2b7DFed3tHHCCKw1dB8jS9j2xduhszMYdfg2";
    const logs = [
      `Program ${program} invoke [1]`,
      `Program ${program} failed: custom program error: ${hex}`,
    ];
    const simulation = () =>
      new SendTransactionError({
        action: "simulate",
        signature: "",
        transactionMessage: `Transaction simulation failed: Error processing Instruction 1: custom program error: ${hex}`,
        logs,
      });
    /** What wallet adapters throw: their own error, the web3.js one in `.error`. */
    class WalletSendTransactionError extends Error {
      override name = "WalletSendTransactionError";
      constructor(
        message: string,
        readonly error: unknown,
      ) {
        super(message);
      }
    }

    it("reads a web3.js simulation failure (message and transactionLogs)", () => {
      const parsed = parseStakingError(simulation());
      assert.equal(parsed?.errorName, "PoolPaused");
      assert.deepEqual(parsed?.logs, logs);
      // the logs alone, as web3.js keeps them
      assert.equal(parseStakingError({ transactionLogs: logs })?.errorName, "PoolPaused");
      assert.deepEqual(parseStakingError({ transactionLogs: logs })?.logs, logs);
    });

    it("unwraps wallet adapter errors (error.error), however deep", () => {
      const wrapped = new WalletSendTransactionError("Unexpected error", simulation());
      assert.equal(parseStakingError(wrapped)?.errorName, "PoolPaused");
      const twice = new WalletSendTransactionError("outer", { error: { transactionLogs: logs } });
      assert.equal(parseStakingError(twice)?.errorName, "PoolPaused");
      assert.equal(
        parseStakingError(new Error("x", { cause: simulation() }))?.errorName,
        "PoolPaused",
      );
      assert.equal(parseStakingError(new WalletSendTransactionError("rejected", null)), null);
    });

    it("reads the status error of a confirmed failure, alone or carried", () => {
      const status = { InstructionError: [1, { Custom: StakingErrorCode.NotEnoughPoints }] };
      assert.equal(customErrorCode(status), StakingErrorCode.NotEnoughPoints);
      assert.equal(parseStakingError(status)?.errorName, "NotEnoughPoints");
      // an app's "landed and failed" error, and a confirmTransaction result
      const failed = Object.assign(new Error("Transaction sig failed"), {
        statusError: status,
        logs,
      });
      assert.equal(parseStakingError(failed)?.errorName, "NotEnoughPoints", "the status wins");
      assert.deepEqual(parseStakingError(failed)?.logs, logs);
      assert.equal(parseStakingError({ value: null, err: status })?.errorName, "NotEnoughPoints");
      assert.equal(
        parseStakingError(new WalletSendTransactionError("wrapped", { statusError: status }))
          ?.errorName,
        "NotEnoughPoints",
      );
    });

    it("ignores status errors that are not one of the program's", () => {
      assert.equal(customErrorCode({ InstructionError: [0, "InvalidAccountData"] }), null);
      assert.equal(customErrorCode("AccountInUse"), null);
      assert.equal(customErrorCode({ InstructionError: [0, { Custom: 1 }] }), 1);
      assert.equal(
        parseStakingError({ InstructionError: [0, { Custom: 1 }] }),
        null,
        "token program",
      );
      assert.equal(parseStakingError({ statusError: { InstructionError: [0, "Custom"] } }), null);
      // …but the logs may still name ours
      assert.equal(
        parseStakingError({ statusError: { InstructionError: [0, { Custom: 1 }] }, logs })
          ?.errorName,
        "PoolPaused",
      );
    });

    it("reads Anchor's parsed errors and a real failure's status", async () => {
      const chain = new TestChain();
      const authority = chain.fundedKeypair();
      const ix = await initializePoolInstruction({
        authority: authority.publicKey,
        poolId: 1n,
        collection: null,
        defaultTierWeight: 1,
      });
      const result = chain.send([ix], [authority]);
      assert.equal(result.ok, false);
      assert.equal(result.customCode, StakingErrorCode.MissingCollectionOrCreator);
      const anchor = AnchorError.parse(result.logs);
      assert.ok(anchor);
      assert.equal(parseStakingError(anchor)?.code, result.customCode);
      assert.equal(
        parseStakingError({ InstructionError: [0, { Custom: result.customCode }] })?.code,
        result.customCode,
      );
    });

    it("keeps out-of-compute failures apart", () => {
      const outOfCompute = new SendTransactionError({
        action: "simulate",
        signature: "",
        transactionMessage: "Transaction simulation failed: Program failed to complete",
        logs: [
          `Program ${program} consumed 1000 of 1000 compute units`,
          `Program ${program} failed: exceeded CUs meter at BPF instruction #7`,
        ],
      });
      const wrapped = new WalletSendTransactionError("wrapped", outOfCompute);
      assert.equal(parseStakingError(wrapped), null);
      assert.equal(parseComputeBudgetExceeded(wrapped)?.limit, 1000);
    });
  });
});
