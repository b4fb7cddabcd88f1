// The records of a request the server may process for a dataset with a subject column, as cordon
// protect admits them (docs/consent.md, docs/erasure.md): where the contract requires consent, only
// records whose subject holds a standing grant of the request's purpose in the registry; never the
// records of an erased subject (a tombstone in the dataset's scope or every scope). Used by
// POST /v1/protect (the records it was sent) and POST /v1/dp/query (the file the server reads).
import { CordonError } from '../errors.js';
import type { ContractDataset } from '../contracts/types.js';
import type { DatasetRecord } from '../io/record.js';
import type { TypedRecord } from '../io/value.js';
import { subjectOf } from '../pipeline/subject-sink.js';
import { subjectScope } from '../erasure/record-subjects.js';
import type { RouteContext } from './route.js';

/** The records that may be processed: 0-based input rows, and how many were left out for each reason. */
export interface Admitted { readonly rows: number[]; readonly withoutConsent: number; readonly erased: number }

/**
 * The consent gate and the tombstones, in the CLI's order (consent first, then erasure). A record
 * without a subject id has no consent (fail closed) and cannot be tombstoned.
 */
export async function admitRecords(records: ReadonlyArray<TypedRecord | DatasetRecord>, contractId: string, dataset: ContractDataset, ctx: RouteContext): Promise<Admitted> {
  const column = dataset.subject;
  let rows = records.map((_, i) => i);
  if (column === undefined) return { rows, withoutConsent: 0, erased: 0 };
  const subjectNulls = dataset.columns.find((c) => c.name === column)?.nullValues;
  const nulls = subjectNulls !== undefined ? new Set(subjectNulls) : undefined;
  const ids = records.map((r) => subjectOf(r, column, nulls));
  let withoutConsent = 0;
  if (dataset.consent?.required === true) {
    // The PEP checked both before the policy; checked again here so the handler never runs without them.
    if (ctx.purpose === undefined || ctx.deps.consent === undefined) throw new CordonError('ERR_CONSENT_MISSING', 'this dataset\'s contract requires the data subjects\' consent: name the purpose');
    const named = rows.filter((i) => ids[i] !== null);
    const granted = await ctx.deps.consent.grantedEach(named.map((i) => ids[i]!), ctx.purpose);
    const ok = new Set(named.filter((_, k) => granted[k] === true));
    withoutConsent = rows.length - ok.size;
    rows = rows.filter((i) => ok.has(i));
  }
  if (ctx.deps.tombstones === undefined) throw new CordonError('ERR_WORKSPACE_MISSING', 'this server has no subject index: records of a dataset with a subject column cannot be checked against erasures');
  const named = rows.filter((i) => ids[i] !== null);
  const dead = await ctx.deps.tombstones(subjectScope(contractId, dataset.name), named.map((i) => ids[i]!));
  const gone = new Set(named.filter((_, k) => dead[k] === true));
  return { rows: rows.filter((i) => !gone.has(i)), withoutConsent, erased: gone.size };
}
