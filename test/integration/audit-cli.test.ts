// `cordon audit` on a real workspace log: verify, show, export, checkpoint, prove checked by the
// offline verifier printed in docs/audit.md (run exactly as written there), and the tamper
// matrix — edit, delete, insert, reorder, truncate, forge a checkpoint — each detected (exit 5)
// with the first bad index — and the anchor in the key store (issue 12): checkpoints deleted, a
// deleted audit.db, a log cut back below the anchored size, and checkpoints published to a file or
// an HTTP witness and checked back with `verify --checkpoint`.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { cliSandbox, type CliSandbox } from '../helpers/cli.js';
import { CORDON_BIN, repoPath } from '../helpers/paths.js';
import { EXIT_CODES } from '../../src/cli/exit-codes.js';
import { leafHash } from '../../src/audit/merkle/hash.js';
import { TreeBuilder } from '../../src/audit/merkle/tree.js';
import { ed25519NoteSigner, signNote } from '../../src/audit/signed-note.js';
import { formatCheckpoint } from '../../src/audit/checkpoint.js';
import { ed25519Generate } from '../../src/crypto/ed25519.js';

interface Row { idx: number; entry: Buffer; leaf: Buffer }

/** The verifier program from docs/audit.md, byte for byte. */
function offlineVerifier(): string {
  const doc = readFileSync(repoPath('docs/audit.md'), 'utf8');
  const m = /<!-- offline-verifier:start -->\n```js\n([\s\S]*?)```\n<!-- offline-verifier:end -->/.exec(doc);
  assert.ok(m, 'docs/audit.md has the offline verifier block');
  const lines = m[1]!.split('\n').length;
  assert.ok(lines < 60, `the offline verifier is a few dozen lines (${lines})`);
  return m[1]!;
}

