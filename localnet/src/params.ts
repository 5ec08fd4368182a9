import { PublicKey } from "@solana/web3.js";
import type { Chain } from "./chain";
import { ErrorCode, RpcError, invalidParams } from "./errors";

/** The RPC version reported in `context.apiVersion` and by getVersion. */
export const SOLANA_CORE_VERSION = "3.1.0";

/** A JSON-RPC method: positional params in, result out (throws RpcError). */
export type Handler = (params: unknown[], chain: Chain) => unknown;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Positional params (absent → []). */
export function paramList(params: unknown): unknown[] {
  if (params === undefined || params === null) return [];
  if (!Array.isArray(params)) throw invalidParams("expected an array of parameters");
  return params;
}

/** A required base58 address. */
export function pubkeyParam(params: unknown[], index: number, name = "pubkey"): PublicKey {
  const value = params[index];
  if (typeof value !== "string") throw invalidParams(`${name} must be a base58 string`);
  try {
    const key = new PublicKey(value);
    if (key.toBase58() !== value) throw new Error("not canonical");
    return key;
  } catch {
    throw invalidParams(`Invalid param: ${name} is not a valid address`);
  }
}

/** A required string param. */
export function stringParam(params: unknown[], index: number, name: string): string {
  const value = params[index];
  if (typeof value !== "string") throw invalidParams(`${name} must be a string`);
  return value;
}

/** A required non-negative integer param. */
export function integerParam(params: unknown[], index: number, name: string): number {
  const value = params[index];
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw invalidParams(`${name} must be a non-negative integer`);
  }
  return value;
}

/** An optional array param of at most `max` strings. */
export function stringArrayParam(
  params: unknown[],
  index: number,
  name: string,
  max: number,
): string[] {
  const value = params[index];
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    throw invalidParams(`${name} must be an array of strings`);
  }
  if (value.length > max) throw invalidParams(`Too many inputs provided; max ${max}`);
  return value as string[];
}

/** The optional config object at `index`; checks `minContextSlot`. */
export function configParam(
  params: unknown[],
  index: number,
  chain: Chain,
): Record<string, unknown> {
  const value = params[index];
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw invalidParams("config must be an object");
  const min = value.minContextSlot;
  if (typeof min === "number" && min > chain.clock.slot) {
    throw new RpcError(
      ErrorCode.MIN_CONTEXT_SLOT_NOT_REACHED,
      "Minimum context slot has not been reached",
      { contextSlot: chain.clock.slot },
    );
  }
  return value;
}

/** Wraps a value in `{ context: { slot }, value }`. */
export function withContext(chain: Chain, value: unknown): unknown {
  return { context: { apiVersion: SOLANA_CORE_VERSION, slot: chain.clock.slot }, value };
}
