// The subject index, tombstones and erasure journal (issue 18): which protect run's output rows
// belong to which data subject, known only by a keyed commitment (commitment.ts), never the id.
// One interface, one file per backend (sqlite.ts: the workspace's subjects.db; postgres.ts: the
// shared store's tables). Stores keep bytes and counts; they never see an id or a value.

/** A protect run whose output rows the index records. */
export interface SubjectRun {
  readonly runId: string;
  /** `<contract id>/<dataset>`: the scope an `erase --contract` narrows to. */
  readonly scope: string;
  /** The output file, as an absolute path. */
  readonly output: string;
  /** The run manifest beside it, when one was written. */
  readonly manifest: string | null;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
}

/** Where a subject's rows are: one run and its 0-based output rows, ascending. */
export interface SubjectRows {
  readonly run: SubjectRun;
  readonly rows: readonly number[];
}

/** A recorded erasure: later protect runs and reveals drop the subject's rows. */
export interface Tombstone {
  readonly commitment: Uint8Array;
  /** A scope (`<contract id>/<dataset>`), or `*` for every contract. */
  readonly scope: string;
  readonly erasureId: string;
  readonly at: number;
}

/**
 * A data subject's own key (`keyScope: subject`, subject-keys.ts), one per subject and scope. The
 * store holds it wrapped only; destroying it (crypto-shredding) drops the wrapped bytes and keeps
 * the row, so a later decrypt can say the subject was erased rather than "unknown key".
 */
export interface SubjectKeyRecord {
  readonly commitment: Uint8Array;
  /** `<contract id>/<dataset>`. */
  readonly scope: string;
  /** 16 random bytes, named in every ciphertext. */
  readonly kid: Uint8Array;
  /** nonce ‖ AES-256-GCM(key) ‖ tag under `keyVersion` of the subject-keys wrapping key; null once destroyed. */
  readonly wrapped: Uint8Array | null;
  readonly keyVersion: number;
  readonly createdAt: number;
}

/** One erasure's progress, for resuming after a crash (erase-subject.ts). */
export interface JournalRecord {
  readonly erasureId: string;
  readonly commitment: Uint8Array;
  readonly scope: string;
  /** JSON of the erasure's state: plan, steps done, results. Never an id or a value. */
  readonly state: string;
  readonly done: boolean;
}

/**
 * A person's approval of erasing a subject (`POST /v1/erase/approvals`, docs/erasure.md), which
 * `POST /v1/erase` hands to the policy as `context.approvedBy` until it expires.
 */
export interface ErasureApproval {
  readonly commitment: Uint8Array;
  /** The erasure's scope (`<contract id>/<dataset>` or `*`); a `*` approval also covers one scope. */
  readonly scope: string;
  /** The approving principal's id. */
  readonly approver: string;
  /** The erasure's tenant (the Cedar resource's, docs/erasure.md#tenants); absent: none. Only approvals of the erasure's own tenant count. */
  readonly tenant?: string;
  /** Milliseconds since the epoch. */
  readonly approvedAt: number;
  readonly expiresAt: number;
}

/**
 * A server erasure job (`POST /v1/erase`, server/erasure-jobs.ts), kept so that its status and
 * receipt outlive a restart and an interrupted job resumes when the server starts again.
 */
export interface ErasureJobRecord {
  readonly jobId: string;
  readonly commitment: Uint8Array;
  readonly scope: string;
  /** JSON of the job: what the API shows and what resuming needs (reason, principal, tenant, the audit commitment). Never an id or a value. */
  readonly state: string;
  /** Queued or running: resumed when the server starts. */
  readonly open: boolean;
  /** Milliseconds since the epoch of the last change. */
  readonly updatedAt: number;
}

