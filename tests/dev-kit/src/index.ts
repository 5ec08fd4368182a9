// @nft-staking/dev-kit: what tests, the bench and the demo seeding share — a LiteSVM chain with
// the real program (TestChain), mint / token / Token Metadata account writers, pool fixtures
// built through the SDK, and free ports. Imported by name, never by relative path.
export * from "./bumps";
export * from "./chain";
export * from "./localnet-store";
export * from "./nft-accounts";
export * from "./pool";
export * from "./ports";
export * from "./token-accounts";
