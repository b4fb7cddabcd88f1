// The OpenLineage RunEvent of one phase of a protect run (START, COMPLETE or FAIL), built from what
// the run knows: the contract (columns, classifications, operators) and, once it completes, the run
// manifest (files, hashes, row counts, the operators actually applied). Pure apart from the clock
// and host name defaults; names, counts and hashes only, never a value from the data.
import type { Contract, ContractColumn } from '../contracts/types.js';
import { selectDataset } from '../contracts/select-dataset.js';
import { CordonError } from '../errors.js';
import type { RunManifest } from '../pipeline/protect-file.js';
import { datasetUri, fileDataset, pathDataset } from './dataset-name.js';
import {
  CORDON_FACET_KEY, CORDON_FACET_SCHEMA_URL, CORDON_PRODUCER, FACET_SCHEMA_URLS, OPENLINEAGE_SCHEMA_URL,
  type BaseFacet, type DatasetRef, type LineageDataset, type RunEvent, type Transformation,
} from './types.js';

/** The job namespace protect runs are filed under unless configured otherwise. */
export const DEFAULT_JOB_NAMESPACE = 'cordon';

/**
 * How each operator shows in columnLineage (ColumnLineageDatasetFacet 1-2-0, "Transformation
 * Type"): every operator derives the output value from the same column of the same row, so DIRECT;
 * `keep` passes it as is (IDENTITY); all others change it so the original is not readable from the
 * output (TRANSFORMATION with masking). An operator missing here is reported as masking (fail closed).
 */
const TRANSFORMATIONS: Readonly<Record<string, Pick<Transformation, 'subtype' | 'masking'>>> = {
  keep: { subtype: 'IDENTITY', masking: false },
  redact: { subtype: 'TRANSFORMATION', masking: true },
  mask: { subtype: 'TRANSFORMATION', masking: true },
  hash: { subtype: 'TRANSFORMATION', masking: true },
  tokenize: { subtype: 'TRANSFORMATION', masking: true },
  deterministic: { subtype: 'TRANSFORMATION', masking: true },
  fpe: { subtype: 'TRANSFORMATION', masking: true },
  encrypt: { subtype: 'TRANSFORMATION', masking: true },
  generalize: { subtype: 'TRANSFORMATION', masking: true },
  'date-shift': { subtype: 'TRANSFORMATION', masking: true },
  text: { subtype: 'TRANSFORMATION', masking: true },
};

/** The columnLineage transformation for an operator. */
export function transformationFor(operator: string): Transformation {
  const t = TRANSFORMATIONS[operator] ?? { subtype: 'TRANSFORMATION', masking: true };
  return { type: 'DIRECT', subtype: t.subtype, description: operator, masking: t.masking };
}

interface Common {
  readonly contract: Contract;
  /** The contract's dataset the run protects (default: its only one). */
  readonly dataset?: string;
  /** The run's id, the same for all its events (newRunId()). */
  readonly runId: string;
  /** Default: now. */
  readonly eventTime?: string;
  readonly cordonVersion: string;
  /** Default `cordon`. */
  readonly jobNamespace?: string;
  /** Host in dataset namespaces (default: this machine) and base for relative paths (default: cwd). */
  readonly host?: string;
  readonly cwd?: string;
  /** More run facets, by key (the risk gate's `cordon_risk`). */
  readonly runFacets?: Readonly<Record<string, unknown>>;
}

/** What a protect run knows at each phase. */
export type ProtectLineageInput =
  | (Common & { readonly phase: 'start'; readonly input: string; readonly output: string; readonly quarantine?: string })
  | (Common & { readonly phase: 'complete'; readonly manifest: RunManifest })
  | (Common & {
    readonly phase: 'fail'; readonly input: string; readonly output: string; readonly quarantine?: string;
    /** What the run threw (pass the caught value as is), or a code and message. */
    readonly error: unknown;
  });

/**
 * The failure as the errorMessage facet shows it: a CordonError's code and message (which never
 * hold values), an explicit `{ code?, message }`, and for anything else only the error's class,
 * as the CLI prints it: a library's message might quote the data.
 */
