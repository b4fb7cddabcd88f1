// A workspace whose state lives in PostgreSQL (`--store` / CORDON_STORE): created once, opened by
// many, refused with a clear code when missing, opened with another master key, or given none; its
// keys, vault, audit log and lineage shared between handles as between instances; the URL's
// password never printed. Runs when CORDON_TEST_PG_URL is set (.ci/run sets it).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { PG_SKIP, ScratchSchemas } from '../helpers/pg-schemas.js';
import { randomBytes } from '../../src/crypto/random.js';
import { verifyAuditLog } from '../../src/audit/verify-log.js';
import { isCordonError } from '../../src/errors.js';
import { openLineageStore } from '../../src/lineage/store.js';
import { initWorkspace, openWorkspace } from '../../src/workspace/workspace.js';
import { describeStore, resolveStore } from '../../src/workspace/store-location.js';
import { cliSandbox } from '../helpers/cli.js';
import { CORDON_BIN } from '../helpers/paths.js';

const key = () => Buffer.from(randomBytes(32)).toString('base64');

describe('store location', () => {
  it('local by default, postgres from --store or CORDON_STORE, anything else refused', () => {
    assert.deepEqual(resolveStore({ env: {} }), { kind: 'local' });
    assert.deepEqual(resolveStore({ env: { CORDON_STORE: 'local' } }), { kind: 'local' });
    assert.equal(resolveStore({ env: { CORDON_STORE: 'postgres://u:pw@db:5432/c' } }).kind, 'postgres');
    assert.equal(resolveStore({ store: 'postgresql://db/c', env: { CORDON_STORE: 'local' } }).kind, 'postgres');
    assert.throws(() => resolveStore({ env: { CORDON_STORE: 'mysql://db/c' } }), (e) => isCordonError(e, 'ERR_USAGE'));
    assert.throws(() => resolveStore({ store: '/tmp/x.db', env: {} }), (e) => isCordonError(e, 'ERR_USAGE'));
  });

  it('describes a store without user, password or options', () => {
    const d = describeStore({ kind: 'postgres', url: 'postgres://cordon:s3cret-pw@db.internal:5433/cordon?options=-c%20search_path%3Dx' });
    assert.equal(d, 'postgres://db.internal:5433/cordon');
    assert.ok(!d.includes('s3cret'));
  });
});

