// Key store records and the storage interface. A store keeps metadata in the clear and key
// material only wrapped by the master key; it never sees plaintext material.

/** `token-signing`: the Ed25519 seed that signs the service's access tokens (workspace/token-signing.ts). */
/** `receipt-signing` and `provenance-signing`: Ed25519 seeds that sign erasure receipts and RAG chunk provenance (workspace/signing-keys.ts). */
export type KeyPurpose = 'envelope' | 'deterministic' | 'fpe' | 'mac' | 'token-signing' | 'receipt-signing' | 'provenance-signing';
export type KeyStatus = 'active' | 'retired';
export type KeyVersionState = 'enabled' | 'destroyed';

export interface KeyRecord {
  readonly name: string;
  readonly purpose: KeyPurpose;
  readonly status: KeyStatus;
  readonly primaryVersion: number;
  /** Versions below this one no longer decrypt (they stay stored and can be re-enabled by lowering it). */
  readonly minDecryptionVersion: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /**
   * The tenant the key belongs to, set when it is created and never changed; absent for a key of
   * no tenant. The server hands it to the policy as the key resource's `tenant`.
   */
  readonly tenant?: string;
}

export interface KeyVersionRecord {
  readonly name: string;
  readonly version: number;
  readonly state: KeyVersionState;
  /** Id of the master key that wrapped the material. */
  readonly kekId: string;
  /** Material wrapped by the master key; null once destroyed. */
  readonly wrapped: Uint8Array | null;
  readonly createdAt: string;
  readonly destroyedAt: string | null;
}

/** Storage for keys. Implementations make each call atomic and safe across processes. */
export interface KeyStore {
  getKey(name: string): Promise<KeyRecord | undefined>;
  listKeys(): Promise<KeyRecord[]>;
  getVersion(name: string, version: number): Promise<KeyVersionRecord | undefined>;
  listVersions(name: string): Promise<KeyVersionRecord[]>;
  /** Inserts a key with its first version; throws ERR_KEY_EXISTS if the name is taken. */
  createKey(key: KeyRecord, first: KeyVersionRecord): Promise<void>;
  /**
   * Adds version `next.version` and makes it primary, only if the key's newest version is still
   * `next.version - 1`. Returns false when another writer got there first (the caller retries).
   */
  addVersion(next: KeyVersionRecord, at: string): Promise<boolean>;
  updateKey(name: string, patch: { status?: KeyStatus; minDecryptionVersion?: number }, at: string): Promise<KeyRecord>;
  /** Erases the wrapped material of a version and records when. */
  destroyVersion(name: string, version: number, at: string): Promise<KeyVersionRecord>;
  close(): Promise<void>;
}
