export * from "./addRewardStream";
export * from "./claim";
export * from "./fundRewardStream";
export * from "./initializePool";
export * from "./stake";
export * from "./unstake";
export * from "./updatePool";
export * from "./updateRewardStream";
