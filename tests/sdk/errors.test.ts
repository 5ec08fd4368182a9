import { strict as assert } from "assert";
import { AnchorError } from "@coral-xyz/anchor";
import { Keypair } from "@solana/web3.js";
import {
  StakingError,
  StakingErrorCode,
  initializePoolInstruction,
  parseStakingError,
  stakingErrorFromCode,
} from "@nft-staking/sdk";
import { TestChain } from "../utils/chain";

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
});
