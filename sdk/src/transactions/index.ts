export * from "./batching";
export * from "./compute";
export * from "./staking";
