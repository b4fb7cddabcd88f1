// GET /v1/audit/{events,checkpoint,proof/:eventId} and GET /v1/lineage/trace over inject(), with
// the repository's Cedar policies (policies/): a privacy officer reads the audit log, an ML engineer
// traces lineage, anyone else gets 403 and the deny is audited; bad query strings are 400, an
// unknown event id 404, an unknown lineage target the CLI's ERR_INPUT_INVALID (400).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { auditEvent } from '../../../src/audit/make-event.js';
import { MerkleAuditLog } from '../../../src/audit/log.js';
import { ed25519NoteSigner, noteKeyId, openNote, parseVerifierKey } from '../../../src/audit/signed-note.js';
import { SqliteAuditStore } from '../../../src/audit/store/sqlite.js';
import { verifyInclusion } from '../../../src/audit/merkle/verify.js';
import { leafHash } from '../../../src/audit/merkle/hash.js';
import { parseCheckpoint } from '../../../src/audit/checkpoint.js';
import { ed25519Generate } from '../../../src/crypto/ed25519.js';
import { parseContract } from '../../../src/contracts/parse-contract.js';
import { lineageForProtect } from '../../../src/lineage/protect-events.js';
import { newRunId } from '../../../src/lineage/run-id.js';
import { LINEAGE_DB_FILE, SqliteLineageStore, type LineageStore } from '../../../src/lineage/store.js';
import { PolicyEngine } from '../../../src/policy/policy-engine.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import { buildServer } from '../../../src/server/app.js';
import type { Principal } from '../../../src/server/principal.js';
import { tempKeyring, tempDir, type TempKeyring } from '../../helpers/keyring.js';
import { repoPath } from '../../helpers/paths.js';

const PRINCIPALS: Record<string, Principal> = {
  'officer.jwt': { id: 'cleo@acme.example', roles: ['privacy-officer'], attributes: {}, via: 'jwt' },
  'engineer.jwt': { id: 'ben@acme.example', roles: ['ml-engineer'], attributes: {}, via: 'jwt' },
  'nobody.jwt': { id: 'eve@acme.example', roles: [], attributes: {}, via: 'jwt' },
};
const as = (who: 'officer' | 'engineer' | 'nobody') => ({ authorization: `Bearer ${who}.jwt` });

async function pipelineLineage(home: string): Promise<void> {
  const c = parseContract('apiVersion: v3.1.0\nkind: DataContract\nid: stage1\nversion: 1.0.0\nstatus: active\nschema:\n  - name: customers\n    properties:\n'
    + '      - name: id\n        classification: internal\n        customProperties:\n          - { property: cordonProtect, value: { operator: keep } }\n'
    + '      - name: email\n        classification: restricted\n        customProperties:\n          - { property: cordonProtect, value: { operator: deterministic } }\n');
  const runId = newRunId();
  const H = { host: 'h', cwd: '/data' };
  const finishedAt = '2026-01-01T00:00:00.000Z';
  const store = SqliteLineageStore.open(join(home, LINEAGE_DB_FILE));
  await store.append([
    lineageForProtect({ phase: 'start', contract: c, runId, input: 'raw.csv', output: 'protected.csv', cordonVersion: 't', ...H }),
    lineageForProtect({
      phase: 'complete', contract: c, runId, cordonVersion: 't', ...H,
      manifest: {
        cordonVersion: '0.1.0', contract: { id: c.id, version: c.version, sha256: c.sha256, dataset: 'customers' },
        input: { path: 'raw.csv', sha256: '0'.repeat(64), rows: 2, format: 'csv', bytes: 10 },
        output: { path: 'protected.csv', sha256: '1'.repeat(64), rows: 2, format: 'csv', encrypted: false },
        rows: { in: 2, out: 2, quarantined: 0 }, columns: [{ name: 'id', operator: 'keep' }, { name: 'email', operator: 'deterministic' }], keys: [], startedAt: finishedAt, finishedAt,
      },
    }),
  ]);
  await store.close();
}

