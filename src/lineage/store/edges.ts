// The edges a RunEvent adds to a lineage store, and a stored edge row read back as a LineageEdge.
// Shared by every backend so that SQLite and PostgreSQL index exactly the same edges from the same
// event. Only COMPLETE events make edges: START and FAIL describe intent, not data that was written.
import { CORDON_FACET_KEY, type RunEvent } from '../types.js';
import type { LineageEdge } from './types.js';

/** dataset → dataset: every input of a completed run flowed into every output. */
export interface DatasetEdgeRow {
  readonly in_ns: string;
  readonly in_name: string;
  readonly out_ns: string;
  readonly out_name: string;
}

/** column → column, from an output's columnLineage facet, with the operator Cordon applied. */
export interface ColumnEdgeRow extends DatasetEdgeRow {
  readonly in_field: string;
  readonly out_field: string;
  readonly operator: string;
  readonly type: string;
  readonly subtype: string | null;
  readonly masking: boolean | null;
}

/** A row as a store reads it back (dataset edges have no field, operator or transformation). */
export interface StoredEdgeRow {
  readonly run_id: string;
  readonly job_name: string;
  readonly event_time: string;
  readonly in_ns: string;
  readonly in_name: string;
  readonly in_field?: string;
  readonly out_ns: string;
  readonly out_name: string;
  readonly out_field?: string;
  readonly operator?: string;
  readonly type?: string;
  readonly subtype?: string | null;
  readonly masking?: boolean | null;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Obj : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function columnEdgesOf(e: RunEvent): ColumnEdgeRow[] {
  const rows: ColumnEdgeRow[] = [];
  for (const out of e.outputs ?? []) {
    // Any producer's columnLineage facet counts; Cordon's own facet names the operator exactly.
    const fields = obj(obj(out.facets?.columnLineage)?.fields) ?? {};
    const cordon = obj(obj(out.facets?.[CORDON_FACET_KEY])?.columns) ?? {};
    for (const [field, spec] of Object.entries(fields)) {
      const inputs = obj(spec)?.inputFields;
      if (!Array.isArray(inputs)) continue;
      for (const i of inputs) {
        const f = obj(i);
        const ns = str(f?.namespace);
        const name = str(f?.name);
        const inField = str(f?.field);
        if (ns === undefined || name === undefined || inField === undefined) continue;
        const t = obj(Array.isArray(f!.transformations) ? f!.transformations[0] : undefined);
        rows.push({
          in_ns: ns, in_name: name, in_field: inField, out_ns: out.namespace, out_name: out.name, out_field: field,
          operator: str(obj(cordon[field])?.operator) ?? str(t?.description) ?? str(t?.subtype) ?? 'unknown',
          type: str(t?.type) ?? 'DIRECT', subtype: str(t?.subtype) ?? null,
          masking: typeof t?.masking === 'boolean' ? t.masking : null,
        });
      }
    }
  }
  return rows;
}

/** The dataset and column edges one event adds; none unless it is a COMPLETE event. */
export function edgesOfEvent(e: RunEvent): { readonly datasets: DatasetEdgeRow[]; readonly columns: ColumnEdgeRow[] } {
  if (e.eventType !== 'COMPLETE') return { datasets: [], columns: [] };
  const datasets: DatasetEdgeRow[] = [];
  for (const i of e.inputs ?? []) for (const o of e.outputs ?? []) datasets.push({ in_ns: i.namespace, in_name: i.name, out_ns: o.namespace, out_name: o.name });
  return { datasets, columns: columnEdgesOf(e) };
}

export function toEdge(r: StoredEdgeRow): LineageEdge {
  return {
    runId: r.run_id, job: r.job_name, eventTime: r.event_time,
    from: { namespace: r.in_ns, name: r.in_name, ...(r.in_field !== undefined ? { field: r.in_field } : {}) },
    to: { namespace: r.out_ns, name: r.out_name, ...(r.out_field !== undefined ? { field: r.out_field } : {}) },
    ...(r.operator !== undefined ? { operator: r.operator } : {}),
    ...(r.type !== undefined ? {
      transformation: { type: r.type, ...(r.subtype != null ? { subtype: r.subtype } : {}), ...(r.masking != null ? { masking: r.masking } : {}) },
    } : {}),
  };
}
