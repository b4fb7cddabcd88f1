// One suite for every lineage store backend (SQLite always, PostgreSQL when CORDON_TEST_PG_URL is
// set; see backends.ts): events kept whole and in order, delivery state transitions, two writers at
// once losing nothing (one transaction per append, seqs in commit order), recordProtectLineage at a
// location. Then what is backend-specific: four processes on one lineage.db; a bad PostgreSQL URL
// is ERR_STORE_UNAVAILABLE without its password; a pool handed in is left open.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { parseContract } from '../../../src/contracts/parse-contract.js';
import { recordProtectLineage } from '../../../src/lineage/record-protect.js';
import { newRunId } from '../../../src/lineage/run-id.js';
import { openLineageStore } from '../../../src/lineage/store/open.js';
import { SqliteLineageStore } from '../../../src/lineage/store/sqlite.js';
import type { LineageStore } from '../../../src/lineage/store/types.js';
import type { RunEvent, RunEventType } from '../../../src/lineage/types.js';
import { repoPath } from '../../helpers/paths.js';
import { tempDir } from '../../helpers/keyring.js';
import { BACKENDS, PG_URL, dropLineageSchemas } from './backends.js';

after(dropLineageSchemas);

function event(type: RunEventType, runId: string, job: string, input: string, output: string): RunEvent {
  return {
    eventType: type, eventTime: new Date().toISOString(), producer: 'https://x.example/', schemaURL: 'https://x.example/',
    run: { runId }, job: { namespace: 'cordon', name: job },
    inputs: [{ namespace: 'file://h', name: input }],
    outputs: [{
      namespace: 'file://h', name: output,
      facets: {
        columnLineage: {
          _producer: 'https://x.example/', _schemaURL: 'https://x.example/',
          fields: { email: { inputFields: [{ namespace: 'file://h', name: input, field: 'email', transformations: [{ type: 'DIRECT', subtype: 'TRANSFORMATION', description: 'hash', masking: true }] }] } },
        },
      },
    }],
  };
}

const CONTRACT = parseContract('apiVersion: v3.1.0\nkind: DataContract\nid: c1\nversion: 1.0.0\nstatus: active\nschema:\n  - name: people\n    properties:\n      - { name: email, logicalType: string, classification: restricted }\n');

