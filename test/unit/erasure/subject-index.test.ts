// Issue 18 item 1: the subject index. The SQLite store's bookkeeping (pending runs, row moves after
// a rewrite, tombstones by scope), and protect's hook end to end: every output row is recorded
// under its subject's commitment at its real position, past quarantined rows and across write
// batches, and rows of a tombstoned subject never reach the output.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, tempKeyring, type TempKeyring } from '../../helpers/keyring.js';
import Database from 'better-sqlite3';
import { SqliteSubjectIndex } from '../../../src/erasure/store/sqlite.js';
import { PostgresSubjectIndex } from '../../../src/erasure/store/postgres.js';
import type { SubjectIndexStore } from '../../../src/erasure/store/types.js';
import { PG_SKIP, ScratchSchemas } from '../../helpers/pg-schemas.js';
import { commitSubject, hexOf, subjectIndexKey } from '../../../src/erasure/commitment.js';
import { recordSubjects, subjectScope } from '../../../src/erasure/record-subjects.js';
import { parseContract } from '../../../src/contracts/parse-contract.js';
import { protectFile } from '../../../src/pipeline/protect-file.js';

const c = (n: number): Uint8Array => new Uint8Array(32).fill(n);
const run = (runId: string, output: string) => ({ runId, scope: 'c/d', output, manifest: null, createdAt: Date.now() });