export interface SubjectIndexStore {
  /** Records a run as pending: its rows count only once complete() is called. */
  beginRun(run: SubjectRun): Promise<void>;
  /** Adds (commitment, row) pairs of a pending run. */
  addRows(runId: string, commitments: readonly Uint8Array[], rows: readonly number[]): Promise<void>;
  /** The run's output is in place: its rows count. */
  completeRun(runId: string): Promise<void>;
  /** The run failed: its rows go. */
  abortRun(runId: string): Promise<void>;
  /** Where a subject's rows are in complete runs, in `scope` (or every scope), oldest run first. */
  find(commitment: Uint8Array, scope?: string): Promise<SubjectRows[]>;
  /**
   * After a run's output was rewritten without `removed` (0-based rows, ascending): deletes the
   * subject's pairs of that run and moves later rows of other subjects up, in one transaction.
   * Returns false (and changes nothing) when the subject has no pairs in that run any more: the
   * step was done already (erasure resumes call it again).
   */
  removeRows(runId: string, commitment: Uint8Array, removed: readonly number[]): Promise<boolean>;
  /** Retention: the complete runs of `scope` created before `before` (ms since the epoch), oldest first. */
  runsBefore(scope: string, before: number): Promise<SubjectRun[]>;
  addTombstone(t: Tombstone): Promise<void>;
  /** Every tombstone's commitment (hex) for `scope`: its own and the `*` ones. */
  tombstones(scope: string): Promise<Set<string>>;
  /** Adds subject keys; a subject that already has a key in that scope keeps its own (the new one is dropped). */
  putSubjectKeys(keys: readonly SubjectKeyRecord[]): Promise<void>;
  /** The keys (live or destroyed) of these subjects in `scope`. */
  subjectKeys(scope: string, commitments: readonly Uint8Array[]): Promise<SubjectKeyRecord[]>;
  /** The keys (live or destroyed) with these ids. */
  subjectKeysById(kids: readonly Uint8Array[]): Promise<SubjectKeyRecord[]>;
  /**
   * Crypto-shreds a subject's keys in `scope` (or every scope): the wrapped bytes are overwritten
   * and dropped, the row stays as the key's tombstone. Returns how many live keys were destroyed (0
   * when done already).
   */
  destroySubjectKeys(commitment: Uint8Array, scope?: string): Promise<number>;
  /**
   * Retention of subject keys: the live keys of `scope` made before `before` whose subject has no
   * row in a complete run of `scope` made at or after `before` — every value sealed under them is
   * past retention. Counts them, or with `destroy` crypto-shreds them and returns how many: the rows
   * are deleted (not kept as an erasure's tombstone), so a subject whose new data arrives later gets
   * a new key, and the old values name a key nobody holds. Undefined (and nothing destroyed) while a
   * run of `scope` made at or after `before` is pending: its rows are not known yet, so a key it
   * uses could look unused; a run beginning meanwhile waits for the destroy.
   */
  subjectKeysBefore(scope: string, before: number, options?: { readonly destroy?: boolean }): Promise<number | undefined>;
  /** Records an approval; the same approver approving the same erasure again replaces its times. */
  putApproval(a: ErasureApproval): Promise<void>;
  /**
   * The approvals of erasing the subject in `scope` (its own and the `*` ones) that have not expired
   * at `now`, oldest first. Expired ones are deleted on the way.
   */
  approvals(commitment: Uint8Array, scope: string, now: number): Promise<ErasureApproval[]>;
  /**
   * Uses up the approvals an erasure was authorised on, in one transaction: deletes every standing
   * approval (at `now`) of the subject in `scope` (its own and the `*` ones) by each of `approvers`,
   * all or none. Returns false and deletes nothing when one of them no longer stands (another
   * erasure used it first, or it expired): an approval authorises one erasure only.
   */
  consumeApprovals(commitment: Uint8Array, scope: string, approvers: readonly string[], now: number): Promise<boolean>;
  /** Creates or replaces a server erasure job's record. */
  putJob(r: ErasureJobRecord): Promise<void>;
  getJob(jobId: string): Promise<ErasureJobRecord | undefined>;
  /** The jobs queued or running (to resume), oldest change first. */
  openJobs(): Promise<ErasureJobRecord[]>;
  /** Deletes the finished jobs last changed before `before` (ms since the epoch); returns how many. */
  pruneJobs(before: number): Promise<number>;
  /** Creates or replaces an erasure's journal record. */
  putJournal(r: JournalRecord): Promise<void>;
  getJournal(erasureId: string): Promise<JournalRecord | undefined>;
  /** Erasures started and not finished. */
  unfinished(): Promise<JournalRecord[]>;
  close(): Promise<void>;
}
