import { describe, expect, it } from "vitest";
import { SendTransactionError } from "@solana/web3.js";
import { WalletSendTransactionError } from "@solana/wallet-adapter-base";
import { StakingErrorCode } from "@nft-staking/sdk";
import { TransactionFailedError, customErrorCode, describeError } from "./txErrors";

const PAUSED = "The pool is paused: staking and claiming are stopped (unstaking still works)";

function simulationFailure(code: number) {
  return new SendTransactionError({
    action: "simulate",
    signature: "",
    transactionMessage: `Transaction simulation failed: Error processing Instruction 1: custom program error: 0x${code.toString(16)}`,
    logs: [`Program 6nqo… failed: custom program error: 0x${code.toString(16)}`],
  });
}

describe("describeError", () => {
  it("shows the program's message for a failed simulation", () => {
    expect(describeError(simulationFailure(StakingErrorCode.PoolPaused))).toBe(PAUSED);
  });

  it("unwraps wallet adapter errors", () => {
    const wrapped = new WalletSendTransactionError(
      "wrapped",
      simulationFailure(StakingErrorCode.StakeLocked),
    );
    expect(describeError(wrapped)).toBe("This NFT is still locked");
  });

  it("reads the custom code of a confirmed failure", () => {
    const status = { InstructionError: [1, { Custom: StakingErrorCode.NotEnoughPoints }] };
    expect(customErrorCode(status)).toBe(StakingErrorCode.NotEnoughPoints);
    expect(describeError(new TransactionFailedError("sig", status))).toBe(
      "Not enough points to redeem this perk",
    );
    expect(
      describeError(new TransactionFailedError("sig", { InstructionError: [0, { Custom: 1 }] })),
    ).toBe("The transaction failed with custom error 1");
  });

  it("says a transaction ran out of compute units, not only 'Program failed to complete'", () => {
    const program = "6nqoCLuH2b7DFed3tHHCCKw1dB8jS9j2xduhszMYdfg2";
    const outOfCompute = new SendTransactionError({
      action: "simulate",
      signature: "",
      transactionMessage:
        "Transaction simulation failed: Error processing Instruction 1: Program failed to complete",
      logs: [
        `Program ${program} invoke [1]`,
        `Program ${program} consumed 22850 of 22850 compute units`,
        `Program ${program} failed: exceeded CUs meter at BPF instruction #7291`,
      ],
    });
    const message = describeError(new WalletSendTransactionError("wrapped", outOfCompute));
    expect(message).toMatch(/^ran out of compute units: program 6nqo\w+ used all 22850 compute/);
    expect(message).toContain("nothing changed");
  });

  it("falls back to the useful line of other errors", () => {
    const insufficient = new SendTransactionError({
      action: "simulate",
      signature: "",
      transactionMessage:
        "Transaction simulation failed: Attempt to debit an account but found no record of a prior credit.",
      logs: [],
    });
    expect(describeError(insufficient)).toBe(
      "Attempt to debit an account but found no record of a prior credit.",
    );
    expect(describeError(new Error("User rejected the request.\nmore"))).toBe(
      "User rejected the request.",
    );
    expect(describeError(undefined)).toBe("Something went wrong");
  });
});