export function failureMessage(e: unknown): string {
  if (e instanceof CordonError) return `${e.code}: ${e.message}`;
  if (typeof e === 'object' && e !== null && !(e instanceof Error) && typeof (e as { message?: unknown }).message === 'string') {
    const { code, message } = e as { code?: unknown; message: string };
    return typeof code === 'string' ? `${code}: ${message}` : message;
  }
  return `ERR_INTERNAL: unexpected failure${e instanceof Error ? ` (${e.name})` : ''}`;
}

function facet(schemaURL: string, body: Record<string, unknown>): BaseFacet {
  return { _producer: CORDON_PRODUCER, _schemaURL: schemaURL, ...body };
}

/** The operator the contract gives a column; the same default protect applies (fail closed). */
function plannedOperator(c: ContractColumn): string {
  return c.protect?.operator ?? (c.classification === 'public' || c.classification === 'internal' ? 'keep' : 'redact');
}

/**
 * The RunEvent for one phase of a protect run.
 *
 * @example
 * ```ts
 * const runId = newRunId();
 * const start = lineageForProtect({ phase: 'start', contract, runId, input: 'raw.csv', output: 'protected.csv', cordonVersion });
 * const manifest = await protectFile({ ... });
 * const done = lineageForProtect({ phase: 'complete', contract, runId, manifest, cordonVersion });
 * ```
 */