/** One storage suite, run against SQLite and (when CORDON_TEST_PG_URL is set) PostgreSQL. */
function storeSuite(name: string, open: () => Promise<SubjectIndexStore>, options: { skip?: string } = {}, done?: () => Promise<void>): void {
describe(`erasure: ${name} subject index`, options, () => {
  if (done !== undefined) after(done);
  it('counts a run only once complete, and forgets an aborted one', async () => {
    const s = await open();
    try {
      await s.beginRun(run('r1', '/o/a.csv'));
      await s.addRows('r1', [c(1), c(2), c(1)], [0, 1, 2]);
      assert.deepEqual(await s.find(c(1)), []);
      await s.completeRun('r1');
      const found = await s.find(c(1));
      assert.equal(found.length, 1);
      assert.deepEqual(found[0]!.rows, [0, 2]);
      assert.equal(found[0]!.run.output, '/o/a.csv');
      assert.deepEqual(await s.find(c(1), 'other/scope'), []);
      await s.beginRun(run('r2', '/o/b.csv'));
      await s.addRows('r2', [c(1)], [0]);
      await s.abortRun('r2');
      assert.equal((await s.find(c(1))).length, 1);
    } finally {
      await s.close();
    }
  });

  it('a new run writing the same output replaces the older run', async () => {
    const s = await open();
    try {
      await s.beginRun(run('r1', '/o/a.csv'));
      await s.addRows('r1', [c(1)], [0]);
      await s.completeRun('r1');
      await s.beginRun(run('r2', '/o/a.csv'));
      await s.addRows('r2', [c(1)], [5]);
      await s.completeRun('r2');
      const found = await s.find(c(1));
      assert.deepEqual(found.map((f) => [f.run.runId, f.rows]), [['r2', [5]]]);
    } finally {
      await s.close();
    }
  });

  it('pairs staged in batches by two pending runs at once count per run, each when its own run completes', async () => {
    const s = await open();
    try {
      await s.beginRun(run('r1', '/o/a.csv'));
      await s.beginRun(run('r2', '/o/b.csv'));
      await s.addRows('r1', [c(3), c(4)], [0, 1]);
      await s.addRows('r2', [c(3)], [0]);
      await s.addRows('r1', [c(3), c(5)], [2, 3]);
      await s.completeRun('r1');
      assert.deepEqual((await s.find(c(3))).map((f) => [f.run.runId, f.rows]), [['r1', [0, 2]]]);
      assert.deepEqual((await s.find(c(5)))[0]!.rows, [3]);
      await s.addRows('r2', [c(5)], [1]);
      await s.completeRun('r2');
      assert.deepEqual((await s.find(c(5))).map((f) => [f.run.runId, f.rows]), [['r1', [3]], ['r2', [1]]]);
      assert.deepEqual((await s.find(c(3))).map((f) => [f.run.runId, f.rows]), [['r1', [0, 2]], ['r2', [0]]]);
    } finally {
      await s.close();
    }
  });

  it('removeRows deletes the subject and moves later rows up, once', async () => {
    const s = await open();
    try {
      await s.beginRun(run('r1', '/o/a.csv'));
      // rows: 0:A 1:X 2:B 3:X 4:B 5:C — B's rows 2 and 4 move to 1 and 2 (a key checked row by row would clash)
      await s.addRows('r1', [c(10), c(9), c(11), c(9), c(11), c(12)], [0, 1, 2, 3, 4, 5]);
      await s.completeRun('r1');
      assert.equal(await s.removeRows('r1', c(9), [1, 3]), true);
      assert.deepEqual((await s.find(c(10)))[0]!.rows, [0]);
      assert.deepEqual((await s.find(c(11)))[0]!.rows, [1, 2]);
      assert.deepEqual((await s.find(c(12)))[0]!.rows, [3]);
      assert.deepEqual(await s.find(c(9)), []);
      // A resumed erasure calls it again: nothing moves twice.
      assert.equal(await s.removeRows('r1', c(9), [1, 3]), false);
      assert.deepEqual((await s.find(c(12)))[0]!.rows, [3]);
    } finally {
      await s.close();
    }
  });

  it('tombstones apply to their scope and * to every scope', async () => {
    const s = await open();
    try {
      await s.addTombstone({ commitment: c(1), scope: 'a/x', erasureId: 'e1', at: 1 });
      await s.addTombstone({ commitment: c(2), scope: '*', erasureId: 'e2', at: 2 });
      assert.deepEqual([...await s.tombstones('a/x')].sort(), [hexOf(c(1)), hexOf(c(2))].sort());
      assert.deepEqual([...await s.tombstones('b/y')], [hexOf(c(2))]);
    } finally {
      await s.close();
    }
  });

  it('erasure approvals: by scope (a * approval covers one scope too), until they expire; a second approval by the same person replaces the first', async () => {
    const s = await open();
    try {
      await s.putApproval({ commitment: c(1), scope: 'a/x', approver: 'cleo', approvedAt: 100, expiresAt: 200 });
      await s.putApproval({ commitment: c(1), scope: '*', approver: 'dana', approvedAt: 110, expiresAt: 300 });
      await s.putApproval({ commitment: c(2), scope: '*', approver: 'eve', approvedAt: 120, expiresAt: 300 });
      const who = async (scope: string, now: number) => (await s.approvals(c(1), scope, now)).map((a) => `${a.approver}@${a.scope}`);
      assert.deepEqual(await who('a/x', 150), ['cleo@a/x', 'dana@*']);
      assert.deepEqual(await who('*', 150), ['dana@*']);
      assert.deepEqual(await who('b/y', 150), ['dana@*']);
      assert.deepEqual(await who('a/x', 200), ['dana@*'], 'expired at expiresAt');
      await s.putApproval({ commitment: c(1), scope: '*', approver: 'dana', approvedAt: 250, expiresAt: 400 });
      const again = await s.approvals(c(1), '*', 350);
      assert.deepEqual(again.map((a) => [a.approver, a.approvedAt, a.expiresAt]), [['dana', 250, 400]]);
      assert.deepEqual(await s.approvals(c(1), '*', 400), []);
      // The tenant an approval was given for comes back (none: absent).
      await s.putApproval({ commitment: c(6), scope: '*', approver: 'tina', approvedAt: 100, expiresAt: 500, tenant: 'acme' });
      await s.putApproval({ commitment: c(6), scope: '*', approver: 'ted', approvedAt: 110, expiresAt: 500 });
      assert.deepEqual((await s.approvals(c(6), '*', 200)).map((a) => [a.approver, a.tenant]), [['tina', 'acme'], ['ted', undefined]]);
    } finally {
      await s.close();
    }
  });

  it('erasure jobs: stored, read back, listed while open, pruned once finished and old', async () => {
    const s = await open();
    try {
      const job = (jobId: string, open: boolean, updatedAt: number) => ({ jobId, commitment: c(8), scope: '*', state: JSON.stringify({ jobId, open }), open, updatedAt });
      await s.putJob(job('ej_a', true, 100));
      await s.putJob(job('ej_b', true, 50));
      await s.putJob(job('ej_c', false, 10));
      assert.deepEqual((await s.openJobs()).map((r) => r.jobId), ['ej_b', 'ej_a'], 'open ones, oldest change first');
      await s.putJob(job('ej_a', false, 200));
      const a = await s.getJob('ej_a');
      assert.deepEqual(a && { ...a, commitment: [...a.commitment] }, { ...job('ej_a', false, 200), commitment: [...c(8)] });
      assert.deepEqual((await s.openJobs()).map((r) => r.jobId), ['ej_b']);
      assert.equal(await s.pruneJobs(150), 1, 'finished before 150: ej_c; ej_b is open');
      assert.equal(await s.getJob('ej_c'), undefined);
      assert.ok((await s.getJob('ej_b')) !== undefined);
    } finally {
      await s.close();
    }
  });

  it('consumeApprovals: all of them or none, once (an approval authorises one erasure)', async () => {
    const s = await open();
    try {
      await s.putApproval({ commitment: c(3), scope: 'a/x', approver: 'cleo', approvedAt: 100, expiresAt: 500 });
      await s.putApproval({ commitment: c(3), scope: '*', approver: 'dana', approvedAt: 100, expiresAt: 300 });
      await s.putApproval({ commitment: c(4), scope: '*', approver: 'cleo', approvedAt: 100, expiresAt: 500 });
      const who = async (scope: string, now: number) => (await s.approvals(c(3), scope, now)).map((a) => `${a.approver}@${a.scope}`);
      assert.equal(await s.consumeApprovals(c(3), 'a/x', [], 200), true, 'nothing to use up');
      // dana's approval expired at 300: nothing is used up, cleo's stays.
      assert.equal(await s.consumeApprovals(c(3), 'a/x', ['cleo', 'dana'], 300), false);
      assert.deepEqual(await who('a/x', 250), ['cleo@a/x', 'dana@*']);
      // An approval of one scope is not one of every scope.
      assert.equal(await s.consumeApprovals(c(3), '*', ['cleo'], 250), false);
      assert.equal(await s.consumeApprovals(c(3), 'a/x', ['cleo', 'dana'], 250), true);
      assert.deepEqual(await who('a/x', 250), []);
      assert.equal(await s.consumeApprovals(c(3), 'a/x', ['cleo'], 250), false, 'used once');
      assert.equal((await s.approvals(c(4), '*', 250)).length, 1, 'another subject\'s approval stays');
      // Two erasures at once on one approval: one of them gets it.
      await s.putApproval({ commitment: c(5), scope: '*', approver: 'cleo', approvedAt: 100, expiresAt: 500 });
      const both = await Promise.all([s.consumeApprovals(c(5), '*', ['cleo'], 250), s.consumeApprovals(c(5), 'a/x', ['cleo'], 250)]);
      assert.deepEqual(both.sort(), [false, true]);
    } finally {
      await s.close();
    }
  });
});
}

