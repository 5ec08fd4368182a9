export * from "./initializePool";
