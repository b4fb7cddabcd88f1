// The API in-process with inject(): authentication order, the one authorization hook (default
// deny, audited), schemas (batch size, extra fields, malformed JSON), body limit, rate limit,
// the error shape, and each route's happy path.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath } from '../../helpers/paths.js';
import { readNamedContract } from '../../../src/server/routes/protect.js';
import { ResourceCatalog } from '../../../src/server/catalog.js';
import { CordonError } from '../../../src/errors.js';
import { tempKeyring, type TempKeyring } from '../../helpers/keyring.js';
import { TokenVault } from '../../../src/vault/vault.js';
import { SqliteVaultStore } from '../../../src/vault/store/sqlite.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import { buildServer, type ServerOptions } from '../../../src/server/app.js';
import type { Authorizer, AuthzRequest } from '../../../src/server/authorize.js';
import type { Principal } from '../../../src/server/principal.js';
import { MAX_BATCH } from '../../../src/server/routes/tokens.js';

const SECRET = '4111 1111 1111 1111';
const alice: Principal = { id: 'user:alice', roles: ['pipeline'], attributes: {}, via: 'jwt' };

/** Allows everything except detokenize without purpose "support"; records what it saw. */
class TestAuthorizer implements Authorizer {
  readonly seen: AuthzRequest[] = [];
  authorize(r: AuthzRequest) {
    this.seen.push(r);
    const allowed = r.action !== 'detokenize' || r.context.purpose === 'support';
    return { allowed, policies: [allowed ? 'allow-all' : 'detokenize-needs-support'], errors: [] };
  }
}

