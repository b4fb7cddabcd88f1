// One suite for every audit store: SQLite always, PostgreSQL when CORDON_TEST_PG_URL is set (each
// run uses its own table prefix, so parallel runs never collide; without the URL the PostgreSQL
// run reports itself skipped). Roots and proofs for every size against an independent builder,
// checkpoints, full verification, two processes appending at once, and a kill -9 mid-append. Then
// the anchor (issue 12) on both: two processes checkpointing at once only move it forward, and a
// shared workspace refuses an emptied log and reports deleted checkpoints.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { tempDir } from '../helpers/keyring.js';
import { auditEvent } from '../../src/audit/make-event.js';
import { MerkleAuditLog } from '../../src/audit/log.js';
import { leafHash } from '../../src/audit/merkle/hash.js';
import { TreeBuilder } from '../../src/audit/merkle/tree.js';
import { verifyConsistency, verifyInclusion } from '../../src/audit/merkle/verify.js';
import { ed25519NoteSigner, noteKeyId } from '../../src/audit/signed-note.js';
import { SqliteAuditStore } from '../../src/audit/store/sqlite.js';
import { PostgresAuditStore } from '../../src/audit/store/postgres.js';
import type { AuditStore } from '../../src/audit/store/types.js';
import { verifyAuditLog } from '../../src/audit/verify-log.js';
import { decodeEntry } from '../../src/audit/entry.js';
import { ed25519Generate } from '../../src/crypto/ed25519.js';
import Database from 'better-sqlite3';
import { keptAnchor } from '../../src/audit/anchor/kept.js';
import { PostgresAnchorStore } from '../../src/audit/anchor/postgres.js';
import { SqliteAnchorStore } from '../../src/audit/anchor/sqlite.js';
import type { AnchorStore } from '../../src/audit/anchor/types.js';
import { EMPTY_ROOT } from '../../src/audit/merkle/hash.js';
import { randomBytes } from '../../src/crypto/random.js';
import { isCordonError } from '../../src/errors.js';
import { initWorkspace, openWorkspace } from '../../src/workspace/workspace.js';
import { PG_SKIP, ScratchSchemas, pgQuery } from '../helpers/pg-schemas.js';

const WORKER = new URL('../helpers/audit-worker.js', import.meta.url).pathname;
const PG_URL = process.env['CORDON_TEST_PG_URL'];
const RUN = `t${process.pid}_${Date.now().toString(36)}`;
const prefixes: string[] = [];

interface Backend {
  readonly name: string;
  readonly skip?: string;
  /** A fresh, empty store location. */
  location(): string;
  open(location: string): Promise<AuditStore>;
}

const BACKENDS: Backend[] = [
  {
    name: 'sqlite',
    location: () => `sqlite:${join(tempDir('cordon-audit-'), 'audit.db')}`,
    open: async (loc) => SqliteAuditStore.open(loc.slice(7)),
  },
  {
    name: 'postgres',
    ...(PG_URL === undefined ? { skip: 'CORDON_TEST_PG_URL is not set (.ci/run sets it to the local PostgreSQL)' } : {}),
    location() {
      const prefix = `cordon_audit_${RUN}_${prefixes.length}_`;
      prefixes.push(prefix);
      return `postgres:${PG_URL}#${prefix}`;
    },
    async open(loc) {
      const [url, prefix] = loc.slice(9).split('#');
      return PostgresAuditStore.open(url!, { prefix: prefix! });
    },
  },
];

after(async () => {
  if (PG_URL === undefined || prefixes.length === 0) return;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  for (const p of prefixes) for (const t of ['meta', 'entries', 'nodes', 'checkpoints']) await c.query(`DROP TABLE IF EXISTS ${p}${t}`);
  await c.end();
});

const hexOf = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const ev = (i: number, principal = 'tester') => auditEvent({ type: i % 3 === 0 ? 'key.unwrap' : 'file.decrypt', outcome: i % 5 === 0 ? 'failure' : 'success', principal, attributes: { n: i } });

