//! `stake`: escrows 1..=16 NFTs of the pool's collection and adds their weight.
//!
//! Accounts: `[pool (w), staker (w), owner (w, s), token_program, system_program]`, then per
//! NFT `[mint, metadata, edition, owner_token (w), escrow (w)]`.
//! Args: `lock: Option<LockTerms { option: u8, duration_s: u32, multiplier_bps: u32 }>,
//! nfts: Vec<StakeNftArgs { tier: Option<u8>, proof: Vec<[u8; 32]>, escrow_bump: u8,
//! metadata_bump: u8 }>, staker_bump: u8`. The lock carries the terms the holder accepted; a
//! pool whose option differs by then refuses the stake (`LockTermsChanged`).
//!
//! Every NFT is checked before anything moves: SPL mint with 0 decimals and supply 1 whose
//! mint and freeze authorities are its Token Metadata edition (so nobody can mint into or
//! freeze the escrow: `edition.rs`), Token Metadata account at the mint's PDA, verified
//! collection or creator of the pool,
//! not programmable, tier proven under the pool's root (or the default tier), the holder's
//! token account holds it, the escrow address is the PDA and still empty, no duplicates.
//! The holder's `Staker` is created on the first stake or grown by one 64-byte record per NFT,
//! the holder paying the rent (refunded on unstake). The client passes the Staker's canonical
//! bump (`staker_bump`): a first stake proves it canonical (`pda::is_canonical`, ~350 CU per
//! bump from 255 down to it) instead of searching for it (~1,500 CU per try, a cost the
//! client's compute-unit limit could not see, so some wallets' first stakes ran out of compute);
//! a later stake checks it against the bump stored in the Staker.

use crate::instructions::Context;
use crate::{
    borsh::Reader,
    constants::{ESCROW_SEED, MAX_BATCH, STAKER_SEED},
    discriminator,
    error::StakingError,
    events::NftStaked,
    merkle,
    pda,
    state::{
        staker::{split_mut, STAKER_VERSION},
        Pool, StakeRecord, Staker, ZeroCopyAccount,
    },
    token::{create_token_account, require_token_program, transfer},
    validation::{
        batch_len, require_owned_by_program, require_signer, require_system_program,
        require_writable,
    },
};
use pinocchio::{
    cpi::{Seed, Signer},
    sysvars::{clock::Clock, rent::Rent, Sysvar},
    ProgramResult, Resize,
};

/// `sha256("global:stake")[..8]`.
pub const DISCRIMINATOR: [u8; 8] = discriminator::instruction("stake");

mod nft_checks;
use nft_checks::{check_nft, lock_terms, Accepted, AcceptedLock, NftArgs, StakeTerms};

const FIXED_ACCOUNTS: usize = 5;
const ACCOUNTS_PER_NFT: usize = 5;

struct Args<'a> {
    lock: Option<AcceptedLock>,
    nfts: [NftArgs<'a>; MAX_BATCH],
    count: usize,
    staker_bump: u8,
}

impl<'a> Args<'a> {
    fn parse(data: &'a [u8]) -> Result<Self, StakingError> {
        let mut reader = Reader::new(data);
        let lock = if reader.bool()? {
            Some(AcceptedLock {
                option: reader.u8()?,
                duration_s: reader.u32()?,
                multiplier_bps: reader.u32()?,
            })
        } else {
            None
        };
        let count = usize::try_from(reader.u32()?).map_err(|_| StakingError::InvalidBatchSize)?;
        if count == 0 || count > MAX_BATCH {
            return Err(StakingError::InvalidBatchSize);
        }
        let mut nfts = [NftArgs::default(); MAX_BATCH];
        for nft in nfts.iter_mut().take(count) {
            nft.tier = reader.option_u8()?;
            let proof_len = usize::try_from(reader.u32()?)
                .ok()
                .filter(|len| *len <= merkle::MAX_PROOF_LEN)
                .ok_or(StakingError::InvalidTierProof)?;
            nft.proof = reader.bytes(proof_len.saturating_mul(32))?;
            nft.escrow_bump = reader.u8()?;
            nft.metadata_bump = reader.u8()?;
        }
        let staker_bump = reader.u8()?;
        reader.finish()?;
        Ok(Self {
            lock,
            nfts,
            count,
            staker_bump,
        })
    }
}

