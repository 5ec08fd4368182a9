import type { Program } from "@coral-xyz/anchor";
import { TOKEN_PROGRAM_ID, getAssociatedTokenAddressSync } from "@solana/spl-token";
import { PublicKey, type TransactionInstruction } from "@solana/web3.js";
import type { NftStaking } from "../idl";
import { findRewardVaultAddress, findStakerAddress, toBN, type U64Like } from "../pda";
import { stakingProgram } from "../program";

/**
 * Builds `set_paused`: stops or resumes `stake` and `claim` (never `unstake`).
 *
 * @example
 * const ix = await setPausedInstruction({ pool, authority, paused: true });
 */
export async function setPausedInstruction(
  params: { pool: PublicKey; authority: PublicKey; paused: boolean },
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  return program.methods
    .setPaused(params.paused)
    .accountsStrict({ pool: params.pool, authority: params.authority })
    .instruction();
}

/**
 * Builds `sunset_pool`: ends every stream now, lifts every lock, stops new stakes.
 *
 * @example
 * const ix = await sunsetPoolInstruction({ pool, authority });
 */
export async function sunsetPoolInstruction(
  params: { pool: PublicKey; authority: PublicKey },
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  return program.methods
    .sunsetPool()
    .accountsStrict({ pool: params.pool, authority: params.authority })
    .instruction();
}

/**
 * Builds `propose_authority` (step one of two). Pass `PublicKey.default` to cancel.
 *
 * To hand a pool to a Squads multisig: propose the multisig's *vault* PDA here, then create a
 * Squads vault transaction whose single instruction is `acceptAuthorityInstruction({ pool,
 * newAuthority: vaultPda })`; when members approve and execute it, Squads signs as the vault
 * (`invoke_signed`), which is all `accept_authority` needs. Every later admin instruction is
 * executed the same way, with the vault as `authority`.
 *
 * @example
 * const ix = await proposeAuthorityInstruction({ pool, authority, newAuthority: squadsVault });
 */
export async function proposeAuthorityInstruction(
  params: { pool: PublicKey; authority: PublicKey; newAuthority: PublicKey },
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  return program.methods
    .proposeAuthority(params.newAuthority)
    .accountsStrict({ pool: params.pool, authority: params.authority })
    .instruction();
}

/**
 * Builds `accept_authority` (step two), signed by the proposed authority.
 *
 * @example
 * const ix = await acceptAuthorityInstruction({ pool, newAuthority: wallet.publicKey });
 */
export async function acceptAuthorityInstruction(
  params: { pool: PublicKey; newAuthority: PublicKey },
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  return program.methods
    .acceptAuthority()
    .accountsStrict({ pool: params.pool, newAuthority: params.newAuthority })
    .instruction();
}

/**
 * Builds `withdraw_surplus`: takes back reward tokens nobody has earned or will earn.
 * Use `surplus()` from the SDK math to know how much that is.
 *
 * @example
 * const ix = await withdrawSurplusInstruction({ pool, authority, streamIndex: 0, rewardMint, amount });
 */
export async function withdrawSurplusInstruction(
  params: {
    pool: PublicKey;
    authority: PublicKey;
    streamIndex: number;
    rewardMint: PublicKey;
    amount: U64Like;
    /** Destination token account; default: the authority's associated token account. */
    destination?: PublicKey;
  },
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  const [rewardVault] = findRewardVaultAddress(params.pool, params.streamIndex, program.programId);
  return program.methods
    .withdrawSurplus(params.streamIndex, toBN(params.amount))
    .accountsStrict({
      pool: params.pool,
      authority: params.authority,
      rewardVault,
      destination:
        params.destination ??
        getAssociatedTokenAddressSync(params.rewardMint, params.authority, true),
      tokenProgram: TOKEN_PROGRAM_ID,
    })
    .instruction();
}

/**
 * Builds `refresh_tier` (permissionless): re-weights a holder's staked NFT under the pool's
 * current tier root.
 *
 * @example
 * const ix = await refreshTierInstruction({ pool, owner, mint, tier: tree.tierOf(mint)!, proof: tree.proof(mint) });
 */
export async function refreshTierInstruction(
  params: { pool: PublicKey; owner: PublicKey; mint: PublicKey; tier: number; proof: Uint8Array[] },
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  const [staker] = findStakerAddress(params.pool, params.owner, program.programId);
  return program.methods
    .refreshTier(
      params.mint,
      params.tier,
      params.proof.map((hash) => Array.from(hash)),
    )
    .accountsStrict({ pool: params.pool, staker })
    .instruction();
}

/**
 * Builds `close_staker`: closes an empty staker account and refunds its rent.
 *
 * @example
 * const ix = await closeStakerInstruction({ pool, owner: wallet.publicKey });
 */
export async function closeStakerInstruction(
  params: { pool: PublicKey; owner: PublicKey },
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  const [staker] = findStakerAddress(params.pool, params.owner, program.programId);
  return program.methods
    .closeStaker()
    .accountsStrict({ pool: params.pool, staker, owner: params.owner })
    .instruction();
}
