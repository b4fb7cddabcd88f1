// A server's SQLite audit appends on a worker thread (src/audit/store/sqlite-append-thread.ts): the
// entries and the tree are the ones a synchronous append writes, interleave with another writer's
// appends as one chain, are on disk for any other connection once the flush resolves, a locked
// store fails the waiters without holding the event loop (the events are kept and stored later),
// and a thread that cannot open the file fails closed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { auditEvent } from '../../../src/audit/make-event.js';
import { MerkleAuditLog } from '../../../src/audit/log.js';
import { SqliteAuditStore } from '../../../src/audit/store/sqlite.js';
import { AuditAppendThread } from '../../../src/audit/store/sqlite-append-thread.js';
import type { AuditEvent } from '../../../src/audit/event.js';
import { tempDir } from '../../helpers/keyring.js';

const ev = (i: number): AuditEvent => auditEvent({ type: 'authz.decision', outcome: 'success', principal: `p${i}`, attributes: { i } });
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;

describe('audit appends on a worker thread (groupCommit on SQLite)', () => {
  it('stores the same entries and tree as synchronous appends, grouped', async () => {
    const events = Array.from({ length: 300 }, (_, i) => ev(i));
    const syncStore = SqliteAuditStore.open(join(tempDir(), 'audit.db'));
    const syncLog = new MerkleAuditLog(syncStore, { checkpointEvery: 0 });
    for (const e of events) syncLog.emit(e);

    const store = SqliteAuditStore.open(join(tempDir(), 'audit.db'));
    const log = new MerkleAuditLog(store, { checkpointEvery: 0 });
    log.groupCommit();
    // Emitted in order, some in the same turn of the event loop (one group), some in later turns.
    const waits: Promise<void>[] = [];
    for (let i = 0; i < events.length; i++) {
      log.emit(events[i]!);
      waits.push(log.flushEmitted());
      if (i % 50 === 49) await new Promise((r) => setImmediate(r));
    }
    await Promise.all(waits);
    assert.equal(await store.size(), 300);
    const a = await syncStore.entries(0, 300);
    const b = await store.entries(0, 300);
    assert.deepEqual(b.map((x) => hex(x.entry)), a.map((x) => hex(x.entry)));
    assert.deepEqual(b.map((x) => hex(x.leafHash)), a.map((x) => hex(x.leafHash)));
    for (const size of [1, 2, 7, 64, 255, 300]) assert.equal(hex((await log.root(size)).rootHash), hex((await syncLog.root(size)).rootHash), `root of ${size}`);
    await log.close();
    await syncLog.close();
  });

  it('continues the chain another connection appended to, and is visible to it once flushed', async () => {
    const path = join(tempDir(), 'audit.db');
    const store = SqliteAuditStore.open(path);
    const log = new MerkleAuditLog(store, { checkpointEvery: 0 });
    log.groupCommit();
    const other = SqliteAuditStore.open(path);
    const all: AuditEvent[] = [];
    for (let round = 0; round < 5; round++) {
      const mine = [ev(round * 10), ev(round * 10 + 1)];
      for (const e of mine) log.emit(e);
      await log.flushEmitted();
      // Resolved: a second connection (another process) already sees them.
      assert.equal(other.sizeSync(), all.length + 2);
      const theirs = ev(round * 10 + 2);
      other.appendSync([theirs]);
      all.push(...mine, theirs);
    }
    const stored = await other.entries(0, 100);
    assert.deepEqual(stored.map((x) => x.id), all.map((e) => e.id));
    // One tree: the root over the stored nodes equals one built from the entries alone.
    const fresh = SqliteAuditStore.open(join(tempDir(), 'audit.db'));
    fresh.appendSync(all);
    const freshLog = new MerkleAuditLog(fresh, { checkpointEvery: 0 });
    assert.equal(hex((await log.root()).rootHash), hex((await freshLog.root()).rootHash));
    await other.close();
    await freshLog.close();
    await log.close();
  });

  it('a store locked by another writer fails the waiters without holding the event loop, and keeps their events', async () => {
    const path = join(tempDir(), 'audit.db');
    const store = SqliteAuditStore.open(path, { busyTimeoutMs: 400 });
    const log = new MerkleAuditLog(store, { checkpointEvery: 0, onError: () => undefined });
    log.groupCommit();
    log.emit(ev(0));
    await log.flushEmitted();
    const locker = new Database(path);
    locker.prepare('BEGIN IMMEDIATE').run();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    log.emit(ev(1));
    await assert.rejects(log.flushEmitted(), code('ERR_KEYSTORE_BUSY'));
    clearInterval(timer);
    // The 400 ms wait for the lock was on the worker: the loop kept running timers meanwhile.
    assert.ok(ticks >= 10, `only ${ticks} timer ticks while the append waited for the lock`);
    locker.prepare('ROLLBACK').run();
    locker.close();
    log.emit(ev(2));
    await log.flushEmitted();
    assert.deepEqual((await store.entries(0, 10)).map((e) => e.principal), ['p0', 'p1', 'p2']);
    await log.close();
  });

  it('signed checkpoints go through the thread too', async () => {
    const path = join(tempDir(), 'audit.db');
    const store = SqliteAuditStore.open(path);
    store.appendOffThread();
    await store.append([ev(0), ev(1)]);
    await store.addCheckpoint(2, 'note');
    assert.deepEqual((await store.checkpoints()).map((c) => [c.size, c.note]), [[2, 'note']]);
    await store.close();
  });

  it('a thread that cannot open the database fails every append closed', async () => {
    const thread = AuditAppendThread.start(join(tempDir(), 'missing.db'), { busyTimeoutMs: 100, autocheckpoint: 1000 });
    await assert.rejects(thread.append([ev(0)]), code('ERR_AUDIT_UNAVAILABLE'));
    await assert.rejects(thread.append([ev(1)]), code('ERR_AUDIT_UNAVAILABLE'));
    await thread.close();
  });
});
