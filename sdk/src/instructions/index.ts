export * from "./initializePool";
export * from "./rewardStreams";
export * from "./staking";
export * from "./updatePool";
