/**
 * Every account the chain has written, indexed by owner. LiteSVM cannot enumerate its accounts, so
 * this is what `getProgramAccounts`, `getTokenAccountsByOwner` and the snapshot iterate.
 */
export class AccountIndex {
  /** address → owner program, for every live tracked account. */
  private readonly owners = new Map<string, string>();
  private readonly byOwner = new Map<string, Set<string>>();

  /** Records the account's current owner, or its absence (`null`: closed or never created). */
  update(address: string, owner: string | null): void {
    const previous = this.owners.get(address);
    if (previous === owner) return;
    if (previous !== undefined) {
      const set = this.byOwner.get(previous);
      set?.delete(address);
      if (set?.size === 0) this.byOwner.delete(previous);
    }
    if (owner === null) {
      this.owners.delete(address);
      return;
    }
    this.owners.set(address, owner);
    let set = this.byOwner.get(owner);
    if (!set) this.byOwner.set(owner, (set = new Set()));
    set.add(address);
  }

  /** Addresses of live accounts owned by `owner`. */
  ownedBy(owner: string): ReadonlySet<string> {
    return this.byOwner.get(owner) ?? EMPTY;
  }

  /** The owner last seen for `address`, if it is tracked. */
  ownerOf(address: string): string | undefined {
    return this.owners.get(address);
  }

  /** Every live tracked address. */
  addresses(): IterableIterator<string> {
    return this.owners.keys();
  }

  get size(): number {
    return this.owners.size;
  }
}

const EMPTY: ReadonlySet<string> = new Set();
