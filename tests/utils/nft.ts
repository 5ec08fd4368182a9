// Test NFTs: real mint, token and Metaplex metadata account bytes written straight into the
// chain. The writer lives in migrations/lib so the local chain's demo seeding uses the same code.
export * from "../../migrations/lib/nft-accounts";