for (const b of BACKENDS) {
  describe(`lineage store: ${b.name}`, { ...(b.skip !== undefined ? { skip: b.skip } : {}) }, () => {
    it('events round trip: kept whole, oldest first, by run; they survive a reopen; START makes no edges', async () => {
      const loc = await b.location();
      const r1 = newRunId();
      const r2 = newRunId();
      const list = [event('START', r1, 'j', '/raw', '/out'), event('COMPLETE', r1, 'j', '/raw', '/out'), event('FAIL', r2, 'j', '/raw', '/never')];
      const s = await openLineageStore(loc);
      try {
        const seqs = await s.append(list);
        assert.equal(seqs.length, 3);
        assert.ok(seqs[0]! < seqs[1]! && seqs[1]! < seqs[2]!, 'seqs follow the events');
        assert.deepEqual(await s.append([]), []);
      } finally {
        await s.close();
      }
      const again = await openLineageStore(loc);
      try {
        const stored = await again.events();
        assert.deepEqual(stored.map((e) => JSON.stringify(e.event)), list.map((e) => JSON.stringify(e)), 'byte for byte, in order');
        assert.deepEqual(stored.map((e) => e.delivery), ['local', 'local', 'local']);
        assert.deepEqual((await again.events({ runId: r2 })).map((e) => e.event.eventType), ['FAIL']);
        const g = again.graph();
        const into = await g.edgesInto({ namespace: 'file://h', name: '/out' });
        assert.deepEqual(into.map((e) => [e.runId, e.from.name, e.to.name]), [[r1, '/raw', '/out']]);
        const col = await g.edgesInto({ namespace: 'file://h', name: '/out', field: 'email' });
        assert.deepEqual(col.map((e) => [e.from.field, e.operator, e.transformation]), [['email', 'hash', { type: 'DIRECT', subtype: 'TRANSFORMATION', masking: true }]]);
        assert.deepEqual((await g.datasets()).map((d) => d.name).sort(), ['/out', '/raw'], 'a failed run makes no dataset');
      } finally {
        await again.close();
      }
    });

    it('delivery state: local or pending when stored; pending → delivered or rejected; oldest first', async () => {
      const loc = await b.location();
      const s = await openLineageStore(loc, { pending: true });
      try {
        const ev = (n: number) => event('START', newRunId(), `j${n}`, '/raw', '/out');
        await s.emit([ev(1)]);
        await s.append([ev(2)], { pending: false });
        const [c, d] = await s.append([ev(3), ev(4)], { pending: true });
        assert.equal(await s.countPending(), 3);
        const first = await s.pending(2);
        assert.deepEqual(first.map((e) => e.event.job.name), ['j1', 'j3']);
        await s.markDelivered([first[0]!.seq], '2026-01-01T00:00:00.000Z');
        await s.markRejected([c!]);
        await s.markDelivered([]);
        assert.equal(await s.countPending(), 1);
        assert.deepEqual((await s.pending(10)).map((e) => e.seq), [d]);
        assert.deepEqual((await s.events()).map((e) => e.delivery), ['delivered', 'local', 'rejected', 'pending']);
      } finally {
        await s.close();
      }
      const local = await openLineageStore(loc);
      try {
        await local.emit([event('START', newRunId(), 'j5', '/raw', '/out')]);
        assert.equal((await local.events()).at(-1)!.delivery, 'local', 'a store opened without `pending` keeps events local');
      } finally {
        await local.close();
      }
    });

    it('two writers on two connections appending at once lose nothing; a reader never sees a newer event before an older one', async () => {
      const loc = await b.location();
      const writers: LineageStore[] = [await openLineageStore(loc), await openLineageStore(loc)];
      const reader = await openLineageStore(loc);
      try {
        // What `pending()` relies on to deliver oldest first: every read sees a prefix of the seqs,
        // so an event it did not see can never get a lower seq than one it did (commit order = seq order).
        const snapshots: number[][] = [];
        let writing = true;
        const reading = (async () => {
          while (writing) snapshots.push((await reader.events()).map((e) => e.seq));
        })();
        // 2 writers × 100 appends of one run (START + COMPLETE): 400 events, 200 edges into /out.
        const appends = await Promise.all(writers.map(async (w, n) => {
          const out: Array<{ runId: string; seqs: number[] }> = [];
          for (let i = 0; i < 100; i++) {
            const runId = newRunId();
            out.push({ runId, seqs: await w.append([event('START', runId, `w${n}`, `/in${n}`, '/out'), event('COMPLETE', runId, `w${n}`, `/in${n}`, '/out')]) });
          }
          return out;
        })).finally(() => { writing = false; });
        await reading;
        const all = await reader.events();
        assert.equal(all.length, 400);
        assert.equal(new Set(all.map((e) => e.seq)).size, 400);
        const seqOf = new Map(all.map((e) => [`${e.event.run.runId}/${e.event.eventType}`, e.seq]));
        for (const { runId, seqs } of appends.flat()) {
          assert.deepEqual([seqOf.get(`${runId}/START`), seqOf.get(`${runId}/COMPLETE`)], seqs, 'returned seqs name the stored events, in order');
        }
        const final = all.map((e) => e.seq);
        assert.ok(snapshots.length > 1, 'the reader ran while the writers wrote');
        for (const snap of snapshots) {
          const seen = new Set(snap);
          const top = Math.max(-1, ...snap);
          assert.deepEqual(final.filter((q) => q <= top && !seen.has(q)), [], `a read saw up to seq ${top} but missed older events`);
        }
        assert.equal((await writers[1]!.graph().edgesInto({ namespace: 'file://h', name: '/out' })).length, 200);
      } finally {
        for (const w of [...writers, reader]) await w.close();
      }
    });

    it('recordProtectLineage keeps the event at the location; an unreachable endpoint leaves it pending', async () => {
      const loc = await b.location();
      const r = await recordProtectLineage(loc, { phase: 'start', contract: CONTRACT, runId: newRunId(), input: '/d/raw.csv', output: '/d/out.csv', cordonVersion: 't', host: 'h' }, {
        env: { CORDON_LINEAGE_URL: 'http://127.0.0.1:1' }, http: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
      });
      assert.equal(r.pending, 1);
      assert.match(r.warnings.join('\n'), b.name === 'sqlite' ? /1 lineage event\(s\) kept in lineage\.db/ : /1 lineage event\(s\) kept in the PostgreSQL lineage store/);
      const s = await openLineageStore(loc);
      try {
        assert.deepEqual((await s.events()).map((e) => [e.event.eventType, e.delivery]), [['START', 'pending']]);
      } finally {
        await s.close();
      }
    });
  });
}

