// The protect run's hook for erasure (issue 18): which data subject each output row belongs to, and
// which subjects are erased (tombstoned) so their rows never reach an output again. The pipeline
// only reads the subject column of each input row and hands ids to the sink; the sink (src/erasure)
// keeps keyed commitments, never the ids. Must never: write an id anywhere, or change row order.
import { recordView } from '../io/record.js';
import type { TypedRecord } from '../io/value.js';

/** What protect tells erasure about a run (one-method-per-concern; see src/erasure/subject-index.ts). */
export interface SubjectSink {
  /** The column whose value identifies a row's data subject (the contract's primaryKey). */
  readonly column: string;
  /** False for a subject whose erasure is recorded: the row is dropped before any processing. */
  admit(subjectId: string): boolean;
  /**
   * Output rows `first` … `first + ids.length - 1` (0-based, in output order) belong to these
   * subjects (null: the row has no subject id). Called once per batch the writer takes.
   */
  reached(ids: ReadonlyArray<string | null>, first: number): Promise<void>;
}

/** The sink's view of one run: wraps the input, follows quarantined rows, and maps output rows to subjects. */
export interface SubjectTracker {
  /** The input without rows of erased subjects. */
  readonly records: AsyncIterable<TypedRecord>;
  /** protectRecords' 1-based row number of a quarantined row: that row reaches no output. */
  quarantined(row: number): void;
  /** The subject ids of the next `n` output rows, in order. */
  take(n: number): Array<string | null>;
  /** Input rows dropped because their subject was erased. */
  readonly erased: number;
}

/**
 * Subject id of a record: its value in `column` (flat view), or null when empty or one of the
 * dataset's null markers (`nulls`, io/null-values.ts). An integer id
 * (JSON, typed inputs) is its decimal text, the same id a CSV of it gives, so a tombstone or grant
 * made for "42" applies to 42 too (a number left out would slip past both).
 */
export function subjectOf(record: TypedRecord, column: string, nulls?: ReadonlySet<string>): string | null {
  const direct = record[column];
  const v = typeof direct === 'string' ? direct : recordView(record).record[column];
  if (typeof v === 'string') return v !== '' && nulls?.has(v) !== true ? v : null;
  if (typeof v === 'bigint' || (typeof v === 'number' && Number.isSafeInteger(v))) return String(v);
  return null;
}

/**
 * Follows subjects through a run. Row numbers are those protectRecords gives the rows it receives
 * (1, 2, …), so quarantined rows are matched to the ids queued for them; order is kept, so the n-th
 * output row is the n-th admitted row that was not quarantined.
 */
export function trackSubjects(records: AsyncIterable<TypedRecord>, sink: SubjectSink, nulls?: ReadonlySet<string>): SubjectTracker {
  const queue: Array<{ row: number; id: string | null }> = [];
  const skipped = new Set<number>();
  let head = 0;
  let erased = 0;
  const filtered = (async function* () {
    let row = 0;
    for await (const r of records) {
      const id = subjectOf(r, sink.column, nulls);
      if (id !== null && !sink.admit(id)) { erased++; continue; }
      queue.push({ row: ++row, id });
      yield r;
    }
  })();
  return {
    records: filtered,
    quarantined: (row) => { skipped.add(row); },
    take(n) {
      const out: Array<string | null> = [];
      while (out.length < n && head < queue.length) {
        const e = queue[head++]!;
        if (skipped.delete(e.row)) continue;
        out.push(e.id);
      }
      // Drop what was consumed now and then, so the queue holds only rows in flight.
      if (head > 4096) { queue.splice(0, head); head = 0; }
      if (out.length !== n) throw new TypeError('trackSubjects: more output rows than admitted input rows');
      return out;
    },
    get erased() { return erased; },
  };
}
