// RAG ingestion's side of the subject index (issue 18 item 3): names a JSONL record's data subjects
// by the same keyed commitment protect records (commitment.ts), in the scope of the contract's
// dataset, and hands over the tombstones of that scope so an erased subject's records are not
// ingested again. src/rag takes the result as its SubjectTagger (same shape) and never sees the key.
// Must never: return, store or log a subject id.
import type { ContractDataset } from '../contracts/types.js';
import type { Keyring } from '../keys/keyring.js';
import { commitSubjects, hexOf, subjectIndexKey } from './commitment.js';
import { subjectScope } from './record-subjects.js';
import type { SubjectIndexStore } from './store/types.js';

export interface RecordSubjectTagger {
  readonly scope: string;
  commit(ids: readonly string[]): string[];
  readonly erased: ReadonlySet<string>;
}

/**
 * The tagger for documents ingested under a contract's dataset, or undefined when the dataset
 * declares no subject (no primaryKey column): its documents cannot name one.
 *
 * @example
 * const tagger = await subjectTagger(index, ws.keyring, contract.id, dataset);
 * await ingestDocuments(docs, { ...options, ...(tagger ? { subjects: tagger } : {}) });
 */
export async function subjectTagger(store: SubjectIndexStore, keyring: Keyring, contractId: string, dataset: ContractDataset): Promise<RecordSubjectTagger | undefined> {
  if (dataset.subject === undefined) return undefined;
  const key = await subjectIndexKey(keyring);
  const scope = subjectScope(contractId, dataset.name);
  const erased = await store.tombstones(scope);
  return { scope, erased, commit: (ids) => commitSubjects(key, ids).map(hexOf) };
}
