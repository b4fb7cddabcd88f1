// The token vault's storage contract. Stores keep bytes only — a keyed MAC of each value for
// convergent lookup, the value sealed with AES-GCM, the key version — and never see a plaintext
// value or the keys: all cryptography is in vault.ts. One interface, one file per backend.

/** One stored token: what a backend persists. */
export interface VaultRow {
  readonly token: string;
  /** HMAC-SHA256 of the value under the vault's index key (32 bytes): same value → same row. */
  readonly mac: Uint8Array;
  /** nonce ‖ AES-256-GCM ciphertext ‖ tag; AAD binds the namespace and the token. */
  readonly ciphertext: Uint8Array;
  readonly keyVersion: number;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly expiresAt?: number | null;
}

/** A stored token's sealed value, as detokenize reads it. */
export interface StoredSealed {
  readonly ciphertext: Uint8Array;
  readonly keyVersion: number;
  readonly expiresAt: number | null;
}

/** A row to re-encrypt or just re-encrypted (rewrap). */
export interface SealedRow {
  readonly namespace: string;
  readonly token: string;
  readonly ciphertext: Uint8Array;
  readonly keyVersion: number;
}

export interface VaultStore {
  /**
   * Inserts the rows whose MAC is new in the namespace and returns, for every row's MAC (hex), the
   * token stored for it — the new one, or the one another writer stored first. A row whose token
   * another value already holds in the namespace is not inserted and its MAC is absent from the
   * result: the caller draws a new token. Atomic per call; safe against concurrent callers in
   * other processes ((namespace, mac) and (namespace, token) are both unique).
   */
  putMany(namespace: string, rows: readonly VaultRow[]): Promise<Map<string, string>>;
  /** Tokens already stored for these MACs in the namespace, by MAC (hex). */
  findByMacs(namespace: string, macs: readonly Uint8Array[]): Promise<Map<string, string>>;
  /** The sealed values of the tokens found in the namespace, by token. Unknown tokens are absent. */
  getMany(namespace: string, tokens: readonly string[]): Promise<Map<string, StoredSealed>>;
  /** Up to `limit` rows sealed under a key version below `version`, for rewrap. */
  staleRows(version: number, limit: number): Promise<SealedRow[]>;
  /** Replaces ciphertexts and key versions (rewrap); tokens and MACs are unchanged. */
  updateSealed(rows: readonly SealedRow[]): Promise<void>;
  /** Rows in the vault (all namespaces). */
  count(): Promise<number>;
  close(): Promise<void>;
}