/// Validates every account and NFT, moves the NFTs into escrow, then records them.
#[inline(never)] // its own stack frame: inlined together, handlers exceed 4 KiB
pub fn process(ctx: Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = ctx;
    let args = Args::parse(data)?;
    let count = batch_len(accounts.len(), FIXED_ACCOUNTS, ACCOUNTS_PER_NFT, MAX_BATCH)?;
    if count != args.count {
        return Err(StakingError::NotEnoughAccounts.into());
    }
    let (fixed, nft_accounts) = accounts.split_at_mut(FIXED_ACCOUNTS);
    let [pool, staker, owner, token_program, system_program] = fixed else {
        return Err(StakingError::NotEnoughAccounts.into());
    };
    require_owned_by_program(pool, program_id, StakingError::InvalidPoolAccount)?;
    require_writable(pool)?;
    require_writable(staker)?;
    require_signer(owner)?;
    require_writable(owner)?;
    require_token_program(token_program)?;
    require_system_program(system_program)?;
    let now = Clock::get()?.unix_timestamp;
    let pool_key = *pool.address();
    let owner_key = *owner.address();

    // 1. Validate the pool, the lock and every NFT.
    let mut accepted = [Accepted::default(); MAX_BATCH];
    let lock = {
        let pool_data = pool.try_borrow()?;
        let state = Pool::load(&pool_data).map_err(|_| StakingError::InvalidPoolAccount)?;
        if state.is_paused(now) {
            return Err(StakingError::PoolPaused.into());
        }
        if state.sunset != 0 {
            return Err(StakingError::PoolSunset.into());
        }
        let lock = lock_terms(state, args.lock, now)?;
        let terms = StakeTerms {
            program_id,
            pool: state,
            pool_key: &pool_key,
            owner_key: &owner_key,
            multiplier_bps: lock.multiplier_bps,
        };
        for (index, group) in nft_accounts.chunks_exact(ACCOUNTS_PER_NFT).enumerate() {
            let nft = args.nfts.get(index).ok_or(StakingError::InvalidBatchSize)?;
            let checked = check_nft(&terms, group, nft)?;
            let (earlier, rest) = accepted.split_at_mut(index);
            if earlier.iter().any(|other| other.mint == checked.mint) {
                return Err(StakingError::DuplicateNft.into());
            }
            if let Some(slot) = rest.first_mut() {
                *slot = checked;
            }
        }
        lock
    };
    let accepted = accepted
        .get(..count)
        .ok_or(StakingError::InvalidBatchSize)?;

    // 2. The holder's staker account: existing (theirs, in this pool) or new at its PDA.
    let existing_records = if staker.is_data_empty() && !staker.owned_by(program_id) {
        None
    } else {
        require_owned_by_program(staker, program_id, StakingError::InvalidStakerAccount)?;
        let staker_data = staker.try_borrow()?;
        let state = Staker::load(&staker_data).map_err(|_| StakingError::InvalidStakerAccount)?;
        state.require_position(&pool_key.to_bytes(), &owner_key.to_bytes())?;
        if state.bump != args.staker_bump {
            return Err(StakingError::InvalidStakerBump.into());
        }
        Some(usize::try_from(state.record_count).map_err(|_| StakingError::InvalidAccountData)?)
    };
    let staker_bump = match existing_records {
        Some(_) => None,
        None => {
            let seeds = [STAKER_SEED, pool_key.as_ref(), owner_key.as_ref()];
            if pda::derive(&seeds, args.staker_bump, program_id).as_ref() != Some(staker.address())
            {
                return Err(StakingError::InvalidStakerAccount.into());
            }
            if !pda::is_canonical(&seeds, args.staker_bump, program_id, staker.address()) {
                return Err(StakingError::InvalidStakerBump.into());
            }
            Some(args.staker_bump)
        }
    };

    // 3. Move lamports and NFTs (all checks passed).
    let old_records = existing_records.unwrap_or(0);
    let new_len = Staker::space(old_records.saturating_add(count));
    match staker_bump {
        Some(bump) => {
            let bump_seed = [bump];
            let seeds = [
                Seed::from(STAKER_SEED),
                Seed::from(pool_key.as_ref()),
                Seed::from(owner_key.as_ref()),
                Seed::from(&bump_seed),
            ];
            pinocchio_system::create_account_with_minimum_balance_signed(
                staker,
                new_len,
                program_id,
                owner,
                None,
                &[Signer::from(&seeds)],
            )?;
        }
        None => {
            let needed = Rent::get()?.try_minimum_balance(new_len)?;
            let top_up = needed.saturating_sub(staker.lamports());
            if top_up > 0 {
                pinocchio_system::instructions::Transfer {
                    from: owner,
                    to: staker,
                    lamports: top_up,
                }
                .invoke()?;
            }
            staker.resize(new_len)?;
        }
    }
    for (group, nft) in nft_accounts
        .chunks_exact_mut(ACCOUNTS_PER_NFT)
        .zip(accepted)
    {
        let [mint, _metadata, _edition, owner_token, escrow] = group else {
            return Err(StakingError::NotEnoughAccounts.into());
        };
        let bump_seed = [nft.escrow_bump];
        let seeds = [
            Seed::from(ESCROW_SEED),
            Seed::from(pool_key.as_ref()),
            Seed::from(&nft.mint),
            Seed::from(&bump_seed),
        ];
        create_token_account(owner, escrow, mint, &pool_key, &seeds)?;
        transfer(owner_token, escrow, owner, 1, &[])?;
    }

    // 4. Record: checkpoint rewards at the old weight, then add the new records and weight.
    let mut pool_data = pool.try_borrow_mut()?;
    let pool_state = Pool::load_mut(&mut pool_data)?;
    let mut staker_data = staker.try_borrow_mut()?;
    if let Some(bump) = staker_bump {
        let state = Staker::init(&mut staker_data)?;
        state.owner = owner_key.to_bytes();
        state.pool = pool_key.to_bytes();
        state.bump = bump;
        state.version = STAKER_VERSION;
        state.points_updated_ts = now;
    }
    {
        let state = Staker::load_mut(&mut staker_data)?;
        state.checkpoint(pool_state, now)?;
        state.record_count = u32::try_from(old_records.saturating_add(count))
            .map_err(|_| StakingError::MathOverflow)?;
    }
    let (state, records) = split_mut(&mut staker_data)?;
    let mut added_weight = 0u64;
    for (record, nft) in records
        .get_mut(old_records..)
        .unwrap_or(&mut [])
        .iter_mut()
        .zip(accepted)
    {
        *record = StakeRecord {
            mint: nft.mint,
            lock_until: lock.until,
            staked_at: now,
            weight: nft.weight,
            multiplier_bps: lock.multiplier_bps,
            tier: nft.tier,
            lock_option: lock.option,
            escrow_bump: nft.escrow_bump,
            reserved: 0,
        };
        added_weight = added_weight
            .checked_add(nft.weight)
            .ok_or(StakingError::MathOverflow)?;
    }
    state.total_weight = state
        .total_weight
        .checked_add(added_weight)
        .ok_or(StakingError::MathOverflow)?;
    pool_state.add_stake(added_weight, count)?;

    for nft in accepted {
        NftStaked {
            pool: pool_key.to_bytes(),
            owner: owner_key.to_bytes(),
            mint: nft.mint,
            weight: nft.weight,
            tier: nft.tier,
            lock_until: lock.until,
            staked_at: now,
        }
        .emit()?;
    }
    Ok(())
}
