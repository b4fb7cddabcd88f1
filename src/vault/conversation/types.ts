// The conversation vault's storage contract (LLM guard redaction, docs/guard.md#redact). A store
// keeps bytes only — a keyed MAC of each value for "same value → same placeholder", the value
// sealed with AES-GCM, the key version — and never sees a plaintext value or a key: all
// cryptography is in vault.ts. One interface, one file per backend.

/** Where placeholders live: one tenant's one conversation. */
export interface ConversationScope {
  readonly tenant: string;
  readonly conversation: string;
}

/** A value to place: its MAC and its entity label (already normalised to [A-Z][A-Z0-9_]*). */
export interface PlaceItem {
  readonly mac: Uint8Array;
  readonly entity: string;
}

/** What a new row is sealed with; `seal` runs inside the store's transaction, once per new row. */
export type SealFn = (placeholder: string, index: number) => Uint8Array;

export interface StoredPlaceholder {
  readonly ciphertext: Uint8Array;
  readonly keyVersion: number;
  readonly expiresAt: number;
}

export interface ConversationStore {
  /**
   * The placeholder of every item, in order, atomically: a MAC the scope holds keeps its
   * placeholder (and its expiry is pushed to `expiresAt`, never pulled in); a new MAC gets
   * `<ENTITY_n>` with n one above the highest n the scope has used for that entity (expired rows
   * count, so a number is never given to two values), sealed by `seal`. Safe against concurrent
   * callers in other processes: two writers of one scope serialise.
   */
  place(scope: ConversationScope, items: readonly PlaceItem[], seal: SealFn, keyVersion: number, now: number, expiresAt: number): Promise<string[]>;
  /** The sealed values of the placeholders the scope holds, by placeholder. Unknown ones are absent. */
  getMany(scope: ConversationScope, placeholders: readonly string[]): Promise<Map<string, StoredPlaceholder>>;
  /** Deletes rows that expired before `now` (all scopes); returns how many. */
  purgeExpired(now: number): Promise<number>;
  close(): Promise<void>;
}
