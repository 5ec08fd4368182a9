/**
 * A reference model of the nft_staking program for randomized model tests: plain TypeScript
 * with bigint, the SDK's reward math (`accrue`, `earned`, `surplus`, `liability`) and its tier
 * proof verification. Each operation checks exactly what the program checks, in the same
 * order, and throws a {@link ModelRejection} with the program error's name *before changing
 * anything* when the program would fail; otherwise it applies the operation the way the
 * handlers in `programs/nft_staking/src/instructions` do.
 *
 * The model is split in tests/utils/model/: types.ts (constants, errors, state shapes),
 * state.ts (state, accrual and checkpoints, views), holder.ts (holders' instructions) and
 * staking-model.ts (the authority's, and the class to use).
 */
export {
  BPS,
  DEFAULT_TIER,
  ModelRejection,
  NO_LOCK,
  type ClaimResult,
  type HolderStreamModel,
  type PerkModel,
  type PoolConfig,
  type RecordModel,
  type StakeInput,
  type StakerModel,
  type VaultModel,
} from "./model/types";
export { StakingModel } from "./model/staking-model";
