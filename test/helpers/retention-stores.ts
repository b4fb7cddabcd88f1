// The vault and subject index that retention runs against, on SQLite and (when CORDON_TEST_PG_URL
// is set) PostgreSQL scratch schemas: one row per backend, `[name, open(dir), skip options]`.
import { join } from 'node:path';
import { PG_SKIP, ScratchSchemas } from './pg-schemas.js';
import { SqliteVaultStore } from '../../src/vault/store/sqlite.js';
import { PostgresVaultStore } from '../../src/vault/store/postgres.js';
import { SqliteSubjectIndex } from '../../src/erasure/store/sqlite.js';
import { PostgresSubjectIndex } from '../../src/erasure/store/postgres.js';
import type { SubjectIndexStore } from '../../src/erasure/store/types.js';
import type { VaultStore } from '../../src/vault/types.js';

export type RetentionBackend = [string, (dir: string) => Promise<{ vault: VaultStore; index: SubjectIndexStore }>, { skip?: string }];

/** The backends, and the scratch schemas to drop after the suite (`after(() => schemas.dropAll())`). */
export function retentionBackends(prefix: string): { readonly schemas: ScratchSchemas; readonly backends: readonly RetentionBackend[] } {
  const schemas = new ScratchSchemas(prefix);
  return {
    schemas,
    backends: [
      ['SQLite', async (dir) => ({ vault: SqliteVaultStore.open(join(dir, 'vault.db')), index: SqliteSubjectIndex.open(join(dir, 'subjects.db')) }), {}],
      ['PostgreSQL', async () => {
        const { url } = await schemas.create();
        return { vault: await PostgresVaultStore.open(url), index: await PostgresSubjectIndex.open(url) };
      }, PG_SKIP],
    ],
  };
}
