export * from "./accounts";
export * from "./constants";
export * from "./errors";
export * from "./events";
export * from "./idl";
export * from "./instructions";
export * from "./pda";
export * from "./program";
