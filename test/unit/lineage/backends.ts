// The lineage store backends the shared lineage tests run against: SQLite always, PostgreSQL when
// CORDON_TEST_PG_URL is set (.ci/run sets it; without it the PostgreSQL runs report themselves
// skipped). Each PostgreSQL location is a fresh schema, reached through `?options=-c search_path=…`
// (test/helpers/pg-schemas.ts); dropLineageSchemas() removes them (call it in `after`).
import { join } from 'node:path';
import type { LineageLocation } from '../../../src/lineage/store/open.js';
import { tempDir } from '../../helpers/keyring.js';
import { PG_SKIP, PG_URL, ScratchSchemas } from '../../helpers/pg-schemas.js';

export { PG_URL };

export interface LineageBackend {
  readonly name: 'sqlite' | 'postgres';
  readonly skip?: string;
  /** A fresh, empty store location: a new lineage.db path, or a new PostgreSQL schema. */
  location(): Promise<LineageLocation>;
}

const schemas = new ScratchSchemas('cordon_lineage_test');

export const BACKENDS: readonly LineageBackend[] = [
  {
    name: 'sqlite',
    async location() { return { kind: 'sqlite', path: join(tempDir('cordon-lineage-'), 'lineage.db') }; },
  },
  {
    name: 'postgres',
    ...PG_SKIP,
    async location() {
      return { kind: 'postgres', url: (await schemas.create()).url };
    },
  },
];

export function dropLineageSchemas(): Promise<void> {
  return schemas.dropAll();
}
