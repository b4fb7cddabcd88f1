// PostgreSQL for the shared storage suites: CORDON_TEST_PG_URL (.ci/run sets it), and scratch
// schemas, each a fresh empty database as far as a store can tell (the URL's search_path points
// at it), all dropped when the suite ends.
import pg from 'pg';

/** The test server, or undefined when the PostgreSQL suites should report themselves skipped. */
export const PG_URL: string | undefined = process.env['CORDON_TEST_PG_URL'] || undefined;

/** Spread into a describe/it options object: skips with the reason when there is no server. */
export const PG_SKIP: { skip?: string } = PG_URL === undefined ? { skip: 'CORDON_TEST_PG_URL is not set (.ci/run sets it to the local PostgreSQL)' } : {};

/** `url` with its search_path set to `schema`. */
export const withSearchPath = (url: string, schema: string): string => `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;

/** Runs one statement on its own connection. */
export async function pgQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query<R>(sql, params);
  } finally {
    await c.end();
  }
}

/** Scratch schemas named `<prefix>_<pid>_<n>_<time>`: `create()` makes one, `dropAll()` removes them. */
export class ScratchSchemas {
  readonly #prefix: string;
  readonly #made: string[] = [];

  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  /** A new empty schema and a URL whose search_path is it. Needs PG_URL. */
  async create(): Promise<{ schema: string; url: string }> {
    if (PG_URL === undefined) throw new Error('CORDON_TEST_PG_URL is not set');
    const schema = `${this.#prefix}_${process.pid}_${this.#made.length}_${Date.now()}`;
    await pgQuery(PG_URL, `CREATE SCHEMA ${schema}`);
    this.#made.push(schema);
    return { schema, url: withSearchPath(PG_URL, schema) };
  }

  async dropAll(): Promise<void> {
    if (PG_URL === undefined || this.#made.length === 0) return;
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      for (const s of this.#made.splice(0)) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    } finally {
      await c.end();
    }
  }
}

/** The rows of one statement run on its own connection. */
export async function pgRows<R extends pg.QueryResultRow = pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
  return (await pgQuery<R>(url, sql, params)).rows;
}
