// The protect run's hook for consent (issue 18 item 7): a run declared for a purpose keeps only the
// rows whose data subject granted it. The pipeline reads each row's subject id and asks the gate;
// the gate (src/consent/run-gate.ts) knows the registry's commitments, never the ids. A row with
// no subject id has no consent (fail closed). Must never: write an id anywhere, or reorder rows.
import type { TypedRecord } from '../io/value.js';
import { subjectOf } from './subject-sink.js';

export interface ConsentGate {
  /** The column whose value identifies a row's data subject (the contract's primaryKey). */
  readonly column: string;
  /** The run's purpose. */
  readonly purpose: string;
  /** What becomes of a row without consent: left out, or written to the quarantine file. */
  readonly onMissing: 'drop' | 'quarantine';
  /** Whether the subject's consent to the purpose stood when the run started. */
  admit(subjectId: string): boolean;
}

/**
 * The input without the rows whose subject did not consent; each such row goes to `refused`
 * (awaited, in input order) before the next row is read. A subject id that is one of the dataset's
 * null markers (`nulls`) is no id.
 */
export async function* gateRecords(records: AsyncIterable<TypedRecord>, gate: ConsentGate, refused: (record: TypedRecord) => Promise<void>, nulls?: ReadonlySet<string>): AsyncGenerator<TypedRecord> {
  for await (const r of records) {
    const id = subjectOf(r, gate.column, nulls);
    if (id !== null && gate.admit(id)) yield r;
    else await refused(r);
  }
}
