// The workspace's subject index: subjects.db beside the other local databases, or the shared
// store's tables when the workspace lives in PostgreSQL.
import { join } from 'node:path';
import { SqliteSubjectIndex } from './store/sqlite.js';
import { PostgresSubjectIndex } from './store/postgres.js';
import type { SubjectIndexStore } from './store/types.js';

export const SUBJECTS_DB_FILE = 'subjects.db';

export type SubjectIndexLocation =
  | { readonly kind: 'local'; readonly home: string }
  | { readonly kind: 'postgres'; readonly url: string };

/** Opens (creating when missing) the subject index at `at`. The caller closes it. */
export async function openSubjectIndex(at: SubjectIndexLocation): Promise<SubjectIndexStore> {
  switch (at.kind) {
    case 'local':
      return SqliteSubjectIndex.open(join(at.home, SUBJECTS_DB_FILE));
    case 'postgres':
      return PostgresSubjectIndex.open(at.url);
  }
}
