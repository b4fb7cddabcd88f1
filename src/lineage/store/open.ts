// Where a lineage store lives, as a tagged union, and the one function that opens it. Callers name
// a location (the workspace's lineage.db, or a postgres:// URL for several machines) and get a
// LineageStore; nothing else in Cordon picks a backend.
import { basename } from 'node:path';
import { PostgresLineageStore, type PostgresPool } from './postgres.js';
import { SqliteLineageStore } from './sqlite.js';
import type { LineageStore } from './types.js';

/**
 * A lineage store's location. `postgres.pool`: an open pool to use (e.g. the one the vault uses);
 * the store then never ends it.
 */
export type LineageLocation =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly pool?: PostgresPool };

export interface OpenLineageStoreOptions {
  /** Events emitted through this store wait for delivery to an HTTP endpoint. */
  readonly pending?: boolean;
  /** PostgreSQL: connections in the store's own pool (default 4). */
  readonly max?: number;
}

/**
 * Opens (and, when missing, creates) the lineage store at `location`. Throws ERR_IO when it
 * cannot; a PostgreSQL error never repeats the URL.
 *
 * @example
 * ```ts
 * const store = await openLineageStore({ kind: 'sqlite', path: join(home, LINEAGE_DB_FILE) });
 * const store2 = await openLineageStore({ kind: 'postgres', url: process.env.CORDON_LINEAGE_STORE! }, { pending: true });
 * ```
 */
export async function openLineageStore(location: LineageLocation, options: OpenLineageStoreOptions = {}): Promise<LineageStore> {
  switch (location.kind) {
    case 'sqlite':
      return SqliteLineageStore.open(location.path, { ...(options.pending !== undefined ? { pending: options.pending } : {}) });
    case 'postgres':
      return PostgresLineageStore.open(location.url, {
        ...(location.pool !== undefined ? { pool: location.pool } : {}),
        ...(options.max !== undefined ? { max: options.max } : {}),
        ...(options.pending !== undefined ? { pending: options.pending } : {}),
      });
    default: {
      const unknown: never = location;
      throw new TypeError(`openLineageStore: unknown location kind ${JSON.stringify((unknown as { kind?: unknown }).kind)}`);
    }
  }
}

/** How messages name a location: the file name, or "PostgreSQL" (a URL may hold a password). */
export function lineageLocationName(location: LineageLocation): string {
  switch (location.kind) {
    case 'sqlite':
      return basename(location.path);
    case 'postgres':
      return 'the PostgreSQL lineage store';
    default: {
      const unknown: never = location;
      throw new TypeError(`lineageLocationName: unknown location kind ${JSON.stringify((unknown as { kind?: unknown }).kind)}`);
    }
  }
}