storeSuite('SQLite', async () => SqliteSubjectIndex.open(join(tempDir(), 'subjects.db')));

describe('erasure: SQLite subject index of an earlier build', () => {
  it('gets the approvals\' tenant column on open, its approvals kept without a tenant', async () => {
    const path = join(tempDir(), 'subjects.db');
    const db = new Database(path);
    db.exec(`CREATE TABLE erasure_approvals (commitment BLOB NOT NULL, scope TEXT NOT NULL, approver TEXT NOT NULL, approved_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, PRIMARY KEY (commitment, scope, approver)) WITHOUT ROWID`);
    db.prepare('INSERT INTO erasure_approvals VALUES (?, ?, ?, ?, ?)').run(Buffer.from(c(7)), '*', 'cleo', 100, 500);
    db.close();
    const s = SqliteSubjectIndex.open(path);
    try {
      assert.deepEqual((await s.approvals(c(7), '*', 200)).map((a) => [a.approver, a.tenant]), [['cleo', undefined]]);
      await s.putApproval({ commitment: c(7), scope: '*', approver: 'tina', approvedAt: 150, expiresAt: 500, tenant: 'acme' });
      assert.deepEqual((await s.approvals(c(7), '*', 200)).map((a) => a.tenant), [undefined, 'acme']);
    } finally {
      await s.close();
    }
  });
});

