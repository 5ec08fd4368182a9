export * from "./batching";
export * from "./claim";
export * from "./compute";
export * from "./staking";
