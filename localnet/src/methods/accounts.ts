import type { Chain } from "../chain";
import { accountFormat, encodeAccount, matchesFilters, parseFilters } from "../encoding";
import { invalidParams } from "../errors";
import { decimalsResolver } from "../meta";
import {
  configParam,
  integerParam,
  pubkeyParam,
  stringArrayParam,
  withContext,
  type Handler,
} from "../params";

/** Decimals of mints, read from the chain (for jsonParsed token amounts). */
export function decimalsOf(chain: Chain): (mint: string) => number {
  return decimalsResolver((address) => chain.getAccount(address));
}

const getAccountInfo: Handler = (params, chain) => {
  const address = pubkeyParam(params, 0);
  const format = accountFormat(configParam(params, 1, chain));
  const account = chain.getAccount(address);
  return withContext(chain, account ? encodeAccount(account, format, decimalsOf(chain)) : null);
};

const getMultipleAccounts: Handler = (params, chain) => {
  const addresses = stringArrayParam(params, 0, "pubkeys", 100);
  const format = accountFormat(configParam(params, 1, chain));
  const decimals = decimalsOf(chain);
  const keys = addresses.map((_, i) => pubkeyParam(addresses, i));
  return withContext(
    chain,
    keys.map((key) => {
      const account = chain.getAccount(key);
      return account ? encodeAccount(account, format, decimals) : null;
    }),
  );
};

const getBalance: Handler = (params, chain) => {
  const address = pubkeyParam(params, 0);
  configParam(params, 1, chain);
  return withContext(chain, Number(chain.svm.getBalance(address) ?? 0n));
};

/** Accounts owned by `programId` that pass the filters, as `[address, account]`. */
export function programAccounts(
  chain: Chain,
  programId: string,
  accept: (data: Uint8Array) => boolean,
): [string, NonNullable<ReturnType<Chain["getAccount"]>>][] {
  const out: [string, NonNullable<ReturnType<Chain["getAccount"]>>][] = [];
  for (const address of chain.index.ownedBy(programId)) {
    const account = chain.getAccount(address);
    if (!account || account.owner.toBase58() !== programId) continue;
    if (accept(account.data)) out.push([address, account]);
  }
  return out;
}

const getProgramAccounts: Handler = (params, chain) => {
  const programId = pubkeyParam(params, 0, "program id").toBase58();
  const config = configParam(params, 1, chain);
  const format = accountFormat(config);
  const filters = parseFilters(config.filters);
  const decimals = decimalsOf(chain);
  const value = programAccounts(chain, programId, (data) => matchesFilters(data, filters)).map(
    ([pubkey, account]) => ({ pubkey, account: encodeAccount(account, format, decimals) }),
  );
  return config.withContext === true ? withContext(chain, value) : value;
};

const getMinimumBalanceForRentExemption: Handler = (params, chain) => {
  const size = params.length === 0 ? 0 : integerParam(params, 0, "data length");
  if (size > 10 * 1024 * 1024) throw invalidParams("data length exceeds 10 MiB");
  return Number(chain.svm.minimumBalanceForRentExemption(BigInt(size)));
};

export const accountMethods: Record<string, Handler> = {
  getAccountInfo,
  getMultipleAccounts,
  getBalance,
  getProgramAccounts,
  getMinimumBalanceForRentExemption,
};
