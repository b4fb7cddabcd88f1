// The lineage store: the interface, its SQLite and PostgreSQL backends (src/lineage/store/) and the
// location type that picks one. Re-exports only, so `lineage/store.js` stays the one import path.
export type { LineageDelivery, LineageEdge, LineageGraph, LineageNode, LineageStore, StoredLineageEvent } from './store/types.js';
export { SqliteLineageStore, LINEAGE_DB_FILE } from './store/sqlite.js';
export { PostgresLineageStore, type PostgresPool } from './store/postgres.js';
export { openLineageStore, lineageLocationName, type LineageLocation, type OpenLineageStoreOptions } from './store/open.js';