describe('server: audit and lineage routes', () => {
  let tk: TempKeyring;
  let log: MerkleAuditLog;
  let server: ReturnType<typeof buildServer>;
  let noLineage: ReturnType<typeof buildServer>;
  const lineageStores: LineageStore[] = [];
  let knownId: string;

  before(async () => {
    tk = await tempKeyring();
    const kp = ed25519Generate();
    log = new MerkleAuditLog(SqliteAuditStore.open(join(tk.dir, 'audit.db')), { signer: async (origin) => ed25519NoteSigner(origin, kp.seed, kp.publicKey) });
    const verifier = async () => { const o = await log.origin(); return { name: o, keyId: noteKeyId(o, kp.publicKey), publicKey: kp.publicKey }; };
    const seed = auditEvent({ type: 'key.unwrap', outcome: 'success', principal: 'local:tester', attributes: { n: 1 } });
    knownId = seed.id;
    log.emit(seed);
    for (let i = 0; i < 5; i++) log.emit(auditEvent({ type: 'file.decrypt', outcome: 'success', principal: 'local:other', attributes: { n: i } }));
    const home = tempDir();
    await pipelineLineage(home);
    const authorizer = PolicyEngine.load(repoPath('policies'));
    const authenticators = { jwt: async (t: string) => { const p = PRINCIPALS[t]; if (p === undefined) throw new Error('bad'); return p; } };
    const deps = { keyring: tk.keyring, audit: log, recognizers: DEFAULT_RECOGNIZERS, auditLog: { log, verifier } };
    lineageStores.push(SqliteLineageStore.open(join(home, LINEAGE_DB_FILE)), SqliteLineageStore.open(join(tempDir(), LINEAGE_DB_FILE)));
    server = buildServer({ ...deps, lineage: lineageStores[0]! }, { authenticators, authorizer });
    noLineage = buildServer({ ...deps, lineage: lineageStores[1]! }, { authenticators, authorizer });
  });
  after(async () => {
    await server.app.close();
    await noLineage.app.close();
    for (const l of lineageStores) await l.close();
    await log.close();
    await tk.cleanup();
  });

  it('a privacy officer lists events as `audit show --json` gives them, filtered and bounded', async () => {
    const r = await server.app.inject({ method: 'GET', url: '/v1/audit/events?principal=local:tester', headers: as('officer') });
    assert.equal(r.statusCode, 200, r.body);
    const { events } = r.json() as { events: Array<Record<string, unknown>> };
    assert.equal(events.length, 1);
    assert.equal(events[0]!['id'], knownId);
    assert.equal(events[0]!['seq'], 0);
    assert.deepEqual(events[0]!['attributes'], { n: 1 });

    const page = await server.app.inject({ method: 'GET', url: '/v1/audit/events?type=file.decrypt&limit=2', headers: as('officer') });
    const p1 = page.json() as { events: Array<{ seq: number; type: string }>; next?: number };
    assert.equal(p1.events.length, 2);
    assert.ok(p1.events.every((e) => e.type === 'file.decrypt'));
    assert.equal(p1.next, p1.events[1]!.seq + 1);
    const p2 = (await server.app.inject({ method: 'GET', url: `/v1/audit/events?type=file.decrypt&limit=1000&from=${p1.next}`, headers: as('officer') })).json() as { events: Array<{ seq: number }>; next?: number };
    assert.equal(p2.events.length, 3);
    assert.equal(p2.next, undefined);

    // The request's own decision is in the log.
    const own = (await server.app.inject({ method: 'GET', url: '/v1/audit/events?type=authz.decision&principal=cleo@acme.example&since=2000-01-01', headers: as('officer') })).json() as { events: Array<{ attributes: Record<string, string> }> };
    assert.ok(own.events.length >= 1);
    assert.equal(own.events.at(-1)!.attributes['action'], 'audit:read');
    assert.equal(own.events.at(-1)!.attributes['resource_type'], 'audit');
    assert.equal(own.events.at(-1)!.attributes['policies'], 'privacy-officer.audit');
  });

  it('bad query strings are 400 ERR_INPUT_INVALID, and nothing is coerced', async () => {
    for (const q of ['limit=0', 'limit=1001', 'limit=abc', 'limit=-1', 'since=yesterday', 'type=a%20b', 'colour=red', 'from=-3']) {
      const r = await server.app.inject({ method: 'GET', url: `/v1/audit/events?${q}`, headers: as('officer') });
      assert.equal(r.statusCode, 400, `${q}: ${r.body}`);
      assert.equal(r.json().code, 'ERR_INPUT_INVALID');
    }
    const t = await server.app.inject({ method: 'GET', url: '/v1/lineage/trace', headers: as('engineer') });
    assert.equal(t.statusCode, 400, 'target is required');
    const d = await server.app.inject({ method: 'GET', url: '/v1/lineage/trace?target=protected.csv&depth=0', headers: as('engineer') });
    assert.equal(d.statusCode, 400);
  });

  it('a principal without the role gets 403, and the deny is audited', async () => {
    for (const [url, who, action] of [
      ['/v1/audit/events', 'nobody', 'audit:read'],
      ['/v1/audit/checkpoint', 'engineer', 'audit:read'],
      [`/v1/audit/proof/${knownId}`, 'nobody', 'audit:read'],
      ['/v1/lineage/trace?target=protected.csv', 'officer', 'lineage:read'],
    ] as const) {
      const before = await log.store.size();
      const r = await server.app.inject({ method: 'GET', url, headers: as(who) });
      assert.equal(r.statusCode, 403, url);
      assert.equal(r.json().code, 'ERR_POLICY_DENIED');
      const [row] = await log.store.query({ from: before, type: 'authz.decision', limit: 1 });
      assert.ok(row, `${url}: a decision was logged`);
      const ev = JSON.parse(Buffer.from(row.entry).toString('utf8')) as { principal: string; outcome: string; attributes: Record<string, string> };
      assert.equal(ev.principal, PRINCIPALS[`${who}.jwt`]!.id);
      assert.equal(ev.outcome, 'failure');
      assert.equal(ev.attributes['action'], action);
      assert.equal(ev.attributes['decision'], 'deny');
      assert.equal(ev.attributes['resource_type'], action === 'audit:read' ? 'audit' : 'lineage');
    }
    const none = await server.app.inject({ method: 'GET', url: '/v1/audit/events' });
    assert.equal(none.statusCode, 401);
  });

  it('the checkpoint is a signed note of the tree size; a proof checks against it offline', async () => {
    const c = await server.app.inject({ method: 'GET', url: '/v1/audit/checkpoint', headers: as('officer') });
    assert.equal(c.statusCode, 200, c.body);
    const cp = c.json() as { size: number; checkpoint: string; verifierKey: string };
    assert.ok(cp.size >= 6);
    assert.match(cp.checkpoint, /\n\n— /);
    assert.equal(cp.verifierKey, await log.verifierKey());

    const p = await server.app.inject({ method: 'GET', url: `/v1/audit/proof/${knownId}`, headers: as('officer') });
    assert.equal(p.statusCode, 200, p.body);
    const bundle = p.json() as { format: string; eventId: string; index: number; treeSize: number; entry: string; proof: string[]; checkpoint: string };
    assert.equal(bundle.format, 'cordon-audit-inclusion-proof/v1');
    assert.equal(bundle.eventId, knownId);
    assert.equal(bundle.index, 0);
    const o = await log.origin();
    const kp = openNote(bundle.checkpoint, [parseVerifierKey(await log.verifierKey())]);
    assert.ok(kp.ok);
    const body = parseCheckpoint(kp.text);
    assert.equal(body.origin, o);
    assert.equal(body.size, bundle.treeSize);
    assert.ok(verifyInclusion(leafHash(Buffer.from(bundle.entry, 'base64')), bundle.index, bundle.treeSize, bundle.proof.map((h) => Buffer.from(h, 'base64')), body.rootHash));
  });

  it('an unknown event id is 404 ERR_NOT_FOUND; a malformed one 400', async () => {
    const r = await server.app.inject({ method: 'GET', url: '/v1/audit/proof/00000000-0000-4000-8000-000000000000', headers: as('officer') });
    assert.equal(r.statusCode, 404);
    assert.equal(r.json().code, 'ERR_NOT_FOUND');
    const bad = await server.app.inject({ method: 'GET', url: '/v1/audit/proof/..%2Fetc', headers: as('officer') });
    assert.equal(bad.statusCode, 400);
  });

  it('an ML engineer traces lineage as `lineage trace --json` gives it; an unknown target is ERR_INPUT_INVALID', async () => {
    const r = await server.app.inject({ method: 'GET', url: `/v1/lineage/trace?target=${encodeURIComponent('file://h/data/protected.csv.email')}`, headers: as('engineer') });
    assert.equal(r.statusCode, 200, r.body);
    const t = r.json() as { target: { name: string; field?: string }; upstream: Array<{ from: { name: string; field?: string }; operators: Array<{ operator: string }> }>; downstream: unknown[] };
    assert.deepEqual(t.target, { namespace: 'file://h', name: '/data/protected.csv', field: 'email' });
    assert.equal(t.upstream.length, 1);
    assert.deepEqual(t.upstream[0]!.from, { namespace: 'file://h', name: '/data/raw.csv', field: 'email' });
    assert.equal(t.upstream[0]!.operators[0]!.operator, 'deterministic');
    assert.deepEqual(t.downstream, []);

    const u = await server.app.inject({ method: 'GET', url: '/v1/lineage/trace?target=nothing.csv', headers: as('engineer') });
    assert.equal(u.statusCode, 400);
    assert.equal(u.json().code, 'ERR_INPUT_INVALID');
    const e = await noLineage.app.inject({ method: 'GET', url: '/v1/lineage/trace?target=raw.csv', headers: as('engineer') });
    assert.equal(e.statusCode, 400);
    assert.equal(e.json().code, 'ERR_INPUT_INVALID');
  });

  it('without an audit log the audit routes answer 503', async () => {
    const bare = buildServer({ keyring: tk.keyring, audit: tk.audit, recognizers: DEFAULT_RECOGNIZERS }, {
      authenticators: { jwt: async () => PRINCIPALS['officer.jwt']! }, authorizer: { authorize: () => ({ allowed: true, policies: ['t'], errors: [] }) },
    });
    const r = await bare.app.inject({ method: 'GET', url: '/v1/audit/checkpoint', headers: as('officer') });
    assert.equal(r.statusCode, 503);
    await bare.app.close();
  });
});
