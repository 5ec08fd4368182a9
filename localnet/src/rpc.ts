import { RENT_EPOCH } from "./encoding";
import { ErrorCode, RpcError } from "./errors";

const RENT_EPOCH_JSON = `"rentEpoch":${JSON.stringify(RENT_EPOCH)}`;

/** JSON text of an answer, with `rentEpoch` as the validator writes it (u64::MAX, exactly). */
export function toJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes(RENT_EPOCH_JSON)
    ? text.replaceAll(RENT_EPOCH_JSON, '"rentEpoch":18446744073709551615')
    : text;
}

type Id = string | number | null;

/** A JSON-RPC 2.0 response object. */
export interface RpcResponse {
  jsonrpc: "2.0";
  id: Id;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/** Runs one method call; throws RpcError for error answers. */
export type Invoke = (method: string, params: unknown) => unknown;

function errorResponse(id: Id, error: RpcError): RpcResponse {
  const body: RpcResponse["error"] = { code: error.code, message: error.message };
  if (error.data !== undefined) body.data = error.data;
  return { jsonrpc: "2.0", error: body, id };
}

function isId(value: unknown): value is Id {
  return value === null || typeof value === "string" || typeof value === "number";
}

function handleOne(request: unknown, invoke: Invoke): RpcResponse | null {
  const candidate = request as Record<string, unknown> | null;
  if (typeof candidate !== "object" || candidate === null || Array.isArray(candidate)) {
    return errorResponse(null, new RpcError(ErrorCode.INVALID_REQUEST, "Invalid request"));
  }
  const hasId = "id" in candidate;
  const id = hasId && isId(candidate.id) ? candidate.id : null;
  if (
    candidate.jsonrpc !== "2.0" ||
    typeof candidate.method !== "string" ||
    (hasId && !isId(candidate.id))
  ) {
    return errorResponse(id, new RpcError(ErrorCode.INVALID_REQUEST, "Invalid request"));
  }
  try {
    const result = invoke(candidate.method, candidate.params);
    return hasId ? { jsonrpc: "2.0", result, id } : null;
  } catch (e) {
    if (!hasId) return null;
    if (e instanceof RpcError) return errorResponse(id, e);
    console.error(`localnet: ${candidate.method} failed:`, e);
    return errorResponse(
      id,
      new RpcError(ErrorCode.INTERNAL_ERROR, "Internal error", (e as Error).message),
    );
  }
}

/**
 * Answers a JSON-RPC request body (single or batch). Returns null when nothing is to be answered
 * (only notifications).
 */
export function handleBody(text: string, invoke: Invoke): RpcResponse | RpcResponse[] | null {
  let request: unknown;
  try {
    request = JSON.parse(text);
  } catch {
    return errorResponse(null, new RpcError(ErrorCode.PARSE_ERROR, "Parse error"));
  }
  if (!Array.isArray(request)) return handleOne(request, invoke);
  if (request.length === 0) {
    return errorResponse(null, new RpcError(ErrorCode.INVALID_REQUEST, "Invalid request"));
  }
  const responses = request
    .map((item) => handleOne(item, invoke))
    .filter((r): r is RpcResponse => r !== null);
  return responses.length > 0 ? responses : null;
}

/** The method-not-found error. */
export function methodNotFound(): RpcError {
  return new RpcError(ErrorCode.METHOD_NOT_FOUND, "Method not found");
}
