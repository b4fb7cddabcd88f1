// Audit durability `batch` (src/audit/durability.ts) on SQLite's append thread: an append resolves
// once committed (the same entries and tree as `sync`, visible to another connection at once), a
// sync that fails afterwards fails every later append closed, and the option is refused where it
// has no meaning. That a kill -9 of the server loses nothing answered: integration/server-audit-durability.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { auditEvent } from '../../../src/audit/make-event.js';
import { MerkleAuditLog } from '../../../src/audit/log.js';
import { SqliteAuditStore } from '../../../src/audit/store/sqlite.js';
import { batchDurability } from '../../../src/audit/durability.js';
import type { AuditEvent } from '../../../src/audit/event.js';
import { verifyAuditLog } from '../../../src/audit/verify-log.js';
import { PostgresAuditStore } from '../../../src/audit/store/postgres.js';
import { tempDir } from '../../helpers/keyring.js';
import { PG_SKIP, ScratchSchemas } from '../../helpers/pg-schemas.js';
import pg from 'pg';

const ev = (i: number): AuditEvent => auditEvent({ type: 'authz.decision', outcome: 'success', principal: `p${i}`, attributes: { i } });
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;

describe('audit durability batch (SQLite append thread)', () => {
  it('stores the entries and tree sync stores, each group visible to another connection once flushed', async () => {
    const events = Array.from({ length: 120 }, (_, i) => ev(i));
    const syncStore = SqliteAuditStore.open(join(tempDir(), 'audit.db'));
    syncStore.appendSync(events);
    const path = join(tempDir(), 'audit.db');
    const store = SqliteAuditStore.open(path);
    const log = new MerkleAuditLog(store, { checkpointEvery: 0 });
    log.groupCommit({ durability: batchDurability(1000) });
    const other = SqliteAuditStore.open(path);
    for (let i = 0; i < events.length; i += 10) {
      for (const e of events.slice(i, i + 10)) log.emit(e);
      await log.flushEmitted();
      // Resolved long before the 1 s window's sync: committed, so another process sees it.
      assert.equal(other.sizeSync(), i + 10);
    }
    const a = await syncStore.entries(0, 200);
    const b = await other.entries(0, 200);
    assert.deepEqual(b.map((x) => hex(x.entry)), a.map((x) => hex(x.entry)));
    assert.deepEqual(b.map((x) => hex(x.leafHash)), a.map((x) => hex(x.leafHash)));
    assert.deepEqual((await verifyAuditLog(other, { verifiers: [] })).problems, []);
    await other.close();
    await log.close();
    await syncStore.close();
  });

  it('a background sync that fails refuses every later append (ERR_AUDIT_UNAVAILABLE), never acknowledges one', async () => {
    const path = join(tempDir(), 'audit.db');
    const store = SqliteAuditStore.open(path);
    const log = new MerkleAuditLog(store, { checkpointEvery: 0, onError: () => undefined });
    log.groupCommit({ durability: batchDurability(5) });
    log.emit(ev(0));
    await log.flushEmitted();
    // The WAL vanishes under the log: its next sync cannot open it (as a failing disk would fail it).
    rmSync(`${path}-wal`);
    log.emit(ev(1));
    await log.flushEmitted(); // committed before the sync that fails
    await new Promise((r) => setTimeout(r, 100));
    log.emit(ev(2));
    await assert.rejects(log.flushEmitted(), code('ERR_AUDIT_UNAVAILABLE'));
    log.emit(ev(3));
    await assert.rejects(log.flushEmitted(), code('ERR_AUDIT_UNAVAILABLE'));
    await store.close();
  });

  it('is refused without the append thread on SQLite, and outside 1–1000 ms', () => {
    const store = SqliteAuditStore.open(join(tempDir(), 'audit.db'));
    const log = new MerkleAuditLog(store, { checkpointEvery: 0 });
    assert.throws(() => log.groupCommit({ appendThread: false, durability: batchDurability() }), TypeError);
    for (const w of [0, 1001, 1.5, Number.NaN]) assert.throws(() => batchDurability(w), TypeError, String(w));
    assert.deepEqual(batchDurability(), { kind: 'batch', windowMs: 20 });
    return store.close();
  });
});

const schemas = new ScratchSchemas('cordon_audit_durability');
after(() => schemas.dropAll());

describe('audit durability batch (PostgreSQL)', PG_SKIP, () => {
  it('appends commit with synchronous_commit = off (sync: without); the log is the same chain', async () => {
    const { url } = await schemas.create();
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    const sent: string[] = [];
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...a: unknown[]) => unknown;
      (client as { query: unknown }).query = (...a: unknown[]) => {
        if (typeof a[0] === 'string') sent.push(a[0]);
        return query(...a);
      };
    });
    const store = await PostgresAuditStore.open(url, { pool });
    const log = new MerkleAuditLog(store, { checkpointEvery: 0 });
    log.groupCommit();
    log.emit(ev(0));
    await log.flushEmitted();
    assert.ok(!sent.some((q) => q.includes('synchronous_commit')), 'sync: the default commit');
    log.groupCommit({ durability: batchDurability() });
    for (let i = 1; i <= 20; i++) log.emit(ev(i));
    await log.flushEmitted();
    assert.ok(sent.includes('BEGIN; SET LOCAL synchronous_commit = off'));
    assert.equal(await store.size(), 21);
    assert.deepEqual((await verifyAuditLog(store, { verifiers: [] })).problems, []);
    await log.close();
    await pool.end();
  });
});