function signerFor() {
  const kp = ed25519Generate();
  return {
    make: async (origin: string) => ed25519NoteSigner(origin, kp.seed, kp.publicKey),
    verifier: (origin: string) => ({ name: origin, keyId: noteKeyId(origin, kp.publicKey), publicKey: kp.publicKey }),
  };
}

function runWorker(loc: string, count: number, batch: number, principal: string) {
  const p = spawn(process.execPath, [WORKER, loc, String(count), String(batch), principal], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  p.stdout.on('data', (d) => (out += d));
  p.stderr.on('data', (d) => (err += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>((res) => p.on('close', (code, signal) => res({ code, signal, out, err })));
  return { p, done, out: () => out };
}

for (const b of BACKENDS) {
  describe(`audit store: ${b.name}`, b.skip !== undefined ? { skip: b.skip } : {}, () => {
    it('roots and proofs for every size match an independent tree; appends keep order', async () => {
      const store = await b.open(b.location());
      const log = new MerkleAuditLog(store, { checkpointEvery: 0 });
      try {
        const builder = new TreeBuilder();
        const roots: Uint8Array[] = [builder.root()];
        // Odd batch sizes so batches straddle subtree boundaries.
        let n = 0;
        for (const size of [1, 2, 3, 1, 7, 16, 5, 30]) {
          const events = Array.from({ length: size }, () => ev(n++));
          const r = await log.appendMany(events);
          assert.equal(r.first, n - size);
          assert.equal(r.size, n);
        }
        const stored = await store.entries(0, 1000);
        assert.equal(stored.length, n);
        for (const e of stored) {
          assert.equal(decodeEntry(e.entry).seq, e.index);
          builder.push(leafHash(e.entry));
          roots.push(builder.root());
        }
        for (let size = 0; size <= n; size++) assert.equal(hexOf((await log.root(size)).rootHash), hexOf(roots[size]!), `root of ${size}`);
        for (const size of [1, 2, 5, 8, 13, 33, n]) {
          for (const i of [0, Math.floor(size / 2), size - 1]) {
            const proof = await log.inclusionProof(i, size);
            assert.ok(verifyInclusion(stored[i]!.leafHash, i, size, proof, roots[size]!), `inclusion ${i}/${size}`);
          }
          for (const m of [1, 3, Math.max(1, size - 1), size]) {
            if (m > size) continue;
            assert.ok(verifyConsistency(m, size, await log.consistencyProof(m, size), roots[m]!, roots[size]!), `consistency ${m}->${size}`);
          }
        }
        assert.equal(await store.findIndex(decodeEntry(stored[17]!.entry).id), 17);
        assert.equal((await store.query({ type: 'key.unwrap' })).length, Math.ceil(n / 3));
        assert.equal((await store.query({ principal: 'nobody' })).length, 0);
        assert.equal((await store.query({ from: 60, limit: 3 })).map((e) => e.index).join(','), '60,61,62');
      } finally {
        await log.close();
      }
    });

    it('signs checkpoints (every N events and on close) that verify; prove gives a proof against the newest', async () => {
      const loc = b.location();
      const keys = signerFor();
      const log = new MerkleAuditLog(await b.open(loc), { signer: keys.make, checkpointEvery: 10 });
      for (let i = 0; i < 25; i++) {
        log.emit(ev(i));
        if (i % 5 === 4) await log.flush();
      }
      await log.close();
      const store = await b.open(loc);
      try {
        const origin = await new MerkleAuditLog(store).origin();
        const cps = await store.checkpoints();
        assert.deepEqual(cps.map((c) => c.size), [10, 20, 25], 'every 10 events, and on close');
        const report = await verifyAuditLog(store, { verifiers: [keys.verifier(origin)], origin });
        assert.deepEqual(report.problems, []);
        assert.equal(report.ok, true);
        assert.equal(report.signedSize, 25);
        const log2 = new MerkleAuditLog(store, { signer: keys.make });
        const id = decodeEntry((await store.entries(7, 1))[0]!.entry).id;
        const bundle = await log2.prove(id, [keys.verifier(origin)]);
        assert.equal(bundle.index, 7);
        assert.equal(bundle.treeSize, 25);
        // Someone else's key: no trusted signature.
        const other = signerFor();
        const bad = await verifyAuditLog(store, { verifiers: [other.verifier(origin)], origin });
        assert.equal(bad.ok, false);
        assert.ok(bad.problems.every((p) => p.kind === 'checkpoint-signature'));
      } finally {
        await store.close();
      }
    });

    it('two processes appending at once are serialised: every event once, a valid tree', async () => {
      const loc = b.location();
      await (await b.open(loc)).close();
      const [w1, w2] = [runWorker(loc, 1500, 50, 'p1'), runWorker(loc, 1500, 37, 'p2')];
      const [r1, r2] = await Promise.all([w1.done, w2.done]);
      assert.equal(r1.code, 0, r1.err);
      assert.equal(r2.code, 0, r2.err);
      const store = await b.open(loc);
      try {
        assert.equal(await store.size(), 3000);
        const report = await verifyAuditLog(store, { verifiers: [] });
        assert.deepEqual(report.problems, []);
        const all = await store.entries(0, 5000);
        for (const p of ['p1', 'p2']) {
          const ns = all.filter((e) => e.principal === p).map((e) => Number(decodeEntry(e.entry).attributes!['n']));
          assert.deepEqual(ns, Array.from({ length: 1500 }, (_, i) => i), `${p} events in order, each once`);
        }
      } finally {
        await store.close();
      }
    });

    it('kill -9 in the middle of appending leaves a valid log of whole batches', async () => {
      const loc = b.location();
      await (await b.open(loc)).close();
      const w = runWorker(loc, 10_000_000, 100, 'crash');
      // Let it append for a while, then kill it without warning.
      const deadline = Date.now() + 20_000;
      while (!w.out().includes('ready') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 700));
      w.p.kill('SIGKILL');
      const r = await w.done;
      assert.equal(r.signal, 'SIGKILL');
      const store = await b.open(loc);
      try {
        const size = await store.size();
        assert.ok(size > 0, 'some batches were committed');
        assert.equal(size % 100, 0, 'only whole batches are in the log');
        const report = await verifyAuditLog(store, { verifiers: [] });
        assert.deepEqual(report.problems, []);
        // And the log keeps growing correctly after the crash.
        await store.append([ev(1), ev(2), ev(3)]);
        assert.deepEqual((await verifyAuditLog(store, { verifiers: [] })).problems, []);
      } finally {
        await store.close();
      }
    });
  });
}

const ANCHOR_WORKER = new URL('../helpers/anchor-worker.js', import.meta.url).pathname;
const schemas = new ScratchSchemas('cordon_anchor');
after(() => schemas.dropAll());

interface AnchorBackend {
  readonly name: string;
  readonly skip?: string;
  /** A fresh location for an audit store and its anchor (`sqlite:<dir>` or `postgres:<url>`). */
  location(): Promise<string>;
  open(loc: string): Promise<{ store: AuditStore; anchorStore: AnchorStore; close(): Promise<void> }>;
}

const ANCHOR_BACKENDS: AnchorBackend[] = [
  {
    name: 'sqlite',
    async location() {
      const dir = tempDir('cordon-anchor-');
      new Database(join(dir, 'keys.db')).close();
      return `sqlite:${dir}`;
    },
    async open(loc) {
      const dir = loc.slice(7);
      const store = SqliteAuditStore.open(join(dir, 'audit.db'));
      const anchorStore = SqliteAnchorStore.open(join(dir, 'keys.db'));
      return { store, anchorStore, async close() { await store.close(); await anchorStore.close(); } };
    },
  },
  {
    name: 'postgres',
    ...PG_SKIP,
    async location() {
      return `postgres:${(await schemas.create()).url}`;
    },
    async open(loc) {
      const url = loc.slice(9);
      const pool = new pg.Pool({ connectionString: url, max: 2 });
      const store = await PostgresAuditStore.open(url, { pool });
      const anchorStore = await PostgresAnchorStore.open(pool);
      return { store, anchorStore, async close() { await store.close(); await pool.end(); } };
    },
  },
];

for (const b of ANCHOR_BACKENDS) {
  describe(`audit anchor: ${b.name}`, b.skip !== undefined ? { skip: b.skip } : {}, () => {
    it('two processes appending and checkpointing at once: the anchor only moves forward and ends at the log\'s size', async () => {
      const loc = await b.location();
      const key = randomBytes(32);
      const kp = ed25519Generate();
      const first = await b.open(loc);
      const origin = await new MerkleAuditLog(first.store).origin();
      const anchor = keptAnchor(first.anchorStore, async () => key);
      await anchor.advance({ origin, size: 0, rootHash: EMPTY_ROOT });
      const args = (principal: string, batch: number) => [ANCHOR_WORKER, loc, '300', String(batch), principal, Buffer.from(key).toString('hex'), Buffer.from(kp.seed).toString('hex')];
      const run = (a: string[]) => new Promise<{ code: number | null; err: string }>((res) => {
        const p = spawn(process.execPath, a, { stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        p.stderr.on('data', (d) => (err += d));
        p.on('close', (code) => res({ code, err }));
      });
      try {
        const [r1, r2] = await Promise.all([run(args('p1', 7)), run(args('p2', 11))]);
        assert.equal(r1.code, 0, r1.err);
        assert.equal(r2.code, 0, r2.err);
        assert.equal(await first.store.size(), 600);
        const st = await anchor.state();
        assert.ok(st.kind === 'anchored', st.kind);
        assert.equal(st.anchor.size, 600, 'the last checkpoint of either process covers everything');
        const verifier = { name: origin, keyId: noteKeyId(origin, kp.publicKey), publicKey: kp.publicKey };
        const report = await verifyAuditLog(first.store, { verifiers: [verifier], origin, anchor: st });
        assert.deepEqual(report.problems, []);
        assert.equal(report.anchoredSize, 600);
        // Every checkpoint either process stored is consistent with the anchor's root.
        const sizes = (await first.store.checkpoints()).map((c) => c.size);
        assert.ok(sizes.length >= 2 && sizes.every((x, i) => i === 0 || x >= sizes[i - 1]!), 'sizes ascend');
        // An older anchor never replaces a newer one.
        await anchor.advance({ origin, size: 10, rootHash: (await new MerkleAuditLog(first.store).root(10)).rootHash });
        assert.equal(await anchor.recordedSize(), 600);
      } finally {
        await first.close();
      }
    });
  });
}

describe('shared workspace: the anchor in PostgreSQL', PG_SKIP, () => {
  it('regression: emptied audit tables are refused (ERR_AUDIT_LOG_MISSING); deleted checkpoints fail verification', async () => {
    const { url } = await schemas.create();
    const dir = tempDir('cordon-anchor-ws-');
    const env = { HOME: dir, CORDON_HOME: join(dir, 'ws'), CORDON_PRINCIPAL: 'test', CORDON_MASTER_KEY: Buffer.from(randomBytes(32)).toString('base64') };
    await (await initWorkspace({ env, store: url })).close();
    const verifyWs = async () => {
      const ws = await openWorkspace({ env, store: url });
      try {
        const log = ws.auditLog!;
        const origin = await log.origin();
        const anchor = await ws.auditAnchor!.state();
        return await verifyAuditLog(log.store, { verifiers: [(await ws.auditKeys()).verifier(origin)], origin, anchor });
      } finally {
        await ws.close();
      }
    };
    const good = await verifyWs();
    assert.deepEqual(good.problems, []);
    assert.ok(good.anchoredSize !== undefined && good.anchoredSize > 0 && good.anchoredSize === good.size);
    await pgQuery(url, 'DELETE FROM cordon_audit_checkpoints');
    assert.deepEqual((await verifyWs()).problems.map((p) => p.kind), ['checkpoint-missing']);
    await pgQuery(url, 'DROP TABLE cordon_audit_entries, cordon_audit_nodes, cordon_audit_checkpoints');
    await assert.rejects(openWorkspace({ env, store: url }), (e) => isCordonError(e, 'ERR_AUDIT_LOG_MISSING'));
  });
});