describe('shared workspace in PostgreSQL', PG_SKIP, () => {
  const schemas = new ScratchSchemas('cordon_ws');
  const freshStore = async (): Promise<string> => (await schemas.create()).url;
  let sbDir = '';
  before(() => {
    sbDir = cliSandbox().dir;
  });
  after(() => schemas.dropAll());

  const envFor = (masterKey: string | undefined) => ({ HOME: sbDir, XDG_CONFIG_HOME: `${sbDir}/xdg`, CORDON_HOME: `${sbDir}/ws`, CORDON_PRINCIPAL: 'test', ...(masterKey ? { CORDON_MASTER_KEY: masterKey } : {}) });

  it('an unreachable store: ERR_STORE_UNAVAILABLE (exit 6), the URL\'s password never shown', () => {
    const sb = cliSandbox();
    try {
      const r = sb.run(['keys', 'list'], { env: { CORDON_STORE: 'postgres://cordon:never-print-this-pw@127.0.0.1:1/cordon?connect_timeout=5' } });
      assert.equal(r.status, 6, r.stderr);
      assert.match(r.stderr, /ERR_STORE_UNAVAILABLE/);
      assert.ok(!(r.stdout + r.stderr).includes('never-print-this-pw'));
    } finally {
      sb.cleanup();
    }
  });

  it('open before init: ERR_WORKSPACE_MISSING naming how to create it, never the password', async () => {
    const store = await freshStore();
    await assert.rejects(openWorkspace({ env: envFor(key()), store }), (e) => {
      assert.ok(isCordonError(e, 'ERR_WORKSPACE_MISSING'));
      assert.match((e as Error).message, /cordon init --store/);
      return true;
    });
  });

  it('init needs a master key: no development key is created for a shared store', async () => {
    const store = await freshStore();
    await assert.rejects(initWorkspace({ env: envFor(undefined), store }), (e) => isCordonError(e, 'ERR_MASTER_KEY_UNAVAILABLE'));
  });

  it('init once; a second init is refused; another master key is refused', async () => {
    const store = await freshStore();
    const mk = key();
    const ws = await initWorkspace({ env: envFor(mk), store });
    assert.equal(ws.store.kind, 'postgres');
    await ws.close();
    await assert.rejects(initWorkspace({ env: envFor(mk), store }), (e) => isCordonError(e, 'ERR_WORKSPACE_INVALID'));
    await assert.rejects(openWorkspace({ env: envFor(key()), store }), (e) => isCordonError(e, 'ERR_MASTER_KEY_MISMATCH'));
  });

  it('two handles (two instances) share keys, vault, audit log and lineage', async () => {
    const store = await freshStore();
    const mk = key();
    const a = await initWorkspace({ env: { ...envFor(mk), CORDON_KEY_CACHE_MS: '0' }, store });
    const b = await openWorkspace({ env: { ...envFor(mk), CORDON_KEY_CACHE_MS: '0' }, store });
    try {
      await a.keyring.create('shared-key', { purpose: 'envelope' });
      assert.equal((await b.keyring.show('shared-key')).primaryVersion, 1);
      await b.keyring.rotate('shared-key');
      assert.equal((await a.keyring.show('shared-key')).primaryVersion, 2, 'with CORDON_KEY_CACHE_MS=0 a rotation is seen at once');
      const va = await a.openVault();
      const vb = await b.openVault();
      try {
        const [ta, tb] = await Promise.all([va.tokenize('crm.email', ['ann@example.com', 'bo@example.com']), vb.tokenize('crm.email', ['bo@example.com', 'ann@example.com'])]);
        assert.deepEqual(ta, [tb[1], tb[0]]);
        assert.deepEqual(await vb.detokenize('crm.email', ta), ['ann@example.com', 'bo@example.com']);
      } finally {
        await va.close();
        await vb.close();
      }
      await a.flushAudit();
      await b.flushAudit();
      const types = (await a.auditLog!.store.query({ limit: 1000 })).map((e) => e.type);
      assert.ok(types.includes('key.create') && types.includes('key.rotate'), `both handles' events are in one log: ${types.join(',')}`);
      assert.equal(await a.auditLog!.origin(), await b.auditLog!.origin(), 'one log, one origin');
      assert.equal((await a.auditKeys()).verifier('x').keyId, (await b.auditKeys()).verifier('x').keyId, 'one audit key');
      assert.equal(a.lineage.kind, 'postgres');
      const l = await openLineageStore(b.lineage);
      await l.close();
    } finally {
      await a.close();
      await b.close();
    }
    const again = await openWorkspace({ env: envFor(mk), store });
    try {
      const origin = await again.auditLog!.origin();
      const report = await verifyAuditLog(again.auditLog!.store, { verifiers: [(await again.auditKeys()).verifier(origin)], origin });
      assert.equal(report.ok, true, JSON.stringify(report.problems));
      assert.ok(report.checkpoints >= 1 && report.signedSize === report.size, 'the log is signed up to its end when the handles close');
    } finally {
      await again.close();
    }
  });

  it('three instances tokenizing overlapping new values in different orders: no deadlock, one token each', async () => {
    const store = await freshStore();
    const mk = key();
    const first = await initWorkspace({ env: envFor(mk), store });
    const handles = [first, await openWorkspace({ env: envFor(mk), store }), await openWorkspace({ env: envFor(mk), store })];
    const vaults = await Promise.all(handles.map((h) => h.openVault()));
    try {
      for (let round = 0; round < 3; round++) {
        const values = Array.from({ length: 600 }, (_, i) => `r${round}-person${i}@example.com`);
        const tokenOf = new Map<string, Set<string>>();
        await Promise.all(vaults.flatMap((v, i) => {
          // Each instance walks the values in its own order (a different stride), four clients each.
          const order = values.map((x, k) => ({ x, k: (k * (7 + 4 * i)) % values.length })).sort((a, b) => a.k - b.k).map((y) => y.x);
          return [0, 1, 2, 3].map(async (client) => {
            for (let at = client * 50; at < order.length; at += 200) {
              const batch = order.slice(at, at + 50);
              const tokens = await v.tokenize('crm.email', batch);
              batch.forEach((x, k) => tokenOf.set(x, (tokenOf.get(x) ?? new Set()).add(tokens[k]!)));
            }
          });
        }));
        for (const [x, t] of tokenOf) assert.equal(t.size, 1, `${x}: ${t.size} tokens`);
        assert.equal(tokenOf.size, values.length);
      }
    } finally {
      for (const v of vaults) await v.close();
      for (const h of handles) await h.close();
    }
  });

  it('the CLI: init --store, then every command with CORDON_STORE; the password never printed', async () => {
    const store = await freshStore();
    const u = new URL(store);
    // A password the server ignores (trust auth): it must not appear in any output.
    u.password = 'never-print-this-pw';
    if (u.username === '') u.username = 'postgres';
    const withPw = u.toString();
    const sb = cliSandbox();
    try {
      const init = sb.run(['init', '--store', withPw]);
      assert.equal(init.status, 0, init.stderr);
      assert.match(init.stdout, /Created workspace postgres:\/\//);
      const env = { CORDON_STORE: withPw };
      assert.equal(sb.run(['keys', 'rotate', 'default'], { env }).status, 0);
      const list = sb.run(['keys', 'list', '--json'], { env });
      assert.equal(list.status, 0, list.stderr);
      assert.match(list.stdout, /"primaryVersion": ?2/);
      const verify = sb.run(['audit', 'verify'], { env });
      assert.equal(verify.status, 0, verify.stderr + verify.stdout);
      const bad = sb.run(['keys', 'list'], { env: { CORDON_STORE: 'mysql://x' } });
      assert.equal(bad.status, 2);
      for (const r of [init, list, verify]) assert.ok(!(r.stdout + r.stderr).includes('never-print-this-pw'));
    } finally {
      sb.cleanup();
    }
  });

  it('protect with CORDON_STORE: tokens in the shared vault, lineage and audit in the shared store', async () => {
    const store = await freshStore();
    const sb = cliSandbox();
    try {
      const env = { CORDON_STORE: store };
      assert.equal(sb.run(['init'], { env }).status, 0);
      writeFileSync(sb.path('raw.csv'), 'id,email\n1,maria.gonzalez@example.com\n2,james.smith@example.org\n');
      writeFileSync(sb.path('c.yaml'), [
        'apiVersion: v3.1.0', 'kind: DataContract', 'id: customers', 'version: 1.0.0', 'status: active', 'schema:', '  - name: customers', '    properties:',
        '      - name: id', '        classification: internal', '      - name: email', '        classification: confidential', '        customProperties:',
        '          - property: cordonProtect', '            value: { operator: tokenize }', '',
      ].join('\n'));
      const r = sb.run(['protect', 'raw.csv', '-c', 'c.yaml', '-o', 'out.csv'], { env });
      assert.equal(r.status, 0, r.stderr);
      assert.ok(!existsSync(sb.path('ws', 'vault.db')) && !existsSync(sb.path('ws', 'lineage.db')) && !existsSync(sb.path('ws', 'audit.db')), 'no local state with a shared store');
      const t = sb.run(['lineage', 'trace', 'raw.csv.email'], { env });
      assert.equal(t.status, 0, t.stderr);
      assert.match(t.stdout, /raw\.csv\.email → out\.csv\.email: tokenize/);
      const db = new pg.Client({ connectionString: store });
      await db.connect();
      try {
        assert.equal(Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM vault_siv')).rows[0]!.n), 2, 'two default-format (v2) tokens');
        assert.ok(Number((await db.query<{ n: string }>("SELECT count(*) AS n FROM cordon_audit_entries WHERE type = 'protect.run'")).rows[0]!.n) === 1);
      } finally {
        await db.end();
      }
      const rv = sb.run(['audit', 'verify'], { env });
      assert.equal(rv.status, 0, rv.stderr + rv.stdout);
    } finally {
      sb.cleanup();
    }
  });

  it('two inits racing on an empty store agree on one workspace', async () => {
    const store = await freshStore();
    const mk = key();
    const run = () => new Promise<number | null>((resolve) => {
      const c = spawn(process.execPath, [CORDON_BIN, 'init'], { env: { PATH: process.env['PATH'], ...envFor(mk), CORDON_STORE: store }, stdio: 'ignore' });
      c.on('exit', resolve);
    });
    const codes = await Promise.all([run(), run()]);
    assert.ok(codes.includes(0), `no init succeeded: ${codes.join(',')}`);
    const ws = await openWorkspace({ env: envFor(mk), store });
    try {
      const keys = await ws.keyring.list();
      assert.deepEqual(keys.map((k) => [k.name, k.primaryVersion]), [['default', 1]]);
    } finally {
      await ws.close();
    }
  });
});
