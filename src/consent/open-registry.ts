// The workspace's consent registry: consent.db beside the other local databases, or the shared
// store's cordon_consent_grants table when the workspace lives in PostgreSQL.
import { join } from 'node:path';
import { SqliteConsentStore } from './store/sqlite.js';
import { PostgresConsentStore } from './store/postgres.js';
import type { ConsentStore } from './store/types.js';

export const CONSENT_DB_FILE = 'consent.db';

export type ConsentRegistryLocation =
  | { readonly kind: 'local'; readonly home: string }
  | { readonly kind: 'postgres'; readonly url: string };

/** Opens (creating when missing) the consent registry at `at`. The caller closes it. */
export async function openConsentRegistry(at: ConsentRegistryLocation): Promise<ConsentStore> {
  switch (at.kind) {
    case 'local':
      return SqliteConsentStore.open(join(at.home, CONSENT_DB_FILE));
    case 'postgres':
      return PostgresConsentStore.open(at.url);
  }
}