describe('cordon audit', () => {
  let s: CliSandbox;
  let size = 0;
  const ok = (args: string[], env?: NodeJS.ProcessEnv): string => {
    const r = s.run(args, env ? { env } : {});
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };

  before(() => {
    s = cliSandbox();
    ok(['init']);
    writeFileSync(s.path('p.txt'), 'rows\n');
    for (let i = 0; i < 3; i++) {
      ok(['encrypt', 'p.txt', '-o', `p${i}.cdn`, '--force']);
      // The key store (and its anchor) as it was early on, for a rollback below.
      if (i === 0) cpSync(s.path('ws', 'keys.db'), s.path('keys-early.db'));
    }
    ok(['keys', 'create', 'models'], { CORDON_PRINCIPAL: 'alice' });
    size = readFileSync(s.path('ws', 'audit.jsonl'), 'utf8').trim().split('\n').length;
  });
  after(() => s.cleanup());

  it('verify passes on an untouched log and every command left a signed checkpoint', () => {
    const report = JSON.parse(ok(['audit', 'verify', '--json']));
    assert.equal(report.ok, true);
    assert.equal(report.size, size);
    assert.equal(report.signedSize, size);
    assert.ok(report.checkpoints >= 4, `checkpoints: ${report.checkpoints}`);
    assert.match(ok(['audit', 'verify']), new RegExp(`audit log OK: ${size} events`));
  });

  it('show filters by type, principal and time; --json gives the events', () => {
    const all = ok(['audit', 'show', '--json']).trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(all.length, size);
    assert.deepEqual(all.map((e) => e.seq), [...all.keys()]);
    const creates = ok(['audit', 'show', '--type', 'key.create', '--json']).trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(creates.map((e) => e.key.name), ['default', 'models']);
    assert.match(ok(['audit', 'show', '--principal', 'alice']), /key\.create {2}success {2}alice key=models@v1/);
    assert.equal(ok(['audit', 'show', '--since', '2999-01-01']), '');
    assert.equal(ok(['audit', 'show', '--limit', '2']).trim().split('\n').length, 2);
    assert.equal(s.run(['audit', 'show', '--since', 'yesterday-ish']).status, EXIT_CODES.usage);
  });

  it('export writes ECS JSON lines', () => {
    const docs = ok(['audit', 'export']).trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(docs.length, size);
    const d = docs.find((x) => x.user.name === 'alice');
    assert.equal(d.event.action, 'key.create');
    assert.equal(d.event.outcome, 'success');
    assert.equal(d.cordon.key.name, 'models');
    assert.match(d['@timestamp'], /^\d{4}-\d\d-\d\dT/);
    assert.equal(d.ecs.version, '8.11.0');
  });

  it('prove prints a proof that the offline verifier in docs/audit.md accepts, and rejects when altered', () => {
    const event = JSON.parse(ok(['audit', 'show', '--type', 'file.encrypt', '--json']).split('\n')[1]!);
    const proofJson = ok(['audit', 'prove', event.id]);
    const proof = JSON.parse(proofJson);
    assert.equal(proof.index, event.seq);
    const vkey = ok(['audit', 'key']).trim();
    assert.equal(proof.verifierKey, vkey);
    writeFileSync(s.path('verify-proof.mjs'), offlineVerifier());
    writeFileSync(s.path('proof.json'), proofJson);
    const run = (file: string, key = vkey) => spawnSync(process.execPath, [s.path('verify-proof.mjs'), file, key], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    const good = run(s.path('proof.json'));
    assert.equal(good.status, 0, good.stderr);
    assert.match(good.stdout, new RegExp(`^OK: event ${event.id} \\(file.encrypt, success\\) is entry ${event.seq}`));
    const tamper = (name: string, change: (p: Record<string, unknown>) => void) => {
      const p = JSON.parse(proofJson);
      change(p);
      writeFileSync(s.path(name), JSON.stringify(p));
      return run(s.path(name));
    };
    const entry = Buffer.from(proof.entry, 'base64').toString().replace('"success"', '"failure"');
    for (const [name, change] of [
      ['entry.json', (p: Record<string, unknown>) => { p.entry = Buffer.from(entry).toString('base64'); }],
      ['index.json', (p: Record<string, unknown>) => { p.index = (p.index as number) + 1; }],
      ['path.json', (p: Record<string, unknown>) => { (p.proof as string[]).reverse(); (p.proof as string[]).push((p.proof as string[])[0]!); }],
      ['note.json', (p: Record<string, unknown>) => { p.checkpoint = (p.checkpoint as string).replace(/\n(\d+)\n/, (_m, n) => `\n${Number(n) + 1}\n`); }],
    ] as const) {
      const r = tamper(name, change);
      assert.equal(r.status, 1, `${name}: ${r.stdout}`);
      assert.match(r.stderr, /^INVALID: /);
    }
    const other = ed25519Generate();
    const stranger = `${vkey.split('+')[0]}+00000000+${Buffer.concat([Buffer.of(1), other.publicKey]).toString('base64')}`;
    assert.equal(run(s.path('proof.json'), stranger).status, 1);
  });

  it('checkpoint signs the current size; audit key prints the signed-note verifier key', () => {
    const out = JSON.parse(ok(['audit', 'checkpoint', '--json']));
    assert.equal(out.size, size);
    assert.match(out.checkpoint, new RegExp(`^cordon\\.local/audit/[0-9a-f]{16}\\n${size}\\n[A-Za-z0-9+/]{43}=\\n\\n\u2014 cordon\\.local/audit/[0-9a-f]{16} `));
    assert.match(out.verifierKey, /^cordon\.local\/audit\/[0-9a-f]{16}\+[0-9a-f]{8}\+AQ?[A-Za-z0-9+/]+=*$/);
  });

  describe('tamper matrix: each change to audit.db is detected with the first bad index', () => {
    let n = 0;
    /** Copies the workspace, changes its audit.db, and runs verify on the copy. */
    const tampered = (change: (db: Database.Database, rows: Row[]) => void) => {
      const ws = s.path(`ws-t${n++}`);
      cpSync(s.path('ws'), ws, { recursive: true });
      const db = new Database(`${ws}/audit.db`);
      const rows = db.prepare('SELECT idx, entry, leaf FROM audit_entries ORDER BY idx').all() as Row[];
      db.transaction(() => change(db, rows))();
      db.close();
      const r = s.run(['audit', 'verify', '--json'], { env: { CORDON_HOME: ws } });
      assert.equal(r.status, EXIT_CODES.integrity, r.stdout + r.stderr);
      assert.match(r.stderr, /ERR_AUDIT_CHAIN_BROKEN/);
      const report = JSON.parse(r.stdout) as { firstBadIndex?: number; problems: { kind: string; index?: number }[] };
      return { report, kinds: new Set(report.problems.map((p) => p.kind)), stderr: r.stderr };
    };
    const setEntry = (db: Database.Database, idx: number, entry: Buffer, leaf?: Buffer) =>
      db.prepare('UPDATE audit_entries SET entry = ?, leaf = coalesce(?, leaf) WHERE idx = ?').run(entry, leaf ?? null, idx);
    const edited = (r: Row) => Buffer.from(r.entry.toString().replace(/"principal":"[^"]*"/, '"principal":"mallory"'));
    const shift = (db: Database.Database, from: number, by: number) => {
      db.prepare('UPDATE audit_entries SET idx = -idx - 1 WHERE idx >= ?').run(from);
      db.prepare('UPDATE audit_entries SET idx = -idx - 1 + ? WHERE idx < 0').run(by);
    };

    it('edit an event', () => {
      const { report, kinds, stderr } = tampered((db, rows) => setEntry(db, 3, edited(rows[3]!)));
      assert.equal(report.firstBadIndex, 3);
      assert.ok(kinds.has('leaf-hash'));
      assert.match(stderr, /at index 3/);
    });

    it('edit an event and rewrite its stored leaf hash', () => {
      const { report, kinds } = tampered((db, rows) => { const e = edited(rows[5]!); setEntry(db, 5, e, Buffer.from(leafHash(e))); });
      assert.equal(report.firstBadIndex, 4, 'the subtree of entries 4..5');
      assert.ok(kinds.has('node-hash') && kinds.has('checkpoint-root'));
    });

    it('edit an event and rewrite every stored hash: only the signed checkpoints catch it', () => {
      const { kinds, report } = tampered((db, rows) => {
        const e = edited(rows[6]!);
        setEntry(db, 6, e, Buffer.from(leafHash(e)));
        db.prepare("UPDATE audit_entries SET principal = 'mallory' WHERE idx = 6").run();
        db.prepare('DELETE FROM audit_nodes').run();
        const b = new TreeBuilder();
        const ins = db.prepare('INSERT INTO audit_nodes (level, idx, hash) VALUES (?, ?, ?)');
        rows.forEach((r, i) => b.push(i === 6 ? leafHash(e) : new Uint8Array(r.leaf), (l, j, h) => void ins.run(l, j, h)));
      });
      assert.deepEqual([...kinds], ['checkpoint-root']);
      assert.ok(report.firstBadIndex !== undefined && report.firstBadIndex <= 6, `bound ${report.firstBadIndex}`);
    });

    it('delete an event', () => {
      const { report, kinds } = tampered((db) => db.prepare('DELETE FROM audit_entries WHERE idx = 4').run());
      assert.equal(report.firstBadIndex, 4);
      assert.ok(kinds.has('entry-missing'));
    });

    it('delete an event and renumber the rest', () => {
      const { report, kinds } = tampered((db) => { db.prepare('DELETE FROM audit_entries WHERE idx = 4').run(); shift(db, 5, -1); });
      assert.equal(report.firstBadIndex, 4);
      assert.ok(kinds.has('entry-moved') && kinds.has('log-truncated'));
    });

    it('insert an event', () => {
      const { report, kinds } = tampered((db, rows) => {
        shift(db, 2, 1);
        const forged = Buffer.from(rows[2]!.entry.toString().replace(/"id":"[^"]*"/, '"id":"00000000-0000-4000-8000-000000000000"'));
        db.prepare("INSERT INTO audit_entries (idx, id, time, type, principal, entry, leaf) SELECT 2, '00000000-0000-4000-8000-000000000000', time, type, principal, ?, ? FROM audit_entries WHERE idx = 3").run(forged, Buffer.from(leafHash(forged)));
      });
      assert.equal(report.firstBadIndex, 2);
      assert.ok(kinds.has('entry-moved'));
    });

    it('reorder two events', () => {
      const { report, kinds } = tampered((db, rows) => {
        setEntry(db, 2, rows[5]!.entry, rows[5]!.leaf);
        setEntry(db, 5, rows[2]!.entry, rows[2]!.leaf);
        db.prepare('UPDATE audit_entries SET id = (SELECT json_extract(CAST(entry AS TEXT), \'$.id\')), type = (SELECT json_extract(CAST(entry AS TEXT), \'$.type\')), time = (SELECT json_extract(CAST(entry AS TEXT), \'$.time\')), principal = (SELECT json_extract(CAST(entry AS TEXT), \'$.principal\')) WHERE idx IN (2, 5)').run();
      });
      assert.equal(report.firstBadIndex, 2);
      assert.ok(kinds.has('entry-moved'));
    });

    it('cut the log back below a signed checkpoint', () => {
      const { report, kinds, stderr } = tampered((db) => db.prepare('DELETE FROM audit_entries WHERE idx >= ?').run(size - 3));
      assert.equal(report.firstBadIndex, size - 3);
      assert.deepEqual([...kinds], ['log-truncated']);
      assert.match(stderr, new RegExp(`at index ${size - 3}`));
    });

    it('forge a checkpoint: altered note, and one signed by another key', () => {
      const altered = tampered((db) => db.prepare("UPDATE audit_checkpoints SET note = replace(note, '\n' || size || '\n', '\n' || (size + 1) || '\n') WHERE rowid = (SELECT max(rowid) FROM audit_checkpoints)").run());
      assert.ok(altered.kinds.has('checkpoint-signature'));
      const foreign = tampered((db, rows) => {
        const origin = (db.prepare("SELECT v FROM audit_meta WHERE k = 'origin'").get() as { v: string }).v;
        const b = new TreeBuilder();
        for (const r of rows) b.push(new Uint8Array(r.leaf));
        const kp = ed25519Generate();
        const note = signNote(formatCheckpoint({ origin, size: rows.length + 5, rootHash: b.root() }), ed25519NoteSigner(origin, kp.seed, kp.publicKey));
        db.prepare('INSERT INTO audit_checkpoints (size, note, created_at) VALUES (?, ?, ?)').run(rows.length + 5, note, new Date().toISOString());
      });
      assert.deepEqual([...foreign.kinds], ['checkpoint-signature']);
    });

    it('regression: checkpoints deleted, then an event edited with every stored hash rewritten (the anchor catches it)', () => {
      const { kinds, report } = tampered((db, rows) => {
        db.prepare('DELETE FROM audit_checkpoints').run();
        const e = edited(rows[6]!);
        setEntry(db, 6, e, Buffer.from(leafHash(e)));
        db.prepare("UPDATE audit_entries SET principal = 'mallory' WHERE idx = 6").run();
        db.prepare('DELETE FROM audit_nodes').run();
        const b = new TreeBuilder();
        const ins = db.prepare('INSERT INTO audit_nodes (level, idx, hash) VALUES (?, ?, ?)');
        rows.forEach((r, i) => b.push(i === 6 ? leafHash(e) : new Uint8Array(r.leaf), (l, j, h) => void ins.run(l, j, h)));
      });
      // The anchored root no longer matches (reported instead of the missing checkpoints, which it implies).
      assert.deepEqual([...kinds], ['checkpoint-root']);
      assert.equal(report.firstBadIndex, 0);
    });

    it('regression: the log cut back below the anchored size, its checkpoints deleted too', () => {
      const { report, kinds } = tampered((db) => {
        db.prepare('DELETE FROM audit_entries WHERE idx >= ?').run(size - 3);
        db.prepare('DELETE FROM audit_checkpoints').run();
      });
      assert.deepEqual([...kinds], ['log-truncated']);
      assert.equal(report.firstBadIndex, size - 3);
    });

    it('the anchor removed from the key store: verify fails; checkpoint --adopt re-anchors a log that verifies', () => {
      const ws = s.path(`ws-t${n++}`);
      cpSync(s.path('ws'), ws, { recursive: true });
      const db = new Database(`${ws}/keys.db`);
      db.prepare('DELETE FROM audit_anchor').run();
      db.close();
      const r = s.run(['audit', 'verify', '--json'], { env: { CORDON_HOME: ws } });
      assert.equal(r.status, EXIT_CODES.integrity, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout).problems.map((p: { kind: string }) => p.kind), ['anchor-missing']);
      // What a workspace created before anchors does once: verify against its own checkpoints, then anchor.
      const adopt = s.run(['audit', 'checkpoint', '--adopt'], { env: { CORDON_HOME: ws } });
      assert.equal(adopt.status, 0, adopt.stderr);
      assert.match(adopt.stderr, new RegExp(`anchored at its checkpoint of ${size}`));
      const after = s.run(['audit', 'verify', '--json'], { env: { CORDON_HOME: ws } });
      assert.equal(after.status, 0, after.stdout);
      assert.equal(JSON.parse(after.stdout).anchoredSize, size);
    });

    it('regression: a deleted audit.db is not recreated: commands refuse with ERR_AUDIT_LOG_MISSING, verify exits 5', () => {
      const ws = s.path('ws-gone');
      cpSync(s.path('ws'), ws, { recursive: true });
      for (const f of ['audit.db', 'audit.db-wal', 'audit.db-shm']) rmSync(`${ws}/${f}`, { force: true });
      const r = s.run(['keys', 'list'], { env: { CORDON_HOME: ws } });
      assert.equal(r.status, EXIT_CODES.integrity, r.stderr);
      assert.match(r.stderr, /ERR_AUDIT_LOG_MISSING/);
      assert.equal(existsSync(`${ws}/audit.db`), false, 'no empty log was created in its place');
      const v = s.run(['audit', 'verify'], { env: { CORDON_HOME: ws } });
      assert.equal(v.status, EXIT_CODES.integrity);
      assert.match(v.stderr, /ERR_AUDIT_LOG_MISSING/);
    });

    it('cut back with its checkpoints: the anchor catches it; with the key store rolled back too, only a published checkpoint does', () => {
      const published = JSON.parse(ok(['audit', 'checkpoint', '--publish', s.path('kept.txt'), '--json']));
      assert.equal(published.published, s.path('kept.txt'));
      assert.equal(readFileSync(s.path('kept.txt'), 'utf8'), published.checkpoint);
      const ws = s.path('ws-cut');
      cpSync(s.path('ws'), ws, { recursive: true });
      const db = new Database(`${ws}/audit.db`);
      db.prepare('DELETE FROM audit_entries WHERE idx >= ?').run(size - 2);
      db.prepare('DELETE FROM audit_checkpoints WHERE size > ?').run(size - 2);
      db.close();
      const anchored = s.run(['audit', 'verify'], { env: { CORDON_HOME: ws } });
      assert.equal(anchored.status, EXIT_CODES.integrity, 'the anchor in keys.db records the larger size');
      assert.match(anchored.stderr, new RegExp(`ERR_AUDIT_CHAIN_BROKEN.*at index ${size - 2}`));
      // An older copy of keys.db puts back an older (authentic) anchor: invisible on this machine.
      cpSync(s.path('keys-early.db'), `${ws}/keys.db`);
      assert.equal(s.run(['audit', 'verify'], { env: { CORDON_HOME: ws } }).status, 0, 'without the kept checkpoint the rollback is invisible');
      const r = s.run(['audit', 'verify', '--checkpoint', s.path('kept.txt')], { env: { CORDON_HOME: ws } });
      assert.equal(r.status, EXIT_CODES.integrity);
      assert.match(r.stderr, new RegExp(`ERR_AUDIT_CHAIN_BROKEN.*at index ${size - 2}`));
    });
  });

  describe('publishing checkpoints to a file', () => {
    it('sec12: --publish never replaces a file that is not an earlier checkpoint of this log (the audit log, a dataset, a symlink, another log\'s note)', () => {
      const ws = s.path('ws-pub');
      cpSync(s.path('ws'), ws, { recursive: true });
      const env = { CORDON_HOME: ws };
      const before = readFileSync(`${ws}/audit.db`);
      const countBefore = new Database(`${ws}/audit.db`, { readonly: true }).prepare('SELECT COUNT(*) AS n FROM audit_checkpoints').get() as { n: number };
      const r = s.run(['audit', 'checkpoint', '--publish', `${ws}/audit.db`], { env });
      assert.equal(r.status, EXIT_CODES.input, r.stderr);
      assert.match(r.stderr, /ERR_OUTPUT_EXISTS/);
      assert.ok(readFileSync(`${ws}/audit.db`).subarray(0, 16).equals(before.subarray(0, 16)), 'the audit log is still a SQLite file');
      const countAfter = new Database(`${ws}/audit.db`, { readonly: true }).prepare('SELECT COUNT(*) AS n FROM audit_checkpoints').get() as { n: number };
      assert.equal(countAfter.n, countBefore.n, 'refused before anything was signed');
      assert.equal(s.run(['audit', 'verify'], { env }).status, 0);

      writeFileSync(s.path('data.csv'), 'id,email\n1,a@example.com\n');
      assert.match(s.run(['audit', 'checkpoint', '--publish', s.path('data.csv')], { env }).stderr, /ERR_OUTPUT_EXISTS/);
      assert.equal(readFileSync(s.path('data.csv'), 'utf8'), 'id,email\n1,a@example.com\n');
      symlinkSync(s.path('data.csv'), s.path('link.checkpoint'));
      assert.match(s.run(['audit', 'checkpoint', '--publish', s.path('link.checkpoint')], { env }).stderr, /ERR_OUTPUT_EXISTS/);
      // Another workspace's witness is not this log's: not replaced either.
      const other = cliSandbox();
      try {
        assert.equal(other.run(['init']).status, 0);
        const note = other.run(['audit', 'checkpoint', '--publish', s.path('other.checkpoint')]);
        assert.equal(note.status, 0, note.stderr);
      } finally {
        other.cleanup();
      }
      const kept = readFileSync(s.path('other.checkpoint'), 'utf8');
      assert.match(s.run(['audit', 'checkpoint', '--publish', s.path('other.checkpoint')], { env }).stderr, /ERR_OUTPUT_EXISTS/);
      assert.equal(readFileSync(s.path('other.checkpoint'), 'utf8'), kept);
      // A new file, then the same file again (an earlier checkpoint of this log): written.
      assert.equal(s.run(['audit', 'checkpoint', '--publish', s.path('mine.checkpoint')], { env }).status, 0);
      const again = s.run(['audit', 'checkpoint', '--publish', s.path('mine.checkpoint'), '--json'], { env });
      assert.equal(again.status, 0, again.stderr);
      assert.equal(readFileSync(s.path('mine.checkpoint'), 'utf8'), JSON.parse(again.stdout).checkpoint);
    });
  });

  describe('publishing checkpoints to an HTTP witness', () => {
    /** Runs the CLI without blocking this process, so the test's HTTP server can answer it. */
    const runAsync = (args: string[], env: Record<string, string> = {}) => new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const p = spawn(process.execPath, [CORDON_BIN, ...args], { cwd: s.dir, env: { ...s.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      p.stdout.on('data', (d) => (stdout += d));
      p.stderr.on('data', (d) => (stderr += d));
      p.on('close', (status) => resolve({ status, stdout, stderr }));
    });

    it('PUT (or POST) sends the signed note; verify --checkpoint <url> reads it back; a refusal is ERR_IO', async () => {
      const received: { method: string; type: string; body: string }[] = [];
      let stored = '';
      let refuse = false;
      const server = createServer((req: IncomingMessage, res: ServerResponse) => {
        let body = '';
        req.on('data', (d) => (body += d));
        req.on('end', () => {
          if (req.method === 'GET') { res.writeHead(200, { 'content-type': 'text/plain' }).end(stored); return; }
          received.push({ method: req.method!, type: req.headers['content-type'] ?? '', body });
          if (refuse) { res.writeHead(500).end(); return; }
          stored = body;
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/witness/cordon`;
      try {
        const put = await runAsync(['audit', 'checkpoint', '--publish', url, '--json']);
        assert.equal(put.status, 0, put.stderr);
        const out = JSON.parse(put.stdout);
        assert.equal(out.published, url);
        assert.deepEqual(received, [{ method: 'PUT', type: 'text/plain; charset=utf-8', body: out.checkpoint }]);
        const post = await runAsync(['audit', 'checkpoint', '--publish', url, '--publish-method', 'post']);
        assert.equal(post.status, 0, post.stderr);
        assert.equal(received[1]!.method, 'POST');
        const verify = await runAsync(['audit', 'verify', '--checkpoint', url, '--json']);
        assert.equal(verify.status, 0, verify.stderr);
        stored = stored.replace(/\n(\d+)\n/, (_m, k) => `\n${Number(k) + 1}\n`);
        const forged = await runAsync(['audit', 'verify', '--checkpoint', url, '--json']);
        assert.equal(forged.status, EXIT_CODES.integrity);
        assert.deepEqual(JSON.parse(forged.stdout).problems.map((p: { kind: string }) => p.kind), ['checkpoint-signature']);
        refuse = true;
        const refused = await runAsync(['audit', 'checkpoint', '--publish', url]);
        assert.equal(refused.status, EXIT_CODES.input);
        assert.match(refused.stderr, /ERR_IO/);
      } finally {
        await new Promise<void>((r) => server.close(() => r()));
      }
    });

    it('CORDON_WITNESS_AUTHORIZATION is sent to the witness (publish and read back), never over plain http off loopback; credentials in the URL are refused', async () => {
      const seen: (string | undefined)[] = [];
      let stored = '';
      const server = createServer((req: IncomingMessage, res: ServerResponse) => {
        let body = '';
        req.on('data', (d) => (body += d));
        req.on('end', () => {
          seen.push(req.headers.authorization);
          if (req.headers.authorization !== 'Bearer w1tness') { res.writeHead(401).end(); return; }
          if (req.method === 'GET') { res.writeHead(200).end(stored); return; }
          stored = body;
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const port = (server.address() as AddressInfo).port;
      const url = `http://127.0.0.1:${port}/witness/cordon`;
      const withEnv = (args: string[], value: string | undefined) => runAsync(args, { CORDON_WITNESS_AUTHORIZATION: value ?? '' });
      try {
        const refused = await withEnv(['audit', 'checkpoint', '--publish', url], undefined);
        assert.equal(refused.status, EXIT_CODES.input);
        const put = await withEnv(['audit', 'checkpoint', '--publish', url], 'Bearer w1tness');
        assert.equal(put.status, 0, put.stderr);
        const verify = await withEnv(['audit', 'verify', '--checkpoint', url, '--json'], 'Bearer w1tness');
        assert.equal(verify.status, 0, verify.stderr);
        assert.deepEqual(seen, [undefined, 'Bearer w1tness', 'Bearer w1tness']);
        const inUrl = await withEnv(['audit', 'checkpoint', '--publish', `http://u:p@127.0.0.1:${port}/witness/cordon`], undefined);
        assert.equal(inUrl.status, EXIT_CODES.usage);
        assert.ok(!inUrl.stderr.includes('u:p'));
        const clear = await withEnv(['audit', 'checkpoint', '--publish', 'http://witness.invalid/cordon'], 'Bearer w1tness');
        assert.equal(clear.status, EXIT_CODES.usage);
        assert.match(clear.stderr, /https/);
        assert.ok(!clear.stderr.includes('w1tness'));
        assert.equal(seen.length, 3);
      } finally {
        await new Promise<void>((r) => server.close(() => r()));
      }
    });
  });
});
