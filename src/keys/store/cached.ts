// A read cache in front of a shared key store, for several server instances using one database.
// Every encrypt and decrypt asks the store for the key and version; this answers those from memory.
//
// The staleness bound: a change committed to the shared store by another instance at time T (a
// rotation, a new minimum decryption version, a retirement, a destroyed version) is seen by every
// read here that starts at or after T + ttlMs. Until then this instance may still encrypt under the
// old primary version, decrypt under a version whose minimum was raised, encrypt with a key
// retired elsewhere, or decrypt under a version destroyed elsewhere (the keyring keeps unwrapped
// material in memory and checks the version record before each use, so it stops at the same bound).
// Entries are timed from when their read *started*, so an answer that was already stale while in
// flight never outlives the bound.
//
// What it must never do: cache a miss (a key or version created elsewhere is found at once), or
// serve a key's old entries after a write through this wrapper (every write, successful or not,
// drops the affected key's entries and the key list before it returns; a failed addVersion means
// another writer got there first, and the keyring's retry must read fresh versions).
import type { KeyRecord, KeyStatus, KeyStore, KeyVersionRecord } from './types.js';

export interface CachedKeyStoreOptions {
  /** How long an answer is served from memory, in milliseconds; 0 disables caching. */
  readonly ttlMs: number;
  /** The clock, in milliseconds; `Date.now` unless a test injects one. */
  readonly now?: () => number;
}

interface Entry<T> {
  readonly at: number;
  readonly value: T;
}

/** Everything cached about one key name. */
interface KeyEntries {
  key?: Entry<KeyRecord>;
  versions?: Entry<KeyVersionRecord[]>;
  version: Map<number, Entry<KeyVersionRecord>>;
}

/**
 * Wraps a KeyStore with a cache whose answers are at most `ttlMs` old.
 *
 * @example
 * ```ts
 * const store = new CachedKeyStore(await PostgresKeyStore.open(url), { ttlMs: 5_000 });
 * const keyring = new Keyring({ store, kek, audit, principal });
 * ```
 */
export class CachedKeyStore implements KeyStore {
  readonly #inner: KeyStore;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #byName = new Map<string, KeyEntries>();
  #list: Entry<KeyRecord[]> | undefined;
  /**
   * Bumped by every invalidation. A read that started before one must not store its answer:
   * it may predate the write that caused it.
   */
  #generation = 0;

  constructor(inner: KeyStore, options: CachedKeyStoreOptions) {
    if (!Number.isFinite(options.ttlMs) || options.ttlMs < 0) throw new TypeError('CachedKeyStore: ttlMs must be a finite number >= 0');
    this.#inner = inner;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  #fresh<T>(e: Entry<T> | undefined): e is Entry<T> {
    return e !== undefined && this.#now() - e.at < this.#ttlMs;
  }

  #entries(name: string): KeyEntries {
    let e = this.#byName.get(name);
    if (e === undefined) {
      e = { version: new Map() };
      this.#byName.set(name, e);
    }
    return e;
  }

  /** Reads through `load`, storing the answer unless it is a miss or a write happened meanwhile. */
  async #read<T>(cached: Entry<T> | undefined, load: () => Promise<T>, keep: (value: T) => boolean, store: (e: Entry<T>) => void): Promise<T> {
    if (this.#fresh(cached)) return cached.value;
    const at = this.#now();
    const generation = this.#generation;
    const value = await load();
    if (keep(value) && generation === this.#generation) store({ at, value });
    return value;
  }

  async getKey(name: string): Promise<KeyRecord | undefined> {
    return this.#read<KeyRecord | undefined>(this.#byName.get(name)?.key, () => this.#inner.getKey(name), (v) => v !== undefined, (e) => {
      this.#entries(name).key = e as Entry<KeyRecord>;
    });
  }

  async listKeys(): Promise<KeyRecord[]> {
    return this.#read<KeyRecord[]>(this.#list, () => this.#inner.listKeys(), () => true, (e) => {
      this.#list = e;
    });
  }

  async getVersion(name: string, version: number): Promise<KeyVersionRecord | undefined> {
    return this.#read<KeyVersionRecord | undefined>(this.#byName.get(name)?.version.get(version), () => this.#inner.getVersion(name, version), (v) => v !== undefined, (e) => {
      this.#entries(name).version.set(version, e as Entry<KeyVersionRecord>);
    });
  }

  async listVersions(name: string): Promise<KeyVersionRecord[]> {
    // An empty list means "no such key": a miss, so not kept.
    return this.#read<KeyVersionRecord[]>(this.#byName.get(name)?.versions, () => this.#inner.listVersions(name), (v) => v.length > 0, (e) => {
      this.#entries(name).versions = e;
    });
  }

  /** Drops every entry about `name`, and the key list (which shows its status and primary version). */
  #invalidate(name: string): void {
    this.#generation++;
    this.#byName.delete(name);
    this.#list = undefined;
  }

  async createKey(key: KeyRecord, first: KeyVersionRecord): Promise<void> {
    try {
      await this.#inner.createKey(key, first);
    } finally {
      this.#invalidate(key.name);
    }
  }

  async addVersion(next: KeyVersionRecord, at: string): Promise<boolean> {
    try {
      return await this.#inner.addVersion(next, at);
    } finally {
      this.#invalidate(next.name);
    }
  }

  async updateKey(name: string, patch: { status?: KeyStatus; minDecryptionVersion?: number }, at: string): Promise<KeyRecord> {
    try {
      return await this.#inner.updateKey(name, patch, at);
    } finally {
      this.#invalidate(name);
    }
  }

  async destroyVersion(name: string, version: number, at: string): Promise<KeyVersionRecord> {
    try {
      return await this.#inner.destroyVersion(name, version, at);
    } finally {
      this.#invalidate(name);
    }
  }

  /** Forgets every entry (they hold wrapped material only) and closes the wrapped store. */
  async close(): Promise<void> {
    this.#invalidate('');
    this.#byName.clear();
    await this.#inner.close();
  }
}