describe('server: routes over inject()', () => {
  let tk: TempKeyring;
  let vault: TokenVault;
  let authz: TestAuthorizer;
  let server: ReturnType<typeof buildServer>;
  const auth = { authorization: 'Bearer good.jwt.token' };

  const make = (options: ServerOptions = {}) => buildServer({ keyring: tk.keyring, audit: tk.audit, vault, recognizers: DEFAULT_RECOGNIZERS, contractsDir: join(tk.dir, 'contracts') }, {
    authenticators: {
      jwt: async (t) => { if (t !== 'good.jwt.token') throw new Error('bad'); return alice; },
      apiKey: async (k) => {
      if (k === 'ck_storedown') throw new CordonError('ERR_KMS_FAILED', 'store unavailable');
      if (k === 'ck_tenant') return { id: 'svc:acme-admin', roles: [], attributes: {}, via: 'apikey', tenant: 'acme' };
      if (k === 'ck_scoped') return { id: 'svc:scanner', roles: [], attributes: {}, via: 'apikey', scopes: ['detect'] };
      if (k !== 'ck_good') throw new Error('bad');
      return { id: 'svc:etl', roles: [], attributes: {}, via: 'apikey' };
    },
    },
    authorizer: authz,
    ...options,
  });

  before(async () => {
    tk = await tempKeyring();
    vault = await TokenVault.open(SqliteVaultStore.open(join(tk.dir, 'vault.db')), tk.keyring);
    mkdirSync(join(tk.dir, 'contracts'));
    copyFileSync(repoPath('test/fixtures/contracts/customers.odcs.yaml'), join(tk.dir, 'contracts', 'customers.yaml'));
    writeFileSync(join(tk.dir, 'outside.yaml'), readFileSync(repoPath('test/fixtures/contracts/customers.odcs.yaml')));
    authz = new TestAuthorizer();
    server = make();
  });
  after(async () => {
    await server.app.close();
    await vault.close();
    await tk.cleanup();
  });

  it('healthz and readyz answer without a credential', async () => {
    const h = await server.app.inject({ method: 'GET', url: '/v1/healthz' });
    assert.equal(h.statusCode, 200);
    assert.deepEqual(h.json(), { status: 'ok' });
    const r = await server.app.inject({ method: 'GET', url: '/v1/readyz' });
    assert.deepEqual(r.json(), { status: 'ready' });
  });

  it('a /v1 route with no credential is 401, with a bad one 401, and neither is echoed', async () => {
    const none = await server.app.inject({ method: 'POST', url: '/v1/tokenize', payload: { namespace: 'n', values: [SECRET] } });
    assert.equal(none.statusCode, 401);
    assert.equal(none.json().code, 'ERR_UNAUTHENTICATED');
    const bad = await server.app.inject({ method: 'POST', url: '/v1/tokenize', headers: { authorization: 'Bearer wrong.jwt.value' }, payload: { namespace: 'n', values: [SECRET] } });
    assert.equal(bad.statusCode, 401);
    assert.ok(!bad.body.includes('wrong.jwt.value') && !bad.body.includes(SECRET));
    const n = tk.audit.events.length;
    const key = await server.app.inject({ method: 'POST', url: '/v1/tokenize', headers: { 'x-api-key': 'ck_wrong' }, payload: { namespace: 'n', values: [SECRET] } });
    assert.equal(key.statusCode, 401);
    assert.ok(!key.body.includes('ck_wrong'));
    assert.equal(none.json().message, key.json().message);
    const ev = tk.audit.events.slice(n).find((e) => e.type === 'authz.decision');
    assert.equal(ev?.reason, 'ERR_UNAUTHENTICATED');
    assert.equal(ev?.attributes?.['action'], 'tokenize');
    assert.ok(!JSON.stringify(tk.audit.events).includes('ck_wrong'));
  });

  it('an API key store that is down is 503, not 401', async () => {
    const r = await server.app.inject({ method: 'GET', url: '/v1/keys', headers: { 'x-api-key': 'ck_storedown' } });
    assert.equal(r.statusCode, 503);
  });

  it('a bearer token that fails does not fall through to the API key', async () => {
    const r = await server.app.inject({ method: 'GET', url: '/v1/keys', headers: { authorization: 'Bearer nope', 'x-api-key': 'ck_good' } });
    assert.equal(r.statusCode, 401);
    const k = await server.app.inject({ method: 'GET', url: '/v1/keys', headers: { 'x-api-key': 'ck_good' } });
    assert.equal(k.statusCode, 200);
    assert.equal(authz.seen.at(-1)!.principal.id, 'svc:etl');
  });

  it('issue 12: an API key as `Authorization: Bearer ck_…` goes to the API key store (as docs/auth.md says), a refused one is 401', async () => {
    const k = await server.app.inject({ method: 'GET', url: '/v1/keys', headers: { authorization: 'Bearer ck_good' } });
    assert.equal(k.statusCode, 200, k.body);
    assert.equal(authz.seen.at(-1)!.principal.id, 'svc:etl');
    const bad = await server.app.inject({ method: 'GET', url: '/v1/keys', headers: { authorization: 'Bearer ck_wrong' } });
    assert.equal(bad.statusCode, 401);
    assert.ok(!bad.body.includes('ck_wrong'));
    // A refused bearer key does not fall through to X-API-Key; a store that is down stays 503.
    assert.equal((await server.app.inject({ method: 'GET', url: '/v1/keys', headers: { authorization: 'Bearer ck_wrong', 'x-api-key': 'ck_good' } })).statusCode, 401);
    assert.equal((await server.app.inject({ method: 'GET', url: '/v1/keys', headers: { authorization: 'Bearer ck_storedown' } })).statusCode, 503);
    // Without an API key store a bearer key is refused, never handed to the JWT verifier.
    const jwtOnly = buildServer({ keyring: tk.keyring, audit: tk.audit, vault, recognizers: DEFAULT_RECOGNIZERS }, {
      authenticators: { jwt: async () => alice }, authorizer: authz,
    });
    try {
      assert.equal((await jwtOnly.app.inject({ method: 'GET', url: '/v1/keys', headers: { authorization: 'Bearer ck_good' } })).statusCode, 401);
    } finally {
      await jwtOnly.app.close();
    }
  });

  it('tokenize → detokenize round trip, purpose from the header', async () => {
    const t = await server.app.inject({ method: 'POST', url: '/v1/tokenize', headers: auth, payload: { namespace: 'payments.card', values: [SECRET, 'x', SECRET] } });
    assert.equal(t.statusCode, 200);
    const { tokens } = t.json() as { tokens: string[] };
    assert.equal(tokens.length, 3);
    assert.equal(tokens[0], tokens[2]);
    assert.ok(!t.body.includes(SECRET));
    const d = await server.app.inject({ method: 'POST', url: '/v1/detokenize', headers: { ...auth, 'x-cordon-purpose': 'support' }, payload: { namespace: 'payments.card', tokens: [...tokens, 'tok_unknown'] } });
    assert.equal(d.statusCode, 200);
    assert.deepEqual(d.json(), { values: [SECRET, 'x', SECRET, null] });
    const seen = authz.seen.at(-1)!;
    assert.equal(seen.action, 'detokenize');
    assert.deepEqual(seen.resource, { type: 'column', id: 'payments.card', attributes: {} });
    assert.equal(seen.context.purpose, 'support');
  });

  it('a list column\'s protected value (JSON text of tokens) detokenizes element by element, as cordon reveal does', async () => {
    const t = await server.app.inject({ method: 'POST', url: '/v1/tokenize', headers: auth, payload: { namespace: 'crm.emails', values: ['a@example.com', 'b@example.com'] } });
    const [ta, tb] = (t.json() as { tokens: string[] }).tokens;
    const before = tk.audit.events.length;
    const d = await server.app.inject({
      method: 'POST', url: '/v1/detokenize', headers: { ...auth, 'x-cordon-purpose': 'support' },
      payload: { namespace: 'crm.emails', tokens: [JSON.stringify([ta, null, '', [tb]]), ta, '[]', JSON.stringify([ta, 'tok_unknown']), '[not json'] },
    });
    assert.equal(d.statusCode, 200, d.body);
    assert.deepEqual(d.json(), { values: [JSON.stringify(['a@example.com', null, '', ['b@example.com']]), 'a@example.com', '[]', null, null] });
    // The same decision as for scalars: one detokenize on the namespace, audited without values or tokens.
    const seen = authz.seen.at(-1)!;
    assert.equal(seen.action, 'detokenize');
    assert.equal(seen.resource.id, 'crm.emails');
    const events = JSON.stringify(tk.audit.events.slice(before));
    assert.match(events, /"action":"detokenize"/);
    assert.ok(!events.includes('a@example.com') && !events.includes(ta!));
    const denied = await server.app.inject({ method: 'POST', url: '/v1/detokenize', headers: auth, payload: { namespace: 'crm.emails', tokens: [JSON.stringify([ta])], purpose: 'marketing' } });
    assert.equal(denied.statusCode, 403);
    assert.ok(!denied.body.includes('a@example.com'));
    // List elements count one by one against the request's bound (10,000 tokens).
    const list = JSON.stringify(Array.from({ length: Math.floor(60_000 / (ta!.length + 3)) }, () => ta));
    const lists = Array.from({ length: Math.ceil(10_001 / Math.floor(60_000 / (ta!.length + 3))) }, () => list);
    const tooMany = await server.app.inject({ method: 'POST', url: '/v1/detokenize', headers: { ...auth, 'x-cordon-purpose': 'support' }, payload: { namespace: 'crm.emails', tokens: lists } });
    assert.equal(tooMany.statusCode, 400, tooMany.body);
    assert.equal(tooMany.json().code, 'ERR_INPUT_INVALID');
  });

  it('a denied request is 403 and audited with principal, action, resource and policy ids — never values', async () => {
    const t = await server.app.inject({ method: 'POST', url: '/v1/tokenize', headers: auth, payload: { namespace: 'hr', values: [SECRET] } });
    const token = (t.json() as { tokens: string[] }).tokens[0]!;
    const before = tk.audit.events.length;
    const d = await server.app.inject({ method: 'POST', url: '/v1/detokenize', headers: auth, payload: { namespace: 'hr', tokens: [token], purpose: 'marketing' } });
    assert.equal(d.statusCode, 403);
    assert.equal(d.json().code, 'ERR_POLICY_DENIED');
    assert.ok(!d.body.includes(SECRET) && !d.body.includes(token));
    const ev = tk.audit.events.slice(before).find((e) => e.type === 'authz.decision');
    assert.ok(ev);
    assert.equal(ev.outcome, 'failure');
    assert.equal(ev.principal, 'user:alice');
    assert.equal(ev.attributes!['action'], 'detokenize');
    assert.equal(ev.attributes!['resource_id'], 'hr');
    assert.equal(ev.attributes!['decision'], 'deny');
    assert.equal(ev.attributes!['policies'], 'detokenize-needs-support');
    assert.equal(ev.attributes!['purpose'], 'marketing');
    assert.ok(!JSON.stringify(tk.audit.events).includes(SECRET));
    assert.ok(!JSON.stringify(tk.audit.events).includes(token));
  });

  it('GET /v1/keys shows a caller of a tenant only that tenant\'s keys; a caller of no tenant sees all', async () => {
    await tk.keyring.create('acme-keys', { purpose: 'envelope', tenant: 'acme' });
    await tk.keyring.create('globex-keys', { purpose: 'envelope', tenant: 'globex' });
    const names = async (key: string) => ((await server.app.inject({ method: 'GET', url: '/v1/keys', headers: { 'x-api-key': key } })).json() as { keys: { name: string }[] }).keys.map((k) => k.name);
    assert.deepEqual(await names('ck_tenant'), ['acme-keys']);
    const all = await names('ck_good');
    assert.ok(all.includes('acme-keys') && all.includes('globex-keys'));
  });

  it('a scoped credential reaches only the actions it names (denied and audited otherwise)', async () => {
    const n = tk.audit.events.length;
    const k = await server.app.inject({ method: 'GET', url: '/v1/keys', headers: { 'x-api-key': 'ck_scoped' } });
    assert.equal(k.statusCode, 403);
    const ev = tk.audit.events.slice(n).find((e) => e.type === 'authz.decision');
    assert.equal(ev?.attributes?.['policies'], 'cordon.credential-scope');
    const d = await server.app.inject({ method: 'POST', url: '/v1/detect', headers: { 'x-api-key': 'ck_scoped' }, payload: { text: 'nothing here' } });
    assert.equal(d.statusCode, 200);
  });

  it('resource attributes come from the contracts (classification, allowed purposes), never from the request', async () => {
    const withCatalog = buildServer({ keyring: tk.keyring, audit: tk.audit, vault, recognizers: DEFAULT_RECOGNIZERS, catalog: ResourceCatalog.load(join(tk.dir, 'contracts')) }, {
      authenticators: { jwt: async () => alice }, authorizer: authz,
    });
    const r = await withCatalog.app.inject({ method: 'POST', url: '/v1/detokenize', headers: { ...auth, 'x-cordon-purpose': 'support' }, payload: { namespace: 'customers.full_name', tokens: ['tok_x'] } });
    assert.equal(r.statusCode, 200);
    assert.deepEqual(authz.seen.at(-1)!.resource, { type: 'column', id: 'customers.full_name', attributes: { classification: 'restricted', allowedPurposes: ['fraud-investigation'], dataset: 'customers' } });
    await withCatalog.app.inject({ method: 'POST', url: '/v1/tokenize', headers: auth, payload: { namespace: 'not.declared', values: ['v'] } });
    assert.deepEqual(authz.seen.at(-1)!.resource.attributes, {});
    await withCatalog.app.close();
  });

  it('with no authorizer every decision is deny', async () => {
    const s = buildServer({ keyring: tk.keyring, audit: tk.audit, vault, recognizers: DEFAULT_RECOGNIZERS }, { authenticators: { jwt: async () => alice } });
    const r = await s.app.inject({ method: 'GET', url: '/v1/keys', headers: auth });
    assert.equal(r.statusCode, 403);
    await s.app.close();
  });

  it('a header purpose and a different body purpose are refused; a malformed purpose is 400', async () => {
    const r = await server.app.inject({ method: 'POST', url: '/v1/detokenize', headers: { ...auth, 'x-cordon-purpose': 'support' }, payload: { namespace: 'hr', tokens: ['t'], purpose: 'other' } });
    assert.equal(r.statusCode, 400);
    const m = await server.app.inject({ method: 'POST', url: '/v1/detokenize', headers: { ...auth, 'x-cordon-purpose': '../x' }, payload: { namespace: 'hr', tokens: ['t'] } });
    assert.equal(m.statusCode, 400);
  });

  it('schemas: a batch over the limit, an extra field, a bad namespace are 400 without echoing input', async () => {
    const big = await server.app.inject({ method: 'POST', url: '/v1/tokenize', headers: auth, payload: { namespace: 'n', values: Array.from({ length: MAX_BATCH + 1 }, () => SECRET) } });
    assert.equal(big.statusCode, 400);
    assert.equal(big.json().code, 'ERR_INPUT_INVALID');
    assert.ok(!big.body.includes(SECRET));
    const extra = await server.app.inject({ method: 'POST', url: '/v1/tokenize', headers: auth, payload: { namespace: 'n', values: ['a'], leak: SECRET } });
    assert.equal(extra.statusCode, 400);
    assert.ok(!extra.body.includes(SECRET));
    const ns = await server.app.inject({ method: 'POST', url: '/v1/tokenize', headers: auth, payload: { namespace: '../../etc/passwd', values: [SECRET] } });
    assert.equal(ns.statusCode, 400);
    assert.ok(!ns.body.includes('passwd') && !ns.body.includes(SECRET));
  });

  it('malformed JSON is 400 and the error does not quote the body', async () => {
    const r = await server.app.inject({ method: 'POST', url: '/v1/tokenize', headers: { ...auth, 'content-type': 'application/json' }, payload: `{"namespace":"n","values":["${SECRET}"` });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().code, 'ERR_INPUT_INVALID');
    assert.ok(!r.body.includes(SECRET));
    const proto = await server.app.inject({ method: 'POST', url: '/v1/tokenize', headers: { ...auth, 'content-type': 'application/json' }, payload: '{"namespace":"n","values":["a"],"__proto__":{"x":1}}' });
    assert.equal(proto.statusCode, 400);
    const xml = await server.app.inject({ method: 'POST', url: '/v1/tokenize', headers: { ...auth, 'content-type': 'application/xml' }, payload: `<v>${SECRET}</v>` });
    assert.equal(xml.statusCode, 415);
    assert.equal(xml.json().code, 'ERR_INPUT_INVALID');
    assert.ok(!xml.body.includes(SECRET));
  });

  it('a body over the limit is 413', async () => {
    const s = make({ limits: { bodyBytes: 1024 } });
    const r = await s.app.inject({ method: 'POST', url: '/v1/tokenize', headers: auth, payload: { namespace: 'n', values: ['x'.repeat(2000)] } });
    assert.equal(r.statusCode, 413);
    assert.equal(r.json().code, 'ERR_BODY_TOO_LARGE');
    await s.app.close();
  });

  it('over the per-principal rate: 429 with Retry-After; another principal is unaffected', async () => {
    const s = make({ limits: { ratePerSecond: 1, burst: 2 } });
    const codes: number[] = [];
    let retry: string | undefined;
    for (let i = 0; i < 4; i++) {
      const r = await s.app.inject({ method: 'GET', url: '/v1/keys', headers: auth });
      codes.push(r.statusCode);
      if (r.statusCode === 429) retry = r.headers['retry-after'] as string;
    }
    assert.deepEqual(codes, [200, 200, 429, 429]);
    assert.ok(Number(retry) >= 1);
    const other = await s.app.inject({ method: 'GET', url: '/v1/keys', headers: { 'x-api-key': 'ck_good' } });
    assert.equal(other.statusCode, 200);
    await s.app.close();
  });

  it('failed credentials are rate limited per client address (key guessing)', async () => {
    const s = make({ limits: { authFailuresPerSecond: 1, authFailureBurst: 3 } });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await s.app.inject({ method: 'GET', url: '/v1/keys', headers: { 'x-api-key': `ck_guess${i}` } })).statusCode);
    assert.deepEqual(codes, [401, 401, 401, 429, 429]);
    await s.app.close();
  });

  it('an unknown route is 404 with the error body', async () => {
    const r = await server.app.inject({ method: 'GET', url: '/v1/nothing' });
    assert.equal(r.statusCode, 404);
    assert.equal(r.json().code, 'ERR_NOT_FOUND');
  });

  it('detect returns entity, offsets and score only', async () => {
    const text = `card ${SECRET} and mail jane.doe@example.com`;
    const r = await server.app.inject({ method: 'POST', url: '/v1/detect', headers: auth, payload: { text } });
    assert.equal(r.statusCode, 200);
    const { findings } = r.json() as { findings: Array<{ entity: string; start: number; end: number; score: number }> };
    assert.ok(findings.some((f) => f.entity === 'EMAIL_ADDRESS' && text.slice(f.start, f.end) === 'jane.doe@example.com'));
    for (const f of findings) assert.deepEqual(Object.keys(f).sort(), ['end', 'entity', 'score', 'start']);
    assert.ok(!r.body.includes('jane.doe'));
  });

  it('detect records what it found, by entity kind and count, under the caller (never a value)', async () => {
    const n = tk.audit.events.length;
    const text = 'mail jane.doe@example.com or ann@example.org';
    const r = await server.app.inject({ method: 'POST', url: '/v1/detect', headers: { ...auth, 'x-request-id': 'req-detect-1' }, payload: { text, profile: 'default' } });
    assert.equal(r.statusCode, 200);
    const ev = tk.audit.events.slice(n).find((e) => e.type === 'detect.request');
    assert.ok(ev, 'a detect.request event');
    const decision = tk.audit.events.slice(n).find((e) => e.type === 'authz.decision')!;
    assert.equal(ev.principal, decision.principal);
    assert.equal(ev.attributes?.['entities'], 'EMAIL_ADDRESS:2');
    assert.equal(ev.attributes?.['findings'], 2);
    assert.equal(ev.attributes?.['chars'], text.length);
    assert.equal(ev.attributes?.['profile'], 'default');
    assert.equal(ev.attributes?.['request_id'], r.headers['x-request-id']);
    assert.ok(!JSON.stringify(ev).includes('jane.doe') && !JSON.stringify(ev).includes('ann@'));
  });

  it('detect takes a profile; an unknown one is refused by the schema', async () => {
    const text = 'Seen at 14:30 on 03/14/2023, token ghp_abcdefghijklmnopqrstuvwxyz0123456789';
    const h = await server.app.inject({ method: 'POST', url: '/v1/detect', headers: auth, payload: { text, profile: 'hipaa' } });
    assert.equal(h.statusCode, 200);
    assert.deepEqual((h.json() as { findings: Array<{ entity: string; start: number; end: number }> }).findings.map((f) => text.slice(f.start, f.end)), ['03/14/2023']);
    const s = await server.app.inject({ method: 'POST', url: '/v1/detect', headers: auth, payload: { text, profile: 'secrets' } });
    assert.deepEqual((s.json() as { findings: Array<{ entity: string }> }).findings.map((f) => f.entity), ['SECRET']);
    const bad = await server.app.inject({ method: 'POST', url: '/v1/detect', headers: auth, payload: { text, profile: 'gdpr' } });
    assert.equal(bad.statusCode, 400);
  });

  it('keys: list and rotate; an unknown key is 404', async () => {
    const l = await server.app.inject({ method: 'GET', url: '/v1/keys', headers: auth });
    assert.ok((l.json() as { keys: Array<{ name: string }> }).keys.some((k) => k.name === 'default'));
    const r = await server.app.inject({ method: 'POST', url: '/v1/keys/default/rotate', headers: auth });
    assert.equal(r.statusCode, 200);
    assert.equal(r.json().primaryVersion, 2);
    assert.deepEqual(authz.seen.at(-1)!.resource, { type: 'key', id: 'default', attributes: {} });
    const n = await server.app.inject({ method: 'POST', url: '/v1/keys/missing/rotate', headers: auth });
    assert.equal(n.statusCode, 404);
    const bad = await server.app.inject({ method: 'POST', url: '/v1/keys/..%2F..%2Fetc/rotate', headers: auth });
    assert.equal(bad.statusCode, 400);
  });

  it('datakey: generate then unwrap with the same context; another context fails with the one decryption error', async () => {
    const g = await server.app.inject({ method: 'POST', url: '/v1/datakey', headers: auth, payload: { key: 'default', context: 'object-1' } });
    assert.equal(g.statusCode, 200);
    const { plaintext, wrapped } = g.json() as { plaintext: string; wrapped: unknown };
    assert.equal(Buffer.from(plaintext, 'base64').length, 32);
    const u = await server.app.inject({ method: 'POST', url: '/v1/datakey/unwrap', headers: auth, payload: { wrapped, context: 'object-1' } });
    assert.equal(u.json().plaintext, plaintext);
    const w = await server.app.inject({ method: 'POST', url: '/v1/datakey/unwrap', headers: auth, payload: { wrapped, context: 'object-2' } });
    assert.equal(w.statusCode, 422);
    assert.equal(w.json().code, 'ERR_DECRYPTION_FAILED');
  });

  it('encrypt → decrypt round trip; another field or a tampered ciphertext fails with the one decryption error', async () => {
    const e = await server.app.inject({ method: 'POST', url: '/v1/encrypt', headers: auth, payload: { dataset: 'crm', field: 'email', values: [SECRET, SECRET] } });
    assert.equal(e.statusCode, 200);
    const { ciphertexts } = e.json() as { ciphertexts: string[] };
    assert.notEqual(ciphertexts[0], ciphertexts[1]);
    assert.deepEqual(authz.seen.at(-1)!.resource, { type: 'column', id: 'crm.email', attributes: { dataset: 'crm' } });
    const d = await server.app.inject({ method: 'POST', url: '/v1/decrypt', headers: auth, payload: { dataset: 'crm', field: 'email', ciphertexts } });
    assert.deepEqual(d.json(), { values: [SECRET, SECRET] });
    const moved = await server.app.inject({ method: 'POST', url: '/v1/decrypt', headers: auth, payload: { dataset: 'crm', field: 'phone', ciphertexts } });
    assert.equal(moved.statusCode, 422);
    assert.equal(moved.json().code, 'ERR_DECRYPTION_FAILED');
    const junk = await server.app.inject({ method: 'POST', url: '/v1/decrypt', headers: auth, payload: { dataset: 'crm', field: 'email', ciphertexts: ['enc_v1_AAAA', 'not a ciphertext'] } });
    assert.equal(junk.statusCode, 422);
    assert.deepEqual(junk.json(), moved.json());
  });

  it('protect: records under a named contract, in order; the values are transformed', async () => {
    const records = [
      { customer_id: 'c1', full_name: 'Jane Roe', email: 'jane@example.com', notes: null },
      { customer_id: 'c2', full_name: 'John Poe', email: 'john@example.com', notes: null },
    ];
    const r = await server.app.inject({ method: 'POST', url: '/v1/protect', headers: auth, payload: { contract: 'customers', records } });
    assert.equal(r.statusCode, 200, r.body);
    const out = (r.json() as { records: Array<Record<string, string | null>> }).records;
    assert.equal(out.length, 2);
    assert.equal(out[0]!['customer_id'], 'c1');
    assert.match(out[0]!['full_name']!, /^tok_/);
    assert.ok(!r.body.includes('Jane Roe') && !r.body.includes('jane@example.com'));
    assert.deepEqual(authz.seen.at(-1)!.resource, { type: 'dataset', id: 'customers', attributes: { contract: 'customers' } });
    const run = tk.audit.events.filter((e) => e.type === 'protect.run').at(-1)!;
    assert.equal(run.outcome, 'success');
    assert.equal(run.attributes?.['via'], 'api');
    assert.equal(run.attributes?.['rowsIn'], 2);
    assert.equal(run.attributes?.['rowsOut'], 2);
    assert.match(String(run.attributes?.['contractSha256']), /^[0-9a-f]{64}$/);
    assert.ok(!JSON.stringify(run).includes('Jane Roe'));
  });

  it('protect: traversal or an absolute path in a contract or dataset name is refused; an unknown contract is 400', async () => {
    for (const contract of ['../outside', '/etc/passwd', 'customers/../../outside', '..', '.hidden', 'a\\..\\b']) {
      const r = await server.app.inject({ method: 'POST', url: '/v1/protect', headers: auth, payload: { contract, records: [{ customer_id: 'c1' }] } });
      assert.equal(r.statusCode, 400, contract);
      assert.ok(!r.body.includes('passwd') && !r.body.includes('outside'));
    }
    const ds = await server.app.inject({ method: 'POST', url: '/v1/protect', headers: auth, payload: { contract: 'customers', dataset: '../x', records: [{ customer_id: 'c1' }] } });
    assert.equal(ds.statusCode, 400);
    const missing = await server.app.inject({ method: 'POST', url: '/v1/protect', headers: auth, payload: { contract: 'nope', records: [{ customer_id: 'c1' }] } });
    assert.equal(missing.statusCode, 400);
    const code = (f: () => unknown) => { try { f(); return 'none'; } catch (e) { return (e as CordonError).code; } };
    assert.equal(code(() => readNamedContract(join(tk.dir, 'contracts'), '../outside')), 'ERR_INPUT_INVALID');
    assert.equal(code(() => readNamedContract(join(tk.dir, 'contracts'), '/etc/passwd')), 'ERR_INPUT_INVALID');
  });

  it('protect: a record with a column the contract does not declare stops the batch, naming the row and column only', async () => {
    const r = await server.app.inject({ method: 'POST', url: '/v1/protect', headers: auth, payload: { contract: 'customers', records: [{ customer_id: 'c1', ssn: '078-05-1120' }] } });
    assert.equal(r.statusCode, 400, r.body);
    assert.ok(!r.body.includes('078-05-1120'));
  });

  it('metrics: Prometheus text with requests by route and status, decisions, vault operations, process and runtime metrics and build info', async () => {
    const r = await server.app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(r.statusCode, 200);
    assert.match(r.headers['content-type'] as string, /^text\/plain/);
    assert.match(r.body, /cordon_http_requests_total\{route="\/v1\/tokenize",method="POST",status="200"\} \d+/);
    assert.match(r.body, /cordon_http_request_duration_seconds_bucket\{le="\+Inf",route="\/v1\/tokenize",method="POST",status="200"\} \d+/);
    assert.match(r.body, /cordon_authz_decisions_total\{action="detokenize",decision="deny"\} \d+/);
    assert.match(r.body, /cordon_vault_values_total\{op="tokenize"\} \d+/);
    // prom-client's process and runtime metrics, and the build (issue 14 item 9)
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes']) assert.match(r.body, new RegExp(`^${name} [0-9.e+-]+$`, 'm'), name);
    assert.match(r.body, new RegExp(`^cordon_build_info\\{version="\\d+\\.\\d+\\.\\d+[^"]*",node_version="${process.versions.node}"\\} 1$`, 'm'));
    assert.ok(!r.body.includes(SECRET) && !r.body.includes('alice'));
  });
});
