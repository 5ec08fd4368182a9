import { SLOTS_PER_EPOCH } from "../clock";
import { ErrorCode, RpcError } from "../errors";
import {
  SOLANA_CORE_VERSION,
  configParam,
  integerParam,
  stringParam,
  withContext,
  type Handler,
} from "../params";

const LAMPORTS_PER_SIGNATURE = 5000;
/** Any fixed number: clients only display it. */
const FEATURE_SET = 3_294_202_862;

const slot: Handler = (params, chain) => {
  configParam(params, 0, chain);
  return chain.clock.slot;
};

const getEpochInfo: Handler = (params, chain) => {
  configParam(params, 0, chain);
  const { slot: absoluteSlot } = chain.clock;
  return {
    absoluteSlot,
    blockHeight: absoluteSlot,
    epoch: chain.clock.epoch,
    slotIndex: absoluteSlot % SLOTS_PER_EPOCH,
    slotsInEpoch: SLOTS_PER_EPOCH,
    transactionCount: chain.transactionCount,
  };
};

const getLatestBlockhash: Handler = (params, chain) => {
  configParam(params, 0, chain);
  return withContext(chain, {
    blockhash: chain.clock.latestBlockhash,
    lastValidBlockHeight: chain.clock.lastValidBlockHeight(),
  });
};

const isBlockhashValid: Handler = (params, chain) => {
  const blockhash = stringParam(params, 0, "blockhash");
  configParam(params, 1, chain);
  return withContext(chain, chain.clock.isBlockhashValid(blockhash));
};

const getRecentBlockhash: Handler = (params, chain) => {
  configParam(params, 0, chain);
  return withContext(chain, {
    blockhash: chain.clock.latestBlockhash,
    feeCalculator: { lamportsPerSignature: LAMPORTS_PER_SIGNATURE },
  });
};

const getFees: Handler = (params, chain) => {
  configParam(params, 0, chain);
  const lastValid = chain.clock.lastValidBlockHeight();
  return withContext(chain, {
    blockhash: chain.clock.latestBlockhash,
    feeCalculator: { lamportsPerSignature: LAMPORTS_PER_SIGNATURE },
    lastValidSlot: lastValid,
    lastValidBlockHeight: lastValid,
  });
};

const getBlockTime: Handler = (params, chain) => {
  const requested = integerParam(params, 0, "slot");
  if (requested > chain.clock.slot) {
    throw new RpcError(ErrorCode.BLOCK_NOT_AVAILABLE, `Block not available for slot ${requested}`);
  }
  return chain.clock.blockTime(requested);
};

const getClusterNodes: Handler = (_params, chain) => [
  {
    pubkey: chain.identity,
    gossip: null,
    tpu: null,
    rpc: chain.rpcAddress || null,
    version: SOLANA_CORE_VERSION,
    featureSet: FEATURE_SET,
    shredVersion: 0,
  },
];

export const clusterMethods: Record<string, Handler> = {
  getSlot: slot,
  getBlockHeight: slot,
  getEpochInfo,
  getEpochSchedule: () => ({
    slotsPerEpoch: SLOTS_PER_EPOCH,
    leaderScheduleSlotOffset: SLOTS_PER_EPOCH,
    warmup: false,
    firstNormalEpoch: 0,
    firstNormalSlot: 0,
  }),
  getLatestBlockhash,
  isBlockhashValid,
  getRecentBlockhash,
  getFees,
  getBlockTime,
  getTransactionCount: (_params, chain) => chain.transactionCount,
  getFirstAvailableBlock: () => 0,
  minimumLedgerSlot: () => 0,
  getVersion: () => ({ "solana-core": SOLANA_CORE_VERSION, "feature-set": FEATURE_SET }),
  getGenesisHash: (_params, chain) => chain.genesisHash,
  getHealth: () => "ok",
  getIdentity: (_params, chain) => ({ identity: chain.identity }),
  getSlotLeader: (_params, chain) => chain.identity,
  getClusterNodes,
  getVoteAccounts: () => ({ current: [], delinquent: [] }),
  getRecentPrioritizationFees: () => [],
  getRecentPerformanceSamples: () => [],
};
