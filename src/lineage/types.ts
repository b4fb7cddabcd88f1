// OpenLineage 2-0-2 RunEvents as Cordon emits them (https://openlineage.io/spec/2-0-2/OpenLineage.json),
// the facet schema URLs Cordon uses, and the one-method emitter interface. Pure data: no I/O.
// Events name datasets, columns, operators, counts and hashes only; never a value from a dataset.

/** The core spec every event declares (`schemaURL`). */
export const OPENLINEAGE_SCHEMA_URL = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';

/**
 * Who produced the metadata (`producer`, `_producer`). The spec asks for a URI naming the producer
 * and its version; Cordon has no published repository URL yet, so it names itself by a tag URI.
 */
export const CORDON_PRODUCER = 'https://cordon.dev/lineage/producer/0.1.0';

/** Standard facets: `_schemaURL` is the facet file's `$id` plus the JSON Pointer to its definition. */
export const FACET_SCHEMA_URLS = {
  schema: 'https://openlineage.io/spec/facets/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet',
  columnLineage: 'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet',
  dataSource: 'https://openlineage.io/spec/facets/1-0-1/DatasourceDatasetFacet.json#/$defs/DatasourceDatasetFacet',
  version: 'https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet',
  inputStatistics: 'https://openlineage.io/spec/facets/1-0-0/InputStatisticsInputDatasetFacet.json#/$defs/InputStatisticsInputDatasetFacet',
  outputStatistics: 'https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet',
  jobType: 'https://openlineage.io/spec/facets/2-0-4/JobTypeJobFacet.json#/$defs/JobTypeJobFacet',
  processing_engine: 'https://openlineage.io/spec/facets/1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet',
  errorMessage: 'https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet',
} as const;

/**
 * Cordon's custom dataset facet, key `cordon_protection` (custom facet naming: `{prefix}_{name}`,
 * schema `{Prefix}{Name}{Entity}Facet`). Its schema ships in docs/lineage/CordonProtectionDatasetFacet.json.
 */
export const CORDON_FACET_KEY = 'cordon_protection';
export const CORDON_FACET_SCHEMA_URL = 'https://cordon.dev/spec/facets/1-0-0/CordonProtectionDatasetFacet.json#/$defs/CordonProtectionDatasetFacet';

export type RunEventType = 'START' | 'RUNNING' | 'COMPLETE' | 'ABORT' | 'FAIL' | 'OTHER';

export interface BaseFacet {
  readonly _producer: string;
  readonly _schemaURL: string;
  readonly [k: string]: unknown;
}

export interface DatasetRef {
  readonly namespace: string;
  readonly name: string;
}

export interface LineageDataset extends DatasetRef {
  readonly facets?: Readonly<Record<string, BaseFacet>>;
  readonly inputFacets?: Readonly<Record<string, BaseFacet>>;
  readonly outputFacets?: Readonly<Record<string, BaseFacet>>;
}

export interface RunEvent {
  readonly eventType: RunEventType;
  readonly eventTime: string;
  readonly producer: string;
  readonly schemaURL: string;
  readonly run: { readonly runId: string; readonly facets?: Readonly<Record<string, BaseFacet>> };
  readonly job: { readonly namespace: string; readonly name: string; readonly facets?: Readonly<Record<string, BaseFacet>> };
  readonly inputs: readonly LineageDataset[];
  readonly outputs: readonly LineageDataset[];
}

/** One transformation of a columnLineage input field (ColumnLineageDatasetFacet 1-2-0). */
export interface Transformation {
  readonly type: 'DIRECT' | 'INDIRECT';
  readonly subtype: string;
  readonly description: string;
  readonly masking: boolean;
}

/** Where events go: the local store, an HTTP endpoint, or both. One method. */
export interface LineageEmitter {
  emit(events: readonly RunEvent[]): Promise<void>;
}