export function lineageForProtect(o: ProtectLineageInput): RunEvent {
  const ds = selectDataset(o.contract, o.phase === 'complete' ? o.manifest.contract.dataset : o.dataset);
  const where = { ...(o.host !== undefined ? { host: o.host } : {}), ...(o.cwd !== undefined ? { cwd: o.cwd } : {}) };
  const paths = o.phase === 'complete'
    ? { input: o.manifest.input.path, output: o.manifest.output.path, quarantine: o.manifest.quarantine?.path }
    : { input: o.input, output: o.output, quarantine: o.quarantine };
  const input = pathDataset(paths.input, 'stdin', where);
  const output = pathDataset(paths.output, 'stdout', where);
  const quarantine = paths.quarantine !== undefined ? fileDataset(paths.quarantine, where) : undefined;
  const byName = new Map(ds.columns.map((c) => [c.name, c]));
  // The operators the run applied (the manifest) or will apply (the contract).
  const operators: ReadonlyArray<{ name: string; operator: string }> = o.phase === 'complete'
    ? o.manifest.columns
    : ds.columns.map((c) => ({ name: c.name, operator: plannedOperator(c) }));
  const kept = operators.filter((c) => c.operator !== 'drop');
  const contractRef = {
    id: o.contract.id, version: o.contract.version, sha256: o.contract.sha256, dataset: ds.name,
  };
  const dataSource = (d: DatasetRef): BaseFacet => facet(FACET_SCHEMA_URLS.dataSource, { name: d.namespace, uri: datasetUri(d) });
  const m = o.phase === 'complete' ? o.manifest : undefined;

  const inputDataset: LineageDataset = {
    ...input,
    facets: {
      schema: facet(FACET_SCHEMA_URLS.schema, {
        fields: ds.columns.map((c, i) => ({ name: c.name, ...(c.logicalType ? { type: c.logicalType } : {}), ordinal_position: i + 1 })),
      }),
      dataSource: dataSource(input),
      ...(m ? { version: facet(FACET_SCHEMA_URLS.version, { datasetVersion: m.input.sha256 }) } : {}),
      [CORDON_FACET_KEY]: facet(CORDON_FACET_SCHEMA_URL, {
        role: 'source',
        contract: contractRef,
        columns: Object.fromEntries(ds.columns.map((c) => [c.name, { classification: c.classification, ...(c.entity ? { entity: c.entity } : {}) }])),
      }),
    },
    ...(m ? { inputFacets: { inputStatistics: facet(FACET_SCHEMA_URLS.inputStatistics, { rowCount: m.input.rows, size: m.input.bytes }) } } : {}),
  };

  const lineageOf = (cols: ReadonlyArray<{ name: string; operator: string }>): BaseFacet => facet(FACET_SCHEMA_URLS.columnLineage, {
    fields: Object.fromEntries(cols.map((c) => [c.name, {
      inputFields: [{ namespace: input.namespace, name: input.name, field: c.name, transformations: [transformationFor(c.operator)] }],
    }])),
  });

  const protectedDataset: LineageDataset = {
    ...output,
    facets: {
      schema: facet(FACET_SCHEMA_URLS.schema, {
        // An operator other than keep may change a column's type (generalize a date to a year), so
        // only kept columns carry the contract's logical type.
        fields: kept.map((c, i) => {
          const t = byName.get(c.name)?.logicalType;
          return { name: c.name, ...(c.operator === 'keep' && t ? { type: t } : {}), ordinal_position: i + 1 };
        }),
      }),
      dataSource: dataSource(output),
      columnLineage: lineageOf(kept),
      ...(m ? { version: facet(FACET_SCHEMA_URLS.version, { datasetVersion: m.output.sha256 }) } : {}),
      [CORDON_FACET_KEY]: facet(CORDON_FACET_SCHEMA_URL, {
        role: 'protected',
        contract: contractRef,
        columns: Object.fromEntries(kept.map((c) => {
          const col = byName.get(c.name);
          return [c.name, { classification: col?.classification ?? 'confidential', operator: c.operator, ...(col?.entity ? { entity: col.entity } : {}) }];
        })),
        dropped: operators.filter((c) => c.operator === 'drop').map((c) => c.name),
        ...(m ? { format: m.output.format, encrypted: m.output.encrypted, keys: m.keys.map((k) => ({ name: k.name, version: k.version })) } : {}),
      }),
    },
    ...(m ? { outputFacets: { outputStatistics: facet(FACET_SCHEMA_URLS.outputStatistics, { rowCount: m.output.rows }) } } : {}),
  };

  // Quarantined rows are the input's rows as they were: identity lineage, still sensitive.
  const quarantineDataset: LineageDataset | undefined = quarantine === undefined ? undefined : {
    ...quarantine,
    facets: {
      schema: facet(FACET_SCHEMA_URLS.schema, { fields: ds.columns.map((c, i) => ({ name: c.name, ...(c.logicalType ? { type: c.logicalType } : {}), ordinal_position: i + 1 })) }),
      dataSource: dataSource(quarantine),
      columnLineage: lineageOf(ds.columns.map((c) => ({ name: c.name, operator: 'keep' }))),
      ...(m?.quarantine ? { version: facet(FACET_SCHEMA_URLS.version, { datasetVersion: m.quarantine.sha256 }) } : {}),
      [CORDON_FACET_KEY]: facet(CORDON_FACET_SCHEMA_URL, {
        role: 'quarantine',
        contract: contractRef,
        columns: Object.fromEntries(ds.columns.map((c) => [c.name, { classification: c.classification, operator: 'keep', ...(c.entity ? { entity: c.entity } : {}) }])),
        dropped: [],
        ...(m?.quarantine ? { format: m.quarantine.format, encrypted: m.quarantine.encrypted } : {}),
      }),
    },
    ...(m?.quarantine ? { outputFacets: { outputStatistics: facet(FACET_SCHEMA_URLS.outputStatistics, { rowCount: m.quarantine.rows }) } } : {}),
  };

  return {
    eventType: o.phase === 'start' ? 'START' : o.phase === 'complete' ? 'COMPLETE' : 'FAIL',
    eventTime: o.eventTime ?? (m ? m.finishedAt : new Date().toISOString()),
    producer: CORDON_PRODUCER,
    schemaURL: OPENLINEAGE_SCHEMA_URL,
    run: {
      runId: o.runId,
      facets: {
        processing_engine: facet(FACET_SCHEMA_URLS.processing_engine, { name: 'cordon', version: o.cordonVersion }),
        ...o.runFacets,
        ...(o.phase === 'fail' ? {
          errorMessage: facet(FACET_SCHEMA_URLS.errorMessage, {
            message: failureMessage(o.error),
            programmingLanguage: 'TypeScript',
          }),
        } : {}),
      },
    },
    job: {
      namespace: o.jobNamespace ?? DEFAULT_JOB_NAMESPACE,
      name: `protect.${o.contract.id}.${ds.name}`,
      facets: { jobType: facet(FACET_SCHEMA_URLS.jobType, { processingType: 'BATCH', integration: 'CORDON', jobType: 'PROTECT' }) },
    },
    inputs: [inputDataset],
    outputs: quarantineDataset ? [protectedDataset, quarantineDataset] : [protectedDataset],
  };
}