describe('lineage store: sqlite only', () => {
  const WRITER = `
const { SqliteLineageStore } = await import(process.argv[1]);
const s = SqliteLineageStore.open(process.argv[2]);
for (let i = 0; i < 50; i++) {
  await s.emit([{ eventType: 'COMPLETE', eventTime: new Date().toISOString(), producer: 'https://x.example/', schemaURL: 'https://x.example/',
    run: { runId: crypto.randomUUID() }, job: { namespace: 'cordon', name: 'w' + process.argv[3] },
    inputs: [{ namespace: 'file://h', name: '/in' + process.argv[3] }], outputs: [{ namespace: 'file://h', name: '/out' }] }]);
}
await s.close();
`;

  it('four processes appending 50 events each to one lineage.db: all 200 are stored with their edges', async () => {
    const db = join(tempDir(), 'lineage.db');
    await SqliteLineageStore.open(db).close();
    const mod = repoPath('dist/src/lineage/store/sqlite.js');
    const codes = await Promise.all([1, 2, 3, 4].map((n) => new Promise<number | null>((resolve) => {
      const p = spawn(process.execPath, ['--input-type=module', '-e', WRITER, mod, db, String(n)], { stdio: ['ignore', 'ignore', 'inherit'] });
      p.on('close', resolve);
    })));
    assert.deepEqual(codes, [0, 0, 0, 0]);
    const s = SqliteLineageStore.open(db);
    assert.equal((await s.events()).length, 200);
    assert.equal((await s.graph().edgesInto({ namespace: 'file://h', name: '/out' })).length, 200);
    await s.close();
  });

  it('a lineage.db that cannot be created is ERR_IO; an unknown location kind is a TypeError', async () => {
    await assert.rejects(openLineageStore({ kind: 'sqlite', path: join(tempDir(), 'no', 'such', 'dir', 'lineage.db') }), { code: 'ERR_IO' });
    await assert.rejects(openLineageStore({ kind: 'mysql', path: '/x' } as never), TypeError);
  });
});

describe('lineage store: postgres only', () => {
  const PASSWORD = 's3cret-Pw0rd';

  it('an unreachable server is ERR_STORE_UNAVAILABLE and the message holds neither the URL nor the password', async () => {
    for (const url of [`postgres://cordon:${PASSWORD}@127.0.0.1:1/lineage`, `postgres://cordon:${encodeURIComponent('p@ss/' + PASSWORD)}@127.0.0.1:1/lineage?sslmode=disable`]) {
      await assert.rejects(openLineageStore({ kind: 'postgres', url }), (e: Error & { code?: string }) => {
        assert.equal(e.code, 'ERR_STORE_UNAVAILABLE');
        assert.ok(!e.message.includes(PASSWORD) && !e.message.includes(url), e.message);
        return true;
      });
    }
  });

  it('a database that does not exist is ERR_STORE_UNAVAILABLE without the password', { ...(PG_URL === undefined ? { skip: 'CORDON_TEST_PG_URL is not set' } : {}) }, async () => {
    const u = new URL(PG_URL!);
    u.password = PASSWORD;
    u.pathname = '/cordon_no_such_database';
    await assert.rejects(openLineageStore({ kind: 'postgres', url: u.href }), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'ERR_STORE_UNAVAILABLE');
      assert.ok(!e.message.includes(PASSWORD), e.message);
      return true;
    });
  });

  it('a pool handed in is used, and close() leaves it open for its owner', { ...(PG_URL === undefined ? { skip: 'CORDON_TEST_PG_URL is not set' } : {}) }, async () => {
    const loc = await BACKENDS.find((x) => x.name === 'postgres')!.location();
    assert.equal(loc.kind, 'postgres');
    const url = loc.kind === 'postgres' ? loc.url : '';
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      const s = await openLineageStore({ kind: 'postgres', url, pool });
      await s.append([event('START', newRunId(), 'j', '/raw', '/out')]);
      await s.close();
      const r = await pool.query<{ n: string }>('SELECT count(*) AS n FROM cordon_lineage_events');
      assert.equal(Number(r.rows[0]!.n), 1);
    } finally {
      await pool.end();
    }
  });
});
