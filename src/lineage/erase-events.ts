// The OpenLineage RunEvent of an erasure (issue 18 item 4): one COMPLETE event per `cordon erase`
// whose outputs were rewritten, job `erase.<contract id>.<dataset>` (or `erase.all`), each
// rewritten file as input (its version before: the SHA-256 the manifest had) and as output (its
// version after, and its row count). A lineage consumer sees the file change and why (job type
// ERASE) without learning whose rows went: the event names no subject, no commitment, no value.
import { datasetUri, fileDataset } from './dataset-name.js';
import { DEFAULT_JOB_NAMESPACE } from './protect-events.js';
import { CORDON_PRODUCER, FACET_SCHEMA_URLS, OPENLINEAGE_SCHEMA_URL, type BaseFacet, type LineageDataset, type RunEvent } from './types.js';

export interface ErasureLineageInput {
  /** A lineage run id (newRunId()): OpenLineage wants a UUID, which the erasure id is not. */
  readonly runId: string;
  /** `<contract id>/<dataset>` or `*`. */
  readonly scope: string;
  readonly outputs: ReadonlyArray<{ readonly path: string; readonly sha256Before: string; readonly sha256After: string; readonly rowsAfter: number }>;
  readonly cordonVersion: string;
  /** Default: now. */
  readonly eventTime?: string;
  /** Default `cordon`. */
  readonly jobNamespace?: string;
  readonly host?: string;
  readonly cwd?: string;
}

function facet(schemaURL: string, body: Record<string, unknown>): BaseFacet {
  return { _producer: CORDON_PRODUCER, _schemaURL: schemaURL, ...body };
}

/**
 * @example
 * ```ts
 * const ev = lineageForErasure({ runId: newRunId(), scope: 'crm/customers', outputs: [{ path, sha256Before, sha256After, rowsAfter }], cordonVersion });
 * ```
 */
export function lineageForErasure(o: ErasureLineageInput): RunEvent {
  const where = { ...(o.host !== undefined ? { host: o.host } : {}), ...(o.cwd !== undefined ? { cwd: o.cwd } : {}) };
  const at = (path: string, sha256: string, rows?: number): LineageDataset => {
    const d = fileDataset(path, where);
    return {
      ...d,
      facets: {
        dataSource: facet(FACET_SCHEMA_URLS.dataSource, { name: d.namespace, uri: datasetUri(d) }),
        version: facet(FACET_SCHEMA_URLS.version, { datasetVersion: sha256 }),
      },
      ...(rows !== undefined ? { outputFacets: { outputStatistics: facet(FACET_SCHEMA_URLS.outputStatistics, { rowCount: rows }) } } : {}),
    };
  };
  return {
    eventType: 'COMPLETE',
    eventTime: o.eventTime ?? new Date().toISOString(),
    producer: CORDON_PRODUCER,
    schemaURL: OPENLINEAGE_SCHEMA_URL,
    run: { runId: o.runId, facets: { processing_engine: facet(FACET_SCHEMA_URLS.processing_engine, { name: 'cordon', version: o.cordonVersion }) } },
    job: {
      namespace: o.jobNamespace ?? DEFAULT_JOB_NAMESPACE,
      name: o.scope === '*' ? 'erase.all' : `erase.${o.scope.replace('/', '.')}`,
      facets: { jobType: facet(FACET_SCHEMA_URLS.jobType, { processingType: 'BATCH', integration: 'CORDON', jobType: 'ERASE' }) },
    },
    inputs: o.outputs.map((x) => at(x.path, x.sha256Before)),
    outputs: o.outputs.map((x) => at(x.path, x.sha256After, x.rowsAfter)),
  };
}
