// Where a workspace keeps its state: `local` (files under CORDON_HOME: keys.db, audit.db, vault.db,
// lineage.db, apikeys.db) or `postgres` (every one of those as tables in one PostgreSQL database, so
// several Cordon instances share it and behave as one — docs/deploy.md). Chosen by `--store` or
// CORDON_STORE. The URL may carry a password: it is never printed, only `describeStore()` is.
import { CordonError } from '../errors.js';

/** The environment variable that names the shared store (keeps a password off the process list). */
export const STORE_ENV = 'CORDON_STORE';

export type StoreLocation =
  | { readonly kind: 'local' }
  | { readonly kind: 'postgres'; readonly url: string };

const PG_RE = /^postgres(?:ql)?:\/\//;

/**
 * The store named by `store` (a `--store` flag), else CORDON_STORE, else local. Anything that is not
 * a postgres:// URL is refused rather than guessed at.
 *
 * @example
 * ```ts
 * resolveStore({ env: { CORDON_STORE: 'postgres://cordon@db/cordon' } }).kind // 'postgres'
 * ```
 */
export function resolveStore(options: { store?: string; env?: NodeJS.ProcessEnv } = {}): StoreLocation {
  const raw = options.store ?? (options.env ?? process.env)[STORE_ENV];
  if (raw === undefined || raw === '' || raw === 'local') return { kind: 'local' };
  if (!PG_RE.test(raw)) throw new CordonError('ERR_USAGE', `the store must be "local" or a postgres:// URL (from --store or ${STORE_ENV})`);
  return { kind: 'postgres', url: raw };
}

/** A printable name: `local`, or `postgres://host:port/database` without user, password or options. */
export function describeStore(location: StoreLocation): string {
  switch (location.kind) {
    case 'local':
      return 'local';
    case 'postgres': {
      try {
        const u = new URL(location.url);
        return `postgres://${u.host}${u.pathname}`;
      } catch {
        return 'postgres';
      }
    }
  }
}