describe('erasure: SQLite subject index staging', () => {
  const stagedIn = (path: string) => (): number => {
    const db = new Database(path, { readonly: true });
    try { return db.prepare('SELECT count(*) FROM subject_staging').pluck().get() as number; } finally { db.close(); }
  };

  it('leaves no staged pair behind once a run completes or aborts', async () => {
    const path = join(tempDir(), 'subjects.db');
    const s = SqliteSubjectIndex.open(path, { memoryRows: 0 });
    await s.beginRun(run('r1', '/o/a.csv'));
    await s.addRows('r1', [c(1), c(2)], [0, 1]);
    await s.beginRun(run('r2', '/o/b.csv'));
    await s.addRows('r2', [c(1)], [0]);
    const staged = stagedIn(path);
    assert.equal(staged(), 3);
    await s.completeRun('r1');
    assert.equal(staged(), 1);
    await s.abortRun('r2');
    assert.equal(staged(), 0);
    assert.deepEqual((await s.find(c(1))).map((f) => [f.run.runId, f.rows]), [['r1', [0]]]);
    await s.close();
  });

  it('holds a run\'s pairs in memory up to the bound, stages them all past it, and indexes them the same either way', async () => {
    const path = join(tempDir(), 'subjects.db');
    const s = SqliteSubjectIndex.open(path, { memoryRows: 4 });
    const staged = stagedIn(path);
    // same(n): commitments sharing their first 31 bytes, so order within an equal 4-byte prefix is tested; repeats across rows.
    const same = (last: number) => { const b = new Uint8Array(32).fill(9); b[31] = last; return b; };
    await s.beginRun(run('held', '/o/h.csv'));
    const mine = [same(3), c(5), same(1)];
    await s.addRows('held', mine, [0, 1, 2]);
    mine[0]!.fill(0); // the caller's buffer reused: the index kept its own copy
    await s.addRows('held', [same(1)], [3]);
    assert.equal(staged(), 0);
    await s.beginRun(run('spill', '/o/s.csv'));
    await s.addRows('spill', [same(3), c(5)], [0, 1]);
    await s.addRows('spill', [same(1), same(1), c(6)], [2, 3, 4]);
    assert.equal(staged(), 5);
    await s.addRows('spill', [c(5)], [5]);
    assert.equal(staged(), 6);
    await s.beginRun(run('gone', '/o/g.csv'));
    await s.addRows('gone', [c(5)], [0]);
    await s.abortRun('gone');
    await s.completeRun('gone').then(() => assert.fail('an aborted run cannot complete'), () => undefined);
    assert.deepEqual(await s.find(c(5)), []);
    await s.completeRun('held');
    await s.completeRun('spill');
    assert.equal(staged(), 0);
    const rows = async (x: Uint8Array) => (await s.find(x)).map((f) => [f.run.runId, f.rows]);
    assert.deepEqual(await rows(same(3)), [['held', [0]], ['spill', [0]]]);
    assert.deepEqual(await rows(same(1)), [['held', [2, 3]], ['spill', [2, 3]]]);
    assert.deepEqual(await rows(c(5)), [['held', [1]], ['spill', [1, 5]]]);
    assert.deepEqual(await rows(c(6)), [['spill', [4]]]);
    assert.deepEqual(await rows(new Uint8Array(32)), []);
    await s.close();
  });
});
const schemas = new ScratchSchemas('cordon_subjects');
storeSuite('PostgreSQL', async () => PostgresSubjectIndex.open((await schemas.create()).url), PG_SKIP, () => schemas.dropAll());

const CONTRACT = `apiVersion: v3.1.0
kind: DataContract
id: subjects-test
version: 1.0.0
status: active
schema:
  - name: people
    properties:
      - { name: id, logicalType: string, primaryKey: true, classification: internal, customProperties: [{ property: cordonProtect, value: { operator: keep } }] }
      - { name: note, logicalType: string, classification: internal, customProperties: [{ property: cordonProtect, value: { operator: keep } }] }
`;

describe('erasure: protect records subjects', () => {
  let k: TempKeyring;
  before(async () => { k = await tempKeyring(); });
  after(async () => { await k.cleanup(); });

  it('records each output row under its subject, past quarantined rows and across batches; tombstoned rows are dropped', async () => {
    const dir = tempDir();
    const N = 4500;
    const lines = ['id,note'];
    for (let i = 0; i < N; i++) lines.push(`cust-${i},${i === 2100 ? 'write to maria.gonzalez@example.com' : 'ok'}`);
    writeFileSync(join(dir, 'in.csv'), lines.join('\n') + '\n');
    const contract = parseContract(CONTRACT);
    const store = SqliteSubjectIndex.open(join(dir, 'subjects.db'));
    const key = await subjectIndexKey(k.keyring);
    try {
      await store.addTombstone({ commitment: commitSubject(key, 'cust-7'), scope: subjectScope('subjects-test', 'people'), erasureId: 'e0', at: 0 });
      const rec = (await recordSubjects(store, k.keyring, { runId: 'run-1', contractId: contract.id, dataset: contract.datasets[0]!, output: join(dir, 'out.csv') }))!;
      const m = await protectFile({
        input: join(dir, 'in.csv'), output: join(dir, 'out.csv'), quarantine: join(dir, 'q.csv'), contract, keyring: k.keyring, cordonVersion: '0.0.0', subjects: rec.sink, workers: 0,
      });
      await rec.complete();
      assert.deepEqual(m.rows, { in: N, out: N - 2, quarantined: 1, erased: 1 });
      const out = readFileSync(join(dir, 'out.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
      assert.equal(out.length, N - 2);
      assert.equal(out.includes('cust-7'), false);
      for (const i of [0, 6, 8, 2099, 2101, 2102, 4000, N - 1]) {
        const found = await store.find(commitSubject(key, `cust-${i}`));
        assert.equal(found.length, 1, `cust-${i}`);
        assert.equal(found[0]!.rows.length, 1);
        assert.equal(out[found[0]!.rows[0]!], `cust-${i}`, `cust-${i} at its output row`);
      }
      assert.deepEqual(await store.find(commitSubject(key, 'cust-2100')), []);
      assert.deepEqual(await store.find(commitSubject(key, 'cust-7')), []);
      // The index holds commitments only: no id appears in the database file.
      assert.equal(readFileSync(join(dir, 'subjects.db')).includes('cust-4000'), false);
    } finally {
      await store.close();
    }
  });
});
