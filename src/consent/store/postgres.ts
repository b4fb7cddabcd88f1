// The consent registry in PostgreSQL, shared by every instance of a shared workspace (table
// cordon_consent_grants). A partial unique index keeps one open grant per subject and purpose, so
// two instances granting at once open it once.
import pg from 'pg';
import { openPgStore } from '../../postgres/open-store.js';
import { SCHEMA_LOCKS } from '../../postgres/lock-keys.js';
import type { ConsentChange, ConsentRecord, ConsentStore } from './types.js';

const DDL = `
CREATE TABLE IF NOT EXISTS cordon_consent_grants (
  commitment   BYTEA  NOT NULL,
  purpose      TEXT   NOT NULL,
  granted_at   BIGINT NOT NULL,
  withdrawn_at BIGINT,
  PRIMARY KEY (commitment, purpose, granted_at)
);
CREATE UNIQUE INDEX IF NOT EXISTS cordon_consent_open ON cordon_consent_grants (commitment, purpose) WHERE withdrawn_at IS NULL;
CREATE INDEX IF NOT EXISTS cordon_consent_purpose ON cordon_consent_grants (purpose, granted_at);
`;

const buf = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
interface Row { commitment: Buffer; purpose: string; granted_at: string; withdrawn_at: string | null }

export class PostgresConsentStore implements ConsentStore {
  readonly #pool: pg.Pool;
  readonly #ownsPool: boolean;

  private constructor(pool: pg.Pool, ownsPool: boolean) {
    this.#pool = pool;
    this.#ownsPool = ownsPool;
  }

  /** Connects to `url` (or uses a workspace's `pool`), creating the table when missing. */
  static async open(url: string, options: { pool?: pg.Pool } = {}): Promise<PostgresConsentStore> {
    const { pool, ownsPool } = await openPgStore({
      what: 'the PostgreSQL consent registry', pool: options.pool, lock: SCHEMA_LOCKS.consent, schema: DDL,
      create: () => new pg.Pool({ connectionString: url, max: 4 }),
    });
    return new PostgresConsentStore(pool, ownsPool);
  }

  async grant(commitment: Uint8Array, purpose: string, at: number): Promise<ConsentChange> {
    const r = await this.#pool.query('INSERT INTO cordon_consent_grants (commitment, purpose, granted_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [buf(commitment), purpose, at]);
    return { changed: (r.rowCount ?? 0) > 0 };
  }

  async withdraw(commitment: Uint8Array, purpose: string, at: number): Promise<ConsentChange> {
    const r = await this.#pool.query('UPDATE cordon_consent_grants SET withdrawn_at = GREATEST($3::bigint, granted_at) WHERE commitment = $1 AND purpose = $2 AND withdrawn_at IS NULL',
      [buf(commitment), purpose, at]);
    return { changed: (r.rowCount ?? 0) > 0 };
  }

  async history(commitment: Uint8Array): Promise<ConsentRecord[]> {
    const res = await this.#pool.query<Row>('SELECT commitment, purpose, granted_at, withdrawn_at FROM cordon_consent_grants WHERE commitment = $1 ORDER BY granted_at, purpose', [buf(commitment)]);
    return res.rows.map((r) => ({ commitment: new Uint8Array(r.commitment), purpose: r.purpose, grantedAt: Number(r.granted_at), withdrawnAt: r.withdrawn_at === null ? null : Number(r.withdrawn_at) }));
  }

  async granted(commitment: Uint8Array, purpose: string, at: number): Promise<boolean> {
    const res = await this.#pool.query('SELECT 1 FROM cordon_consent_grants WHERE commitment = $1 AND purpose = $2 AND granted_at <= $3 AND (withdrawn_at IS NULL OR withdrawn_at > $3) LIMIT 1',
      [buf(commitment), purpose, at]);
    return res.rows.length > 0;
  }

  async grantedEach(commitments: readonly Uint8Array[], purpose: string, at: number): Promise<boolean[]> {
    if (commitments.length === 0) return [];
    const res = await this.#pool.query<{ commitment: Buffer }>('SELECT DISTINCT commitment FROM cordon_consent_grants WHERE commitment = ANY($1::bytea[]) AND purpose = $2 AND granted_at <= $3 AND (withdrawn_at IS NULL OR withdrawn_at > $3)',
      [commitments.map(buf), purpose, at]);
    const held = new Set(res.rows.map((r) => r.commitment.toString('hex')));
    return commitments.map((c) => held.has(buf(c).toString('hex')));
  }

  async grantedAll(purpose: string, at: number): Promise<Uint8Array> {
    const res = await this.#pool.query<{ commitment: Buffer }>('SELECT DISTINCT commitment FROM cordon_consent_grants WHERE purpose = $1 AND granted_at <= $2 AND (withdrawn_at IS NULL OR withdrawn_at > $2) ORDER BY commitment',
      [purpose, at]);
    return Buffer.concat(res.rows.map((r) => r.commitment));
  }

  async summary(): Promise<Array<{ purpose: string; granted: number; withdrawn: number }>> {
    const res = await this.#pool.query<{ purpose: string; granted: string; withdrawn: string }>(`SELECT purpose, count(DISTINCT commitment) FILTER (WHERE withdrawn_at IS NULL) AS granted,
      count(DISTINCT commitment) FILTER (WHERE withdrawn_at IS NOT NULL) AS withdrawn FROM cordon_consent_grants GROUP BY purpose ORDER BY purpose`);
    return res.rows.map((r) => ({ purpose: r.purpose, granted: Number(r.granted), withdrawn: Number(r.withdrawn) }));
  }

  async close(): Promise<void> {
    if (this.#ownsPool) await this.#pool.end();
  }
}
