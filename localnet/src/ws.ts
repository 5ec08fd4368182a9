import http from "http";
import { PublicKey } from "@solana/web3.js";
import type { AccountInfoBytes } from "./svm";
import { WebSocket, WebSocketServer } from "ws";
import { decodeBase58 } from "./base58";
import type { Chain } from "./chain";
import {
  accountFormat,
  encodeAccount,
  matchesFilters,
  parseFilters,
  type AccountFilter,
  type AccountFormat,
} from "./encoding";
import { invalidParams } from "./errors";
import type { TxRecord } from "./history";
import { decimalsOf } from "./methods/accounts";
import { configParam, integerParam, isRecord, paramList, pubkeyParam, stringParam } from "./params";
import { handleBody, methodNotFound, toJson, type Invoke } from "./rpc";

type Subscription =
  | { kind: "account"; socket: WebSocket; address: string; format: AccountFormat }
  | {
      kind: "program";
      socket: WebSocket;
      programId: string;
      format: AccountFormat;
      filters: AccountFilter[];
    }
  | { kind: "signature"; socket: WebSocket; signature: string }
  | { kind: "logs"; socket: WebSocket; mentions: string | null }
  | { kind: "slot"; socket: WebSocket }
  | { kind: "root"; socket: WebSocket };

type Kind = Subscription["kind"];
const KINDS: Kind[] = ["account", "program", "signature", "logs", "slot", "root"];
/** A subscription to something that already happened is answered after its id reaches the client. */
const LATE_NOTIFICATION_MS = 20;
/** How long a client has to answer the close handshake before its socket is cut. */
const CLOSE_GRACE_MS = 500;

/** WebSocket JSON-RPC subscriptions, notified as a validator's pubsub service does. */
export class PubSub {
  readonly server: http.Server;
  private readonly wss: WebSocketServer;
  private readonly subscriptions = new Map<number, Subscription>();
  private nextId = 0;
  private readonly unlisten: (() => void)[];

  constructor(
    private readonly chain: Chain,
    maxPayload: number,
  ) {
    this.server = http.createServer((_req, res) => {
      res.writeHead(426, { "Content-Type": "text/plain" }).end("WebSocket endpoint\n");
    });
    this.wss = new WebSocketServer({ server: this.server, maxPayload });
    this.wss.on("connection", (socket) => this.connect(socket));
    this.unlisten = [
      chain.clock.onSlot((slot) => this.onSlot(slot)),
      chain.onTransaction((record) => this.onTransaction(record)),
      chain.onAccountWrite((address) => this.onAccountWrite(address)),
    ];
  }

