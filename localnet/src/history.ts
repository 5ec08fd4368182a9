import type { TransactionErrorJson } from "./errors";

/** A token balance entry of a transaction's meta, as the validator reports it. */
export interface TokenBalance {
  accountIndex: number;
  mint: string;
  owner: string;
  programId: string;
  uiTokenAmount: UiTokenAmount;
}

/** An SPL token amount in the RPC's `uiTokenAmount` shape. */
export interface UiTokenAmount {
  amount: string;
  decimals: number;
  uiAmount: number | null;
  uiAmountString: string;
}

/** An instruction run by CPI, compiled against the transaction's account keys. */
export interface InnerInstructionJson {
  programIdIndex: number;
  accounts: number[];
  /** base58 */
  data: string;
  stackHeight: number;
}

/** Everything `getTransaction` and friends answer about one processed transaction. */
export interface TxRecord {
  signature: string;
  slot: number;
  blockTime: number;
  err: TransactionErrorJson | null;
  /** The wire transaction, base64. */
  transaction: string;
  version: "legacy" | 0;
  fee: number;
  logs: string[];
  computeUnits: number;
  preBalances: number[];
  postBalances: number[];
  preTokenBalances: TokenBalance[];
  postTokenBalances: TokenBalance[];
  innerInstructions: { index: number; instructions: InnerInstructionJson[] }[];
  loadedAddresses: { writable: string[]; readonly: string[] };
  returnData: { programId: string; data: [string, "base64"] } | null;
  /** Static then loaded account keys (base58). */
  accounts: string[];
}

/** Signatures of one address, oldest first, with cheap removal from the front. */
class SignatureList {
  items: string[] = [];
  start = 0;

  get size(): number {
    return this.items.length - this.start;
  }

  dropOldest(signature: string): void {
    if (this.items[this.start] !== signature) return;
    this.start++;
    if (this.start > 64 && this.start * 2 > this.items.length) {
      this.items = this.items.slice(this.start);
      this.start = 0;
    }
  }
}

/** Options of {@link TxHistory.forAddress}, as `getSignaturesForAddress` takes them. */
export interface AddressQuery {
  limit: number;
  before?: string;
  until?: string;
}

/** The last `capacity` processed transactions, by signature and by address. */
export class TxHistory {
  private readonly records = new Map<string, TxRecord>();
  private readonly byAddress = new Map<string, SignatureList>();

  constructor(private readonly capacity = 10_000) {}

  add(record: TxRecord): void {
    this.records.set(record.signature, record);
    for (const address of new Set(record.accounts)) {
      let list = this.byAddress.get(address);
      if (!list) this.byAddress.set(address, (list = new SignatureList()));
      list.items.push(record.signature);
    }
    while (this.records.size > this.capacity) {
      const oldest = this.records.values().next().value as TxRecord;
      this.records.delete(oldest.signature);
      for (const address of new Set(oldest.accounts)) {
        const list = this.byAddress.get(address);
        list?.dropOldest(oldest.signature);
        if (list?.size === 0) this.byAddress.delete(address);
      }
    }
  }

  get(signature: string): TxRecord | undefined {
    return this.records.get(signature);
  }

  get size(): number {
    return this.records.size;
  }

  /** Newest first, like `getSignaturesForAddress`; `before`/`until` are exclusive. */
  forAddress(address: string, query: AddressQuery): TxRecord[] {
    const list = this.byAddress.get(address);
    if (!list) return [];
    const out: TxRecord[] = [];
    let started = query.before === undefined;
    for (let i = list.items.length - 1; i >= list.start && out.length < query.limit; i--) {
      const signature = list.items[i] as string;
      if (!started) {
        started = signature === query.before;
        continue;
      }
      if (signature === query.until) break;
      const record = this.records.get(signature);
      if (record) out.push(record);
    }
    return out;
  }

  /** All records, oldest first (for the snapshot). */
  all(): TxRecord[] {
    return [...this.records.values()];
  }
}
