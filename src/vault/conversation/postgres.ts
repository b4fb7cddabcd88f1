// The conversation vault store for several machines: PostgreSQL through `pg`. place() is one
// transaction holding a transaction-scoped advisory lock on the conversation (a hash of tenant and
// conversation), so concurrent writers of one conversation serialise and numbers are never given
// twice; writers of different conversations do not wait on each other (a hash clash only makes two
// conversations wait, never share numbers: the unique keys still hold).
import pg from 'pg';
import { openPgStore } from '../../postgres/open-store.js';
import { SCHEMA_LOCKS } from '../../postgres/lock-keys.js';
import type { ConversationScope, ConversationStore, PlaceItem, SealFn, StoredPlaceholder } from './types.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS guard_placeholders (
  tenant       TEXT    NOT NULL,
  conversation TEXT    NOT NULL,
  placeholder  TEXT    NOT NULL,
  entity       TEXT    NOT NULL,
  seq          INTEGER NOT NULL,
  mac          BYTEA   NOT NULL,
  ciphertext   BYTEA   NOT NULL,
  key_version  INTEGER NOT NULL,
  created_at   BIGINT  NOT NULL,
  expires_at   BIGINT  NOT NULL,
  PRIMARY KEY (tenant, conversation, placeholder),
  UNIQUE (tenant, conversation, mac)
);
CREATE INDEX IF NOT EXISTS guard_placeholders_seq ON guard_placeholders (tenant, conversation, entity, seq);
CREATE INDEX IF NOT EXISTS guard_placeholders_expiry ON guard_placeholders (expires_at);
-- The highest number ever given per entity in a conversation, kept when expired placeholders are
-- purged, so a number is never given to another value (sqlite.ts says why).
CREATE TABLE IF NOT EXISTS guard_counters (
  tenant       TEXT    NOT NULL,
  conversation TEXT    NOT NULL,
  entity       TEXT    NOT NULL,
  last_seq     INTEGER NOT NULL,
  PRIMARY KEY (tenant, conversation, entity)
);
`;

const hexOf = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

export class PostgresConversationStore implements ConversationStore {
  readonly #pool: pg.Pool;
  readonly #ownsPool: boolean;

  private constructor(pool: pg.Pool, ownsPool: boolean) {
    this.#pool = pool;
    this.#ownsPool = ownsPool;
  }

  /** Connects to `url` (postgres://…), creating the table when missing; with `pool`, uses it and leaves it open on close(). */
  static async open(url: string, options: { max?: number; pool?: pg.Pool } = {}): Promise<PostgresConversationStore> {
    const { pool, ownsPool } = await openPgStore({
      what: 'the PostgreSQL conversation vault', pool: options.pool, lock: SCHEMA_LOCKS.conversationVault, schema: SCHEMA,
      create: () => new pg.Pool({ connectionString: url, max: options.max ?? 4 }),
    });
    return new PostgresConversationStore(pool, ownsPool);
  }

  async place(scope: ConversationScope, items: readonly PlaceItem[], seal: SealFn, keyVersion: number, now: number, expiresAt: number): Promise<string[]> {
    if (items.length === 0) return [];
    const { tenant, conversation } = scope;
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 7244512))', [`${tenant} ${conversation}`]);
      const macs = items.map((i) => Buffer.from(i.mac));
      const known = await client.query<{ mac: Buffer; placeholder: string }>('SELECT mac, placeholder FROM guard_placeholders WHERE tenant = $1 AND conversation = $2 AND mac = ANY($3::bytea[])', [tenant, conversation, macs]);
      const byMac = new Map(known.rows.map((r) => [r.mac.toString('hex'), r.placeholder]));
      if (known.rows.length > 0) {
        await client.query('UPDATE guard_placeholders SET expires_at = greatest(expires_at, $3) WHERE tenant = $1 AND conversation = $2 AND placeholder = ANY($4::text[])', [tenant, conversation, expiresAt, known.rows.map((r) => r.placeholder)]);
      }
      const entities = [...new Set(items.map((i) => i.entity))];
      // The counter, or the rows' highest number in a vault written before counters existed.
      const seqs = await client.query<{ entity: string; seq: number }>(
        `SELECT entity, max(seq) AS seq FROM (
           SELECT entity, seq FROM guard_placeholders WHERE tenant = $1 AND conversation = $2 AND entity = ANY($3::text[])
           UNION ALL SELECT entity, last_seq FROM guard_counters WHERE tenant = $1 AND conversation = $2 AND entity = ANY($3::text[])
         ) s GROUP BY entity`, [tenant, conversation, entities]);
      const next = new Map(seqs.rows.map((r) => [r.entity, Number(r.seq)]));
      const rows: Array<{ placeholder: string; entity: string; seq: number; mac: Buffer; ciphertext: Buffer }> = [];
      const out = items.map((item, index) => {
        const hex = hexOf(item.mac);
        const have = byMac.get(hex);
        if (have !== undefined) return have;
        const seq = (next.get(item.entity) ?? 0) + 1;
        next.set(item.entity, seq);
        const placeholder = `<${item.entity}_${seq}>`;
        rows.push({ placeholder, entity: item.entity, seq, mac: macs[index]!, ciphertext: Buffer.from(seal(placeholder, index)) });
        byMac.set(hex, placeholder);
        return placeholder;
      });
      if (rows.length > 0) {
        await client.query(
          `INSERT INTO guard_placeholders (tenant, conversation, placeholder, entity, seq, mac, ciphertext, key_version, created_at, expires_at)
           SELECT $1, $2, u.p, u.e, u.s, u.m, u.c, $8, $9, $10 FROM unnest($3::text[], $4::text[], $5::int[], $6::bytea[], $7::bytea[]) AS u(p, e, s, m, c)`,
          [tenant, conversation, rows.map((r) => r.placeholder), rows.map((r) => r.entity), rows.map((r) => r.seq), rows.map((r) => r.mac), rows.map((r) => r.ciphertext), keyVersion, now, expiresAt]);
        const last = [...new Map(rows.map((r) => [r.entity, r.seq]))];
        await client.query(
          `INSERT INTO guard_counters (tenant, conversation, entity, last_seq) SELECT $1, $2, u.e, u.s FROM unnest($3::text[], $4::int[]) AS u(e, s)
           ON CONFLICT (tenant, conversation, entity) DO UPDATE SET last_seq = greatest(guard_counters.last_seq, excluded.last_seq)`,
          [tenant, conversation, last.map(([e]) => e), last.map(([, s]) => s)]);
      }
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async getMany(scope: ConversationScope, placeholders: readonly string[]): Promise<Map<string, StoredPlaceholder>> {
    const res = await this.#pool.query<{ placeholder: string; ciphertext: Buffer; key_version: number; expires_at: string }>(
      'SELECT placeholder, ciphertext, key_version, expires_at FROM guard_placeholders WHERE tenant = $1 AND conversation = $2 AND placeholder = ANY($3::text[])',
      [scope.tenant, scope.conversation, [...new Set(placeholders)]]);
    return new Map(res.rows.map((r) => [r.placeholder, { ciphertext: new Uint8Array(r.ciphertext), keyVersion: r.key_version, expiresAt: Number(r.expires_at) }]));
  }

  async purgeExpired(now: number): Promise<number> {
    const res = await this.#pool.query('DELETE FROM guard_placeholders WHERE expires_at <= $1', [now]);
    return res.rowCount ?? 0;
  }

  async close(): Promise<void> {
    if (this.#ownsPool) await this.#pool.end();
  }
}