  /**
   * Disconnects every client and stops listening. Clients get a normal close (1000): web3.js then
   * reconnects only if it still has subscriptions, instead of retrying forever.
   */
  async close(): Promise<void> {
    for (const stop of this.unlisten) stop();
    const closed = [...this.wss.clients].map(
      (client) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => client.terminate(), CLOSE_GRACE_MS);
          client.once("close", () => {
            clearTimeout(timer);
            resolve();
          });
          client.close(1000, "localnet stopped");
        }),
    );
    await Promise.all(closed);
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private connect(socket: WebSocket): void {
    const invoke: Invoke = (method, params) => this.call(socket, method, paramList(params));
    socket.on("message", (data, isBinary) => {
      const text = isBinary ? "" : data.toString();
      const response = handleBody(text, invoke);
      if (response !== null && socket.readyState === WebSocket.OPEN) {
        socket.send(toJson(response));
      }
    });
    socket.on("error", () => undefined);
    socket.on("close", () => {
      for (const [id, subscription] of this.subscriptions) {
        if (subscription.socket === socket) this.subscriptions.delete(id);
      }
    });
  }

  private call(socket: WebSocket, method: string, params: unknown[]): unknown {
    const match = /^(\w+?)(Subscribe|Unsubscribe)$/.exec(method);
    const kind = match?.[1] as Kind | undefined;
    if (!match || !kind || !KINDS.includes(kind)) throw methodNotFound();
    this.chain.clock.sync();
    if (match[2] === "Unsubscribe") {
      const id = integerParam(params, 0, "subscription id");
      const subscription = this.subscriptions.get(id);
      if (!subscription || subscription.socket !== socket || subscription.kind !== kind) {
        throw invalidParams("Invalid subscription id.");
      }
      this.subscriptions.delete(id);
      return true;
    }
    const subscription = this.parse(socket, kind, params);
    const id = this.nextId++;
    this.subscriptions.set(id, subscription);
    if (subscription.kind === "signature") {
      const record = this.chain.history.get(subscription.signature);
      if (record) setTimeout(() => this.notifySignature(id, record), LATE_NOTIFICATION_MS);
    }
    return id;
  }

  private parse(socket: WebSocket, kind: Kind, params: unknown[]): Subscription {
    const chain = this.chain;
    switch (kind) {
      case "account":
        return {
          kind,
          socket,
          address: pubkeyParam(params, 0).toBase58(),
          format: accountFormat(configParam(params, 1, chain), "base64"),
        };
      case "program": {
        const config = configParam(params, 1, chain);
        return {
          kind,
          socket,
          programId: pubkeyParam(params, 0, "program id").toBase58(),
          format: accountFormat(config, "base64"),
          filters: parseFilters(config.filters),
        };
      }
      case "signature": {
        const signature = stringParam(params, 0, "signature");
        configParam(params, 1, chain);
        let length = 0;
        try {
          length = decodeBase58(signature).length;
        } catch {
          // reported below
        }
        if (length !== 64) throw invalidParams("Invalid param: Invalid signature");
        return { kind, socket, signature };
      }
      case "logs": {
        const filter = params[0];
        configParam(params, 1, chain);
        if (filter === "all" || filter === "allWithVotes") return { kind, socket, mentions: null };
        const mentions = isRecord(filter) ? filter.mentions : undefined;
        if (!Array.isArray(mentions) || mentions.length !== 1) {
          throw invalidParams('Invalid param: expected "all" or { mentions: [one address] }');
        }
        return { kind, socket, mentions: pubkeyParam(mentions, 0, "mentions").toBase58() };
      }
      default:
        return { kind, socket };
    }
  }

  private notify(id: number, result: unknown): void {
    const subscription = this.subscriptions.get(id);
    if (!subscription || subscription.socket.readyState !== WebSocket.OPEN) return;
    subscription.socket.send(
      toJson({
        jsonrpc: "2.0",
        method: `${subscription.kind}Notification`,
        params: { result, subscription: id },
      }),
    );
  }

  private context(slot = this.chain.clock.slot) {
    return { slot };
  }

  private notifySignature(id: number, record: TxRecord): void {
    this.notify(id, { context: this.context(record.slot), value: { err: record.err } });
    this.subscriptions.delete(id); // signature subscriptions end with their notification
  }

  private onSlot(slot: number): void {
    for (const [id, subscription] of this.subscriptions) {
      if (subscription.kind === "slot") this.notify(id, { parent: slot - 1, root: slot, slot });
      if (subscription.kind === "root") this.notify(id, slot);
    }
  }

  private onTransaction(record: TxRecord): void {
    for (const [id, subscription] of this.subscriptions) {
      if (subscription.kind === "signature" && subscription.signature === record.signature) {
        this.notifySignature(id, record);
      } else if (
        subscription.kind === "logs" &&
        (subscription.mentions === null || record.accounts.includes(subscription.mentions))
      ) {
        this.notify(id, {
          context: this.context(record.slot),
          value: { signature: record.signature, err: record.err, logs: record.logs },
        });
      }
    }
  }

  private onAccountWrite(address: string): void {
    let account: AccountInfoBytes | null | undefined;
    for (const [id, subscription] of this.subscriptions) {
      if (subscription.kind !== "account" && subscription.kind !== "program") continue;
      if (subscription.kind === "account" && subscription.address !== address) continue;
      account ??= this.chain.getAccount(address) ?? closedAccount();
      if (subscription.kind === "program") {
        if (account.owner.toBase58() !== subscription.programId) continue;
        if (!matchesFilters(account.data, subscription.filters)) continue;
      }
      let encoded: unknown;
      try {
        encoded = encodeAccount(account, subscription.format, decimalsOf(this.chain));
      } catch {
        encoded = encodeAccount(account, { encoding: "base64" }, decimalsOf(this.chain));
      }
      const value =
        subscription.kind === "account" ? encoded : { pubkey: address, account: encoded };
      this.notify(id, { context: this.context(), value });
    }
  }
}

/** What a validator reports for an account that no longer exists. */
function closedAccount(): AccountInfoBytes {
  return {
    lamports: 0,
    data: new Uint8Array(0),
    owner: PublicKey.default,
    executable: false,
    rentEpoch: 0,
  };
}
