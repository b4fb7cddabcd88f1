// The lineage store backends the shared lineage tests run against: SQLite always, PostgreSQL when
// CORDON_TEST_PG_URL is set (.ci/run sets it; without it the PostgreSQL runs report themselves
// skipped). Each PostgreSQL location is a fresh schema, reached through `?options=-c search_path=…`
// as in test/integration/vault.test.ts; dropLineageSchemas() removes them (call it in `after`).
import { join } from 'node:path';
import pg from 'pg';
import type { LineageLocation } from '../../../src/lineage/store/open.js';
import { tempDir } from '../../helpers/keyring.js';

export const PG_URL = process.env['CORDON_TEST_PG_URL'];

export interface LineageBackend {
  readonly name: 'sqlite' | 'postgres';
  readonly skip?: string;
  /** A fresh, empty store location: a new lineage.db path, or a new PostgreSQL schema. */
  location(): Promise<LineageLocation>;
}

const schemas: string[] = [];

/** `url` with its search_path set to `schema`. */
export const pgUrlFor = (url: string, schema: string): string => `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;

export const BACKENDS: readonly LineageBackend[] = [
  {
    name: 'sqlite',
    async location() { return { kind: 'sqlite', path: join(tempDir('cordon-lineage-'), 'lineage.db') }; },
  },
  {
    name: 'postgres',
    ...(PG_URL === undefined ? { skip: 'CORDON_TEST_PG_URL is not set (.ci/run sets it to the local PostgreSQL)' } : {}),
    async location() {
      const schema = `cordon_lineage_test_${process.pid}_${schemas.length}_${Date.now()}`;
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      try {
        await c.query(`CREATE SCHEMA ${schema}`);
      } finally {
        await c.end();
      }
      schemas.push(schema);
      return { kind: 'postgres', url: pgUrlFor(PG_URL!, schema) };
    },
  },
];

export async function dropLineageSchemas(): Promise<void> {
  if (PG_URL === undefined || schemas.length === 0) return;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    for (const s of schemas.splice(0)) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  } finally {
    await c.end();
  }
}
