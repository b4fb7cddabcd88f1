// cordon/lineage: OpenLineage events of protect runs, their store, delivery and lineage queries. Re-exports only.
export { newRunId, runIdTime } from './run-id.js';
export { fileDataset, datasetUri, localHost, type FileDatasetOptions } from './dataset-name.js';
export { lineageForProtect, transformationFor, failureMessage, DEFAULT_JOB_NAMESPACE, type ProtectLineageInput } from './protect-events.js';
export {
  SqliteLineageStore, PostgresLineageStore, LINEAGE_DB_FILE, openLineageStore, lineageLocationName,
  type LineageStore, type LineageLocation, type OpenLineageStoreOptions, type PostgresPool, type LineageDelivery,
  type LineageEdge, type LineageGraph, type LineageNode, type StoredLineageEvent,
} from './store.js';
export { HttpLineageTransport, lineageEndpoint, type HttpTransportOptions, type QueuedEvent, type DeliveryReport } from './http-transport.js';
export { resolveLineageConfig, type LineageConfig } from './config.js';
export { lineageForErasure, type ErasureLineageInput } from './erase-events.js';
export { recordProtectLineage, recordErasureLineage, sendPendingLineage, type RecordLineageOptions, type RecordLineageResult, type DeliveryResult } from './record-protect.js';
export { traceLineage, resolveTraceTarget, type TraceResult, type TraceStep, type TraceOperator } from './trace.js';
export {
  CORDON_PRODUCER, CORDON_FACET_KEY, CORDON_FACET_SCHEMA_URL, FACET_SCHEMA_URLS, OPENLINEAGE_SCHEMA_URL,
  type RunEvent, type RunEventType, type BaseFacet, type DatasetRef, type LineageDataset, type LineageEmitter, type Transformation,
} from './types.js';
