import type { Chain } from "../chain";
import { accountFormat, encodeAccount } from "../encoding";
import { invalidParams } from "../errors";
import { configParam, isRecord, pubkeyParam, withContext, type Handler } from "../params";
import {
  decodeMint,
  decodeTokenAccount,
  isMintData,
  isTokenAccountData,
  isTokenProgram,
  uiTokenAmount,
} from "../token";
import { decimalsOf, programAccounts } from "./accounts";

/** The token program of the `{ mint }` or `{ programId }` filter, and the mint if given. */
function tokenFilter(chain: Chain, params: unknown[]): { program: string; mint?: string } {
  const filter = params[1];
  if (!isRecord(filter)) throw invalidParams("expected a filter: { mint } or { programId }");
  if (typeof filter.mint === "string") {
    const mint = pubkeyParam([filter.mint], 0, "mint").toBase58();
    const account = chain.getAccount(mint);
    const program = account?.owner.toBase58() ?? "";
    if (!account || !isMintData(program, account.data)) {
      throw invalidParams("Invalid param: could not find mint");
    }
    return { program, mint };
  }
  if (typeof filter.programId === "string") {
    const program = pubkeyParam([filter.programId], 0, "programId").toBase58();
    if (!isTokenProgram(program))
      throw invalidParams("Invalid param: unrecognized Token program id");
    return { program };
  }
  throw invalidParams("expected a filter: { mint } or { programId }");
}

/** Token accounts by owner or by delegate. */
function tokenAccountsBy(field: "owner" | "delegate"): Handler {
  return (params, chain) => {
    const key = pubkeyParam(params, 0, field).toBase58();
    const { program, mint } = tokenFilter(chain, params);
    const format = accountFormat(configParam(params, 2, chain));
    const decimals = decimalsOf(chain);
    const accounts = programAccounts(chain, program, (data) => {
      if (!isTokenAccountData(program, data)) return false;
      const token = decodeTokenAccount(data);
      return token[field] === key && (mint === undefined || token.mint === mint);
    });
    return withContext(
      chain,
      accounts.map(([pubkey, account]) => ({
        pubkey,
        account: encodeAccount(account, format, decimals),
      })),
    );
  };
}

const getTokenAccountBalance: Handler = (params, chain) => {
  const address = pubkeyParam(params, 0);
  configParam(params, 1, chain);
  const account = chain.getAccount(address);
  if (!account || !isTokenAccountData(account.owner.toBase58(), account.data)) {
    throw invalidParams("Invalid param: not a Token account");
  }
  const token = decodeTokenAccount(account.data);
  return withContext(chain, uiTokenAmount(token.amount, decimalsOf(chain)(token.mint)));
};

function mintParam(params: unknown[], chain: Chain) {
  const address = pubkeyParam(params, 0, "mint");
  configParam(params, 1, chain);
  const account = chain.getAccount(address);
  const program = account?.owner.toBase58() ?? "";
  if (!account || !isMintData(program, account.data)) {
    throw invalidParams("Invalid param: not a Token mint");
  }
  return { mint: address.toBase58(), program, info: decodeMint(account.data) };
}

const getTokenSupply: Handler = (params, chain) => {
  const { info } = mintParam(params, chain);
  return withContext(chain, uiTokenAmount(info.supply, info.decimals));
};

const getTokenLargestAccounts: Handler = (params, chain) => {
  const { mint, program, info } = mintParam(params, chain);
  const holders = programAccounts(
    chain,
    program,
    (data) => isTokenAccountData(program, data) && decodeTokenAccount(data).mint === mint,
  )
    .map(([address, account]) => ({ address, amount: decodeTokenAccount(account.data).amount }))
    .sort((a, b) => (a.amount === b.amount ? 0 : a.amount > b.amount ? -1 : 1))
    .slice(0, 20);
  return withContext(
    chain,
    holders.map(({ address, amount }) => ({ address, ...uiTokenAmount(amount, info.decimals) })),
  );
};

export const tokenMethods: Record<string, Handler> = {
  getTokenAccountsByOwner: tokenAccountsBy("owner"),
  getTokenAccountsByDelegate: tokenAccountsBy("delegate"),
  getTokenAccountBalance,
  getTokenSupply,
  getTokenLargestAccounts,
};
