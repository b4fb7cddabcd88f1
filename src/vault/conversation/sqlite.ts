// The embedded conversation vault store: one SQLite file (better-sqlite3, WAL). place() runs in an
// IMMEDIATE transaction, so two processes placing values in one conversation serialise on the write
// lock: the second sees the first's rows and numbers, and no number goes to two values.
import Database from 'better-sqlite3';
import { openStoreDatabase } from '../../sqlite/open-store.js';
import type { ConversationScope, ConversationStore, PlaceItem, SealFn, StoredPlaceholder } from './types.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS guard_placeholders (
  tenant       TEXT    NOT NULL,
  conversation TEXT    NOT NULL,
  placeholder  TEXT    NOT NULL,
  entity       TEXT    NOT NULL,
  seq          INTEGER NOT NULL,
  mac          BLOB    NOT NULL,
  ciphertext   BLOB    NOT NULL,
  key_version  INTEGER NOT NULL,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  PRIMARY KEY (tenant, conversation, placeholder),
  UNIQUE (tenant, conversation, mac)
);
CREATE INDEX IF NOT EXISTS guard_placeholders_seq ON guard_placeholders (tenant, conversation, entity, seq);
CREATE INDEX IF NOT EXISTS guard_placeholders_expiry ON guard_placeholders (expires_at);
-- The highest number ever given per entity in a conversation. Kept when expired placeholders are
-- purged, so a number is never given to another value: an old answer holding <PERSON_1> must not
-- restore to whoever became <PERSON_1> later. Ids and counts only.
CREATE TABLE IF NOT EXISTS guard_counters (
  tenant       TEXT    NOT NULL,
  conversation TEXT    NOT NULL,
  entity       TEXT    NOT NULL,
  last_seq     INTEGER NOT NULL,
  PRIMARY KEY (tenant, conversation, entity)
) WITHOUT ROWID;
`;

const hexOf = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

export class SqliteConversationStore implements ConversationStore {
  readonly #db: Database.Database;
  readonly #byMac: Database.Statement;
  readonly #touch: Database.Statement;
  readonly #maxSeq: Database.Statement;
  readonly #setSeq: Database.Statement;
  readonly #insert: Database.Statement;
  readonly #get: Database.Statement;
  readonly #place: Database.Transaction<(scope: ConversationScope, items: readonly PlaceItem[], seal: SealFn, keyVersion: number, now: number, expiresAt: number) => string[]>;

  private constructor(db: Database.Database) {
    this.#db = db;
    this.#byMac = db.prepare('SELECT placeholder FROM guard_placeholders WHERE tenant = ? AND conversation = ? AND mac = ?').pluck();
    this.#touch = db.prepare('UPDATE guard_placeholders SET expires_at = max(expires_at, ?) WHERE tenant = ? AND conversation = ? AND placeholder = ?');
    // The counter, or the rows' highest number in a vault written before counters existed.
    this.#maxSeq = db.prepare(`SELECT max(coalesce((SELECT last_seq FROM guard_counters WHERE tenant = @t AND conversation = @c AND entity = @e), 0),
      coalesce((SELECT max(seq) FROM guard_placeholders WHERE tenant = @t AND conversation = @c AND entity = @e), 0))`).pluck();
    this.#setSeq = db.prepare(`INSERT INTO guard_counters (tenant, conversation, entity, last_seq) VALUES (?, ?, ?, ?)
      ON CONFLICT (tenant, conversation, entity) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)`);
    this.#insert = db.prepare('INSERT INTO guard_placeholders (tenant, conversation, placeholder, entity, seq, mac, ciphertext, key_version, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.#get = db.prepare('SELECT ciphertext, key_version, expires_at FROM guard_placeholders WHERE tenant = ? AND conversation = ? AND placeholder = ?');
    this.#place = db.transaction((scope, items, seal, keyVersion, now, expiresAt) => {
      const { tenant, conversation } = scope;
      const done = new Map<string, string>();
      const next = new Map<string, number>();
      const placed = items.map((item, index) => {
        const hex = hexOf(item.mac);
        const known = done.get(hex) ?? (this.#byMac.get(tenant, conversation, item.mac) as string | undefined);
        if (known !== undefined) {
          if (!done.has(hex)) this.#touch.run(expiresAt, tenant, conversation, known);
          done.set(hex, known);
          return known;
        }
        const seq = (next.get(item.entity) ?? (this.#maxSeq.get({ t: tenant, c: conversation, e: item.entity }) as number)) + 1;
        next.set(item.entity, seq);
        const placeholder = `<${item.entity}_${seq}>`;
        this.#insert.run(tenant, conversation, placeholder, item.entity, seq, item.mac, seal(placeholder, index), keyVersion, now, expiresAt);
        done.set(hex, placeholder);
        return placeholder;
      });
      for (const [entity, seq] of next) this.#setSeq.run(tenant, conversation, entity, seq);
      return placed;
    });
  }

  /** Opens (and creates) the conversation vault database at `path`. */
  static open(path: string): SqliteConversationStore {
    const db = openStoreDatabase(() => new Database(path), path, { what: 'the conversation vault database', schema: SCHEMA, synchronousNormal: true });
    return new SqliteConversationStore(db);
  }

  async place(scope: ConversationScope, items: readonly PlaceItem[], seal: SealFn, keyVersion: number, now: number, expiresAt: number): Promise<string[]> {
    if (items.length === 0) return [];
    return this.#place.immediate(scope, items, seal, keyVersion, now, expiresAt);
  }

  async getMany(scope: ConversationScope, placeholders: readonly string[]): Promise<Map<string, StoredPlaceholder>> {
    const out = new Map<string, StoredPlaceholder>();
    for (const p of new Set(placeholders)) {
      const r = this.#get.get(scope.tenant, scope.conversation, p) as { ciphertext: Buffer; key_version: number; expires_at: number } | undefined;
      if (r !== undefined) out.set(p, { ciphertext: new Uint8Array(r.ciphertext), keyVersion: r.key_version, expiresAt: r.expires_at });
    }
    return out;
  }

  async purgeExpired(now: number): Promise<number> {
    return this.#db.prepare('DELETE FROM guard_placeholders WHERE expires_at <= ?').run(now).changes;
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}
