// Protect's side of the subject index: a SubjectSink (src/pipeline/subject-sink.ts) that records
// each output row's subject commitment for a run and turns away rows of tombstoned subjects. The
// run counts only once complete() is called after the output is in place; abort() forgets it.
// Must never: store or log a subject id.
import { resolve } from 'node:path';
import { CordonError } from '../errors.js';
import type { Keyring } from '../keys/keyring.js';
import type { SubjectSink } from '../pipeline/subject-sink.js';
import type { ContractDataset } from '../contracts/types.js';
import { commitSubject, commitSubjects, hexOf, subjectIndexKey } from './commitment.js';
import type { SubjectIndexStore } from './store/types.js';

export interface SubjectRunOptions {
  readonly runId: string;
  readonly contractId: string;
  readonly dataset: ContractDataset;
  /** The run's output file (not stdout: rows on a pipe cannot be found again). */
  readonly output: string;
  readonly manifest?: string;
}

export interface RecordedSubjectRun {
  readonly sink: SubjectSink;
  complete(): Promise<void>;
  abort(): Promise<void>;
}

/** The scope of a dataset's subjects: `<contract id>/<dataset>`. */
export const subjectScope = (contractId: string, dataset: string): string => `${contractId}/${dataset}`;

/**
 * Starts recording a protect run's subjects, or returns undefined when the dataset declares no
 * subject (no primaryKey column): such a dataset's rows cannot be erased by subject.
 */
export async function recordSubjects(store: SubjectIndexStore, keyring: Keyring, o: SubjectRunOptions): Promise<RecordedSubjectRun | undefined> {
  const column = o.dataset.subject;
  if (column === undefined) return undefined;
  if (o.output === '-') throw new CordonError('ERR_USAGE', 'rows written to stdout cannot be erased later: write the output to a file when the dataset has a subject (primaryKey)');
  const key = await subjectIndexKey(keyring);
  const scope = subjectScope(o.contractId, o.dataset.name);
  // Tombstones are few (one per erased subject): held in memory for the run.
  const erased = await store.tombstones(scope);
  await store.beginRun({ runId: o.runId, scope, output: resolve(o.output), manifest: o.manifest !== undefined ? resolve(o.manifest) : null, createdAt: Date.now() });
  const sink: SubjectSink = {
    column,
    admit: (id) => erased.size === 0 || !erased.has(hexOf(commitSubject(key, id))),
    async reached(ids, first) {
      const at: number[] = [];
      const present: string[] = [];
      ids.forEach((id, i) => { if (id !== null) { at.push(first + i); present.push(id); } });
      await store.addRows(o.runId, commitSubjects(key, present), at);
    },
  };
  return { sink, complete: () => store.completeRun(o.runId), abort: () => store.abortRun(o.runId) };
}
