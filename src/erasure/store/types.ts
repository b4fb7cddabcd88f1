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

/** One erasure's progress, for resuming after a crash (erase-subject.ts). */
export interface JournalRecord {
  readonly erasureId: string;
  readonly commitment: Uint8Array;
  readonly scope: string;
  /** JSON of the erasure's state: plan, steps done, results. Never an id or a value. */
  readonly state: string;
  readonly done: boolean;
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
  addTombstone(t: Tombstone): Promise<void>;
  /** Every tombstone's commitment (hex) for `scope`: its own and the `*` ones. */
  tombstones(scope: string): Promise<Set<string>>;
  /** Creates or replaces an erasure's journal record. */
  putJournal(r: JournalRecord): Promise<void>;
  getJournal(erasureId: string): Promise<JournalRecord | undefined>;
  /** Erasures started and not finished. */
  unfinished(): Promise<JournalRecord[]>;
  close(): Promise<void>;
}
