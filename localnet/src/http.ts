import http from "http";
import type { Chain } from "./chain";
import { ErrorCode } from "./errors";
import { METHODS } from "./methods";
import { paramList } from "./params";
import { handleBody, methodNotFound, toJson, type Invoke } from "./rpc";

/** Past this many bytes of an oversized body the connection is cut instead of drained. */
const HARD_BODY_LIMIT = 64 * 1024 * 1024;

/** CORS for browser apps: any origin, the headers web3.js sends, cached preflights. */
function setCors(req: http.IncomingMessage, res: http.ServerResponse): void {
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader("Access-Control-Allow-Methods", "POST, GET, OPTIONS");
  res.setHeader(
    "Access-Control-Allow-Headers",
    req.headers["access-control-request-headers"] ?? "Content-Type, solana-client",
  );
  res.setHeader("Access-Control-Max-Age", "86400");
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = body === null ? "" : toJson(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** The HTTP JSON-RPC endpoint (POST /, batches too; GET /health). */
export function createHttpServer(chain: Chain, maxBodyBytes: number): http.Server {
  const invoke: Invoke = (method, params) => {
    const handler = METHODS.get(method);
    if (!handler) throw methodNotFound();
    chain.clock.sync();
    return handler(paramList(params), chain);
  };
  const server = http.createServer((req, res) => {
    setCors(req, res);
    if (req.method === "OPTIONS") {
      res.writeHead(204).end();
      return;
    }
    if (req.method === "GET" && req.url?.split("?")[0] === "/health") {
      res.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
      return;
    }
    if (req.method !== "POST") {
      res.writeHead(405, { Allow: "POST, GET, OPTIONS" }).end();
      return;
    }
    let size = 0;
    let chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        chunks = []; // keep draining so the client can read the answer
        if (size > Math.max(HARD_BODY_LIMIT, maxBodyBytes)) req.destroy();
      } else {
        chunks.push(chunk);
      }
    });
    req.on("error", () => undefined); // client went away
    req.on("end", () => {
      if (size > maxBodyBytes) {
        sendJson(res, 413, {
          jsonrpc: "2.0",
          error: {
            code: ErrorCode.INVALID_REQUEST,
            message: `Request body too large: ${size} bytes (max ${maxBodyBytes})`,
          },
          id: null,
        });
        return;
      }
      sendJson(res, 200, handleBody(Buffer.concat(chunks).toString("utf8"), invoke));
    });
  });
  // web3.js keeps idle sockets 19 s, "one second fewer than the Solana RPC's keepalive timeout"
  server.keepAliveTimeout = 20_000;
  server.headersTimeout = 21_000;
  return server;
}
