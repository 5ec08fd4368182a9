export * from "./lockTerms";
export * from "./poolLimits";
