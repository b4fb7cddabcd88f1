// Group commit in the Merkle audit log (what the server relies on before it answers): events
// emitted while an append is in flight go together in the next one; flushEmitted() resolves only
// once every event emitted before it is stored; a failed append keeps its events and rejects the
// waiters, and the next drain stores them. With SQLite, groupCommit() moves the commit's fsync off
// the event loop (synchronous=NORMAL, then fdatasync of the WAL before the append resolves).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { auditEvent } from '../../../src/audit/make-event.js';
import { MerkleAuditLog } from '../../../src/audit/log.js';
import { SqliteAuditStore } from '../../../src/audit/store/sqlite.js';
import type { AuditStore } from '../../../src/audit/store/types.js';
import type { AuditEvent } from '../../../src/audit/event.js';
import { tempDir } from '../../helpers/keyring.js';

/** A store that behaves like a remote one: every append takes `ms` and can be made to fail. */
function slowStore(dir: string, ms: number): AuditStore & { appends: number[]; failNext: boolean } {
  const inner = SqliteAuditStore.open(join(dir, 'audit.db'));
  const appends: number[] = [];
  const store = Object.create(inner) as AuditStore & { appends: number[]; failNext: boolean };
  Object.defineProperty(store, 'kind', { value: 'postgres' });
  store.appends = appends;
  store.failNext = false;
  store.append = async (events: readonly AuditEvent[]) => {
    await new Promise((r) => setTimeout(r, ms));
    if (store.failNext) {
      store.failNext = false;
      throw new Error('connection lost');
    }
    appends.push(events.length);
    return inner.append(events);
  };
  // Private fields live on `inner`: every read goes to it.
  store.size = () => inner.size();
  store.entries = (from, limit) => inner.entries(from, limit);
  store.close = () => inner.close();
  return store;
}

const ev = (i: number) => auditEvent({ type: 'authz.decision', outcome: 'success', principal: `p${i}`, attributes: { i } });

describe('audit log group commit', () => {
  it('concurrent requests share appends, and each flush waits for its own event', async () => {
    const dir = tempDir();
    const store = slowStore(dir, 5);
    const log = new MerkleAuditLog(store, { checkpointEvery: 0 });
    let stored = 0;
    await Promise.all(Array.from({ length: 64 }, async (_, i) => {
      await new Promise((r) => setTimeout(r, i % 8));
      log.emit(ev(i));
      await log.flushEmitted();
      // Resolved: our event is in the store.
      assert.ok((await store.size()) >= 1);
      stored++;
    }));
    assert.equal(stored, 64);
    assert.equal(await store.size(), 64);
    assert.equal(store.appends.reduce((a, b) => a + b, 0), 64);
    assert.ok(store.appends.length <= 16, `64 events took ${store.appends.length} appends: no grouping`);
    await log.close();
  });

  it('a flush never resolves before the event emitted before it is stored', async () => {
    const dir = tempDir();
    const store = slowStore(dir, 3);
    const log = new MerkleAuditLog(store, { checkpointEvery: 0 });
    for (let round = 0; round < 20; round++) {
      const before = await store.size();
      log.emit(ev(round));
      await log.flushEmitted();
      assert.equal(await store.size(), before + 1);
    }
    await log.close();
  });

  it('a failed append rejects its waiters, keeps the events, and the next flush stores them', async () => {
    const dir = tempDir();
    const store = slowStore(dir, 2);
    const log = new MerkleAuditLog(store, { checkpointEvery: 0, onError: () => undefined });
    store.failNext = true;
    log.emit(ev(1));
    await assert.rejects(log.flushEmitted(), /connection lost/);
    log.emit(ev(2));
    await log.flushEmitted();
    assert.equal(await store.size(), 2);
    const [a, b] = await store.entries(0, 2);
    assert.ok(a!.principal === 'p1' && b!.principal === 'p2', 'order kept across the retry');
    await log.close();
  });

  it('SQLite with groupCommit(): events queue until flushed, then are stored in one append', async () => {
    const dir = tempDir();
    const store = SqliteAuditStore.open(join(dir, 'audit.db'));
    const log = new MerkleAuditLog(store, { checkpointEvery: 0 });
    log.emit(ev(0));
    assert.equal(await store.size(), 1, 'without groupCommit, emit stores at once');
    log.groupCommit();
    for (let i = 1; i <= 10; i++) log.emit(ev(i));
    await log.flushEmitted();
    assert.equal(await store.size(), 11);
    await log.close();
  });

  it('SQLite with groupCommit(): a failed WAL sync rejects the waiters and the committed batch is not appended twice', async () => {
    const dir = tempDir();
    const path = join(dir, 'audit.db');
    const store = SqliteAuditStore.open(path);
    const log = new MerkleAuditLog(store, { checkpointEvery: 0, onError: () => undefined });
    log.groupCommit();
    log.emit(ev(0));
    await log.flushEmitted();
    // The WAL moved away: SQLite keeps writing to its open descriptor, the sync finds no file.
    renameSync(`${path}-wal`, `${path}-wal.moved`);
    log.emit(ev(1));
    await assert.rejects(log.flushEmitted(), (e: unknown) => (e as { code?: string }).code === 'ERR_AUDIT_UNAVAILABLE');
    log.emit(ev(2));
    await assert.rejects(log.flushEmitted(), (e: unknown) => (e as { code?: string }).code === 'ERR_AUDIT_UNAVAILABLE');
    renameSync(`${path}-wal.moved`, `${path}-wal`);
    assert.equal(await store.size(), 3, 'each event once: a committed batch is never queued again');
    const principals = (await store.entries(0, 3)).map((e) => e.principal);
    assert.deepEqual(principals, ['p0', 'p1', 'p2']);
    await log.close();
  });
});
