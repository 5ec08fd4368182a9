import type { Handler } from "../params";
import { accountMethods } from "./accounts";
import { clusterMethods } from "./cluster";
import { tokenMethods } from "./tokens";
import { transactionMethods } from "./transactions";

/** Every HTTP JSON-RPC method, by name. */
export const METHODS: ReadonlyMap<string, Handler> = new Map(
  Object.entries({ ...accountMethods, ...tokenMethods, ...transactionMethods, ...clusterMethods }),
);
