// The token vault's storage contract. Stores keep bytes only and never see a plaintext value or the
// keys: all cryptography is in vault.ts. One interface, one file per backend. Two tables:
//   v1 — random tokens: a keyed MAC of each value for convergent lookup, the value sealed with
//        AES-GCM; two unique keys (namespace, token) and (namespace, mac). Tokens written before
//        format v2, and every `preserve` token.
//   v2 — default-format tokens since format v2: the token is AES-SIV's synthetic IV of the value,
//        so the lookup key and the primary key are one, (namespace, token).

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

/**
 * New tokens of the default format since vault format v2 (docs/vault.md#format-v2), in columns: the
 * token is AES-SIV's synthetic IV of the value (16 bytes, derived, never drawn), the ciphertext is
 * SIV's CTR part. A store keys them by (namespace, token) alone: no second index.
 */
export interface SivRows {
  /** Token i at bytes [16i, 16i + 16). */
  readonly tokens: Uint8Array;
  readonly ciphertexts: readonly Uint8Array[];
  readonly keyVersion: number;
  readonly createdAt: number;
  readonly expiresAt: number | null;
}

/** A v2 row to re-encrypt or just re-encrypted (rewrap). */
export interface SivSealedRow {
  readonly namespace: string;
  /** The 16-byte token (SIV's V). */
  readonly token: Uint8Array;
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
  /**
   * v2: stores the rows whose token is new in the namespace; a token already there (the same value,
   * stored earlier or by a concurrent writer) is left as it is. Atomic per call.
   */
  putSiv(namespace: string, rows: SivRows): Promise<void>;
  /** v2: the sealed values of the 16-byte tokens found in the namespace, by token (hex). */
  getSiv(namespace: string, tokens: readonly Uint8Array[]): Promise<Map<string, StoredSealed>>;
  /**
   * True when the v1 table held rows when the store first opened under format v2: those rows may be
   * default-format values with random tokens, which tokenize must keep finding by MAC.
   */
  hasLegacyTokens(): Promise<boolean>;
  /** v2: up to `limit` rows sealed under a key version below `version`, for rewrap. */
  staleSivRows(version: number, limit: number): Promise<SivSealedRow[]>;
  /** v2: replaces ciphertexts and key versions (rewrap). */
  updateSivSealed(rows: readonly SivSealedRow[]): Promise<void>;
  /**
   * Erasure: deletes the v1 rows holding `tokens` and the v2 rows holding `sivTokens` (16 bytes
   * each) in the namespace, in one transaction; returns how many rows went. The rows' pages keep
   * the bytes until SQLite reuses them or PostgreSQL vacuums the dead tuples (see vacuum()).
   */
  deleteTokens(namespace: string, tokens: readonly string[], sivTokens: readonly Uint8Array[]): Promise<number>;
  /**
   * Rewrites the store so deleted rows leave no bytes behind: SQLite VACUUM (with secure_delete on),
   * PostgreSQL VACUUM of the vault tables (old WAL segments and backups still hold them).
   */
  vacuum(): Promise<void>;
  /**
   * Retention (src/retention): how many rows of the namespace (v1 and v2) the vault first stored
   * before `before` (ms since the epoch); with `remove`, deletes them in one transaction and returns
   * how many went. A token is convergent: its row keeps the time its value was first tokenized.
   */
  createdBefore(namespace: string, before: number, options?: { readonly remove?: boolean }): Promise<number>;
  /** Rows in the vault (all namespaces). */
  count(): Promise<number>;
  close(): Promise<void>;
}
