/** Test helpers for the local chain: raw JSON-RPC over HTTP and WebSocket (ports: dev-kit). */
import { WebSocket } from "ws";

/** A raw JSON-RPC answer: HTTP status, headers and parsed body (null when empty). */
export interface RawAnswer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** POSTs `body` (a string is sent as is) and parses the answer. */
export async function post(url: string, body: unknown): Promise<RawAnswer> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

/** One JSON-RPC call; returns the whole response object. */
export function call(url: string, method: string, params?: unknown[]): Promise<RawAnswer> {
  return post(url, { jsonrpc: "2.0", id: 1, method, params });
}

/** A minimal WebSocket JSON-RPC client that records notifications. */
export class RawWsClient {
  private nextId = 1;
  private readonly pending = new Map<number, (message: Record<string, unknown>) => void>();
  private readonly notifications: Record<string, unknown>[] = [];
  private readonly waiters: (() => void)[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on("message", (data) => {
      const message = JSON.parse(data.toString()) as Record<string, unknown>;
      const id = message.id as number | undefined;
      const resolve = id === undefined ? undefined : this.pending.get(id);
      if (resolve) {
        this.pending.delete(id as number);
        resolve(message);
      } else {
        this.notifications.push(message);
        for (const wake of this.waiters.splice(0)) wake();
      }
    });
  }

  static open(url: string): Promise<RawWsClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.once("open", () => resolve(new RawWsClient(socket)));
      socket.once("error", reject);
    });
  }

  /** Sends a request and resolves with the full response message. */
  request(method: string, params: unknown[] = []): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.socket.send(JSON.stringify({ jsonrpc: "2.0", id, method, params }));
    });
  }

  /** Resolves with the first notification matching `method` (and `subscription`), or rejects. */
  async notification(
    method: string,
    subscription?: number,
    timeoutMs = 10_000,
  ): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.notifications.findIndex((n) => {
        const params = n.params as { subscription?: number } | undefined;
        return (
          n.method === method &&
          (subscription === undefined || params?.subscription === subscription)
        );
      });
      if (index >= 0) return this.notifications.splice(index, 1)[0] as Record<string, unknown>;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${method} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.socket.close();
  }
}
