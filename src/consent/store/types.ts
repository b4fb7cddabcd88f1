// The consent registry (issue 18 item 7): which purposes each data subject has granted, and when,
// known only by the subject index's keyed commitment (src/erasure/commitment.ts), never the id.
// A grant is an interval: it starts when granted and ends when withdrawn; a withdrawal closes the
// open interval and is kept, so the registry answers "was consent given at time T?" for any T.
// One interface, one file per backend (sqlite.ts: the workspace's consent.db; postgres.ts: the
// shared store's cordon_consent table). Stores keep bytes, purposes and times; never an id.

/** One grant of one purpose by one subject. */
export interface ConsentRecord {
  readonly commitment: Uint8Array;
  readonly purpose: string;
  /** Milliseconds since the epoch. */
  readonly grantedAt: number;
  /** Null while the grant stands. */
  readonly withdrawnAt: number | null;
}

/** A change the store applied (or found already applied). */
export interface ConsentChange {
  /** False when nothing changed: a grant already open, or no open grant to withdraw. */
  readonly changed: boolean;
}

export interface ConsentStore {
  /** Opens a grant of `purpose` at `at` unless one is open already. */
  grant(commitment: Uint8Array, purpose: string, at: number): Promise<ConsentChange>;
  /** Closes the open grant of `purpose` at `at` (not before it opened), if there is one. */
  withdraw(commitment: Uint8Array, purpose: string, at: number): Promise<ConsentChange>;
  /** Every record of one subject, oldest first. */
  history(commitment: Uint8Array): Promise<ConsentRecord[]>;
  /** Whether the subject's grant of `purpose` stood at `at`. */
  granted(commitment: Uint8Array, purpose: string, at: number): Promise<boolean>;
  /**
   * The commitments whose grant of `purpose` stood at `at`, 32 bytes each, concatenated in
   * ascending byte order (a protect run holds them in one buffer and searches it).
   */
  grantedAll(purpose: string, at: number): Promise<Uint8Array>;
  /** For each commitment, in order: whether its grant of `purpose` stood at `at` (a batch's subjects in one query). */
  grantedEach(commitments: readonly Uint8Array[], purpose: string, at: number): Promise<boolean[]>;
  /** Counts of open grants per purpose. */
  summary(): Promise<Array<{ purpose: string; granted: number; withdrawn: number }>>;
  close(): Promise<void>;
}
