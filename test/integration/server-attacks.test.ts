// The attacks of issue 6 against `cordon serve`, with the real pieces: the example Cedar policies
// (policies/), the JWT verifier and an SQLite API-key store, contracts with tenants, a SQLite vault.
// In-process with inject(), except the expired client certificate, which needs a TLS handshake.
// For every refusal: the status, the code, exactly one audit event for the request (where it
// reached authentication), and no value or credential in the answer or the audit log.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InjectOptions } from 'fastify';
import type { AddressInfo } from 'node:net';
import { repoPath } from '../helpers/paths.js';
import { tempDir, tempKeyring, type TempKeyring } from '../helpers/keyring.js';
import { TokenVault } from '../../src/vault/vault.js';
import { SqliteVaultStore } from '../../src/vault/store/sqlite.js';
import { DEFAULT_RECOGNIZERS } from '../../src/detect/registry.js';
import { buildServer, type CordonServer, type ServerOptions } from '../../src/server/app.js';
import type { Authorizer } from '../../src/server/authorize.js';
import { ResourceCatalog } from '../../src/server/catalog.js';
import { createDevCerts, type DevCerts } from '../../src/server/certs.js';
import { createJwtVerifier, issueJwt } from '../../src/auth/index.js';
import { SqliteApiKeyStore } from '../../src/auth/store/sqlite.js';
import { PolicyEngine } from '../../src/policy/index.js';
import type { AuditEvent } from '../../src/audit/event.js';

const ISS = 'https://idp.test';
const AUD = 'cordon-api';
const SECRET = 'jane.roe@acme.example';
const GLOBEX_SECRET = 'ceo@globex.example';

const contract = (o: { id: string; tenant: string; team: string; dataset: string }) => `apiVersion: v3.1.0
kind: DataContract
id: ${o.id}
name: ${o.dataset}
version: 1.0.0
status: active
tenant: ${o.tenant}
team:
  name: ${o.team}
schema:
  - name: ${o.dataset}
    logicalType: object
    properties:
      - name: customer_id
        logicalType: string
        classification: internal
        customProperties:
          - property: cordonProtect
            value: { operator: keep }
      - name: email
        logicalType: string
        classification: confidential
        customProperties:
          - property: cordonEntity
            value: EMAIL_ADDRESS
          - property: cordonProtect
            value: { operator: tokenize }
          - property: cordonPurposes
            value: [fraud-detection]
`;

/** Strings an attacker puts in every field: SQL, traversal, markup, JNDI, NUL, 10k characters, RTL override. */
const PAYLOADS = [
  "'; DROP TABLE tokens;--",
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${jndi:ldap://evil.example/a}',
  'nul\u0000byte',
  'A'.repeat(10_000),
  'gnp\u202Eexe.txt',
];
/** What would show that a payload came back: a distinctive piece of each. */
const MARKERS = ['DROP TABLE', 'etc/passwd', '<script', 'jndi:', 'nul\u0000', 'nul\\u0000', 'A'.repeat(64), '\u202E', '\\u202e', '\\u202E'];
const echoed = (text: string) => MARKERS.find((m) => text.includes(m));
/** Header values must be visible ASCII (a client cannot send NUL or U+202E in a header at all). */
const HEADER_PAYLOADS = PAYLOADS.filter((p) => /^[\x20-\x7e]*$/.test(p));

const PERMIT_ALL: Authorizer = { authorize: () => ({ allowed: true, policies: ['test.permit-all'], errors: [] }) };

describe('server attacks (issue 6)', () => {
  let tk: TempKeyring;
  let vault: TokenVault;
  let apiKeys: SqliteApiKeyStore;
  let contractsDir: string;
  let catalog: ResourceCatalog;
  let engine: PolicyEngine;
  let server: CordonServer;
  let fuzz: CordonServer;
  let credentials: string[];
  const jwt: Record<string, string> = {};
  let apiKey: string;
  const servers: CordonServer[] = [];

  const make = (options: ServerOptions & { authorizer?: Authorizer } = {}): CordonServer => {
    const verify = createJwtVerifier({ issuer: ISS, audience: AUD, publicKeys: [keys.publicKey] });
    const s = buildServer({ keyring: tk.keyring, audit: tk.audit, vault, recognizers: DEFAULT_RECOGNIZERS, contractsDir, catalog }, {
      authenticators: { jwt: verify, apiKey: (k) => apiKeys.verify(k) },
      authorizer: engine,
      ...options,
    });
    servers.push(s);
    return s;
  };
  const keys = generateKeyPairSync('ed25519');
  const bearer = (who: string) => ({ authorization: `Bearer ${jwt[who]!}` });
  /** The authz.decision events of one answer, found by its x-request-id. */
  const eventsOf = (r: { headers: Record<string, unknown> }): AuditEvent[] =>
    tk.audit.events.filter((e) => e.type === 'authz.decision' && e.attributes?.['request_id'] === r.headers['x-request-id']);
  /** Nothing secret in a text: no protected value, no credential. */
  const assertClean = (text: string, what: string) => {
    for (const s of [SECRET, GLOBEX_SECRET, ...credentials]) assert.ok(!text.includes(s), `${what} holds a value or credential`);
  };
  /** A refusal: status, code, one audit event for the request (when it reached authentication), nothing secret anywhere. */
  const assertRefusal = (r: { statusCode: number; body: string; headers: Record<string, unknown>; json(): { code: string } }, status: number, code: string, audited = true) => {
    assert.equal(r.statusCode, status, r.body);
    assert.equal(r.json().code, code);
    const evs = eventsOf(r);
    assert.equal(evs.length, audited ? 1 : 0, `${code}: audit events for the request`);
    if (audited) {
      assert.equal(evs[0]!.outcome, 'failure');
      assert.equal(evs[0]!.attributes!['decision'], 'deny');
      assertClean(JSON.stringify(evs[0]), 'the audit event');
    }
    assertClean(r.body, 'the answer');
    return evs[0];
  };

  before(async () => {
    tk = await tempKeyring();
    vault = await TokenVault.open(SqliteVaultStore.open(join(tk.dir, 'vault.db')), tk.keyring);
    contractsDir = join(tk.dir, 'contracts');
    mkdirSync(contractsDir);
    writeFileSync(join(contractsDir, 'acme.yaml'), contract({ id: 'a1b2c3d4-0000-4000-8000-000000000001', tenant: 'acme', team: 'acme-crm', dataset: 'customers' }));
    writeFileSync(join(contractsDir, 'globex.yaml'), contract({ id: 'a1b2c3d4-0000-4000-8000-000000000002', tenant: 'globex', team: 'globex-sales', dataset: 'orders' }));
    catalog = ResourceCatalog.load(contractsDir);
    engine = PolicyEngine.load(repoPath('policies'));
    apiKeys = SqliteApiKeyStore.open(join(tk.dir, 'apikeys.db'));
    apiKey = (await apiKeys.create({ principal: 'svc:scanner', roles: ['data-scientist'], scopes: ['detect'], tenant: 'acme' })).key;
    const issue = (principal: string, roles: string[], tenant: string) => issueJwt({ privateKey: keys.privateKey, issuer: ISS, audience: AUD, principal, roles, tenant, ttlSec: 900 });
    jwt['ana'] = await issue('ana@acme.example', ['data-scientist'], 'acme');
    jwt['etl-acme'] = await issue('svc:etl-acme', ['pipeline-service'], 'acme');
    jwt['etl-globex'] = await issue('svc:etl-globex', ['pipeline-service'], 'globex');
    credentials = [apiKey, ...Object.values(jwt)];
    server = make();
    fuzz = make({ authorizer: PERMIT_ALL, limits: { ratePerSecond: 100_000, burst: 100_000, authFailuresPerSecond: 100_000, authFailureBurst: 100_000 } });
  });
  after(async () => {
    for (const s of servers) await s.app.close();
    apiKeys.close();
    await vault.close();
    await tk.cleanup();
  });

  it('the catalog puts the contract\'s tenant and owner on its columns', () => {
    assert.deepEqual(catalog.column('customers.email'), { classification: 'confidential', allowedPurposes: ['fraud-detection'], dataset: 'customers', tenant: 'acme', owner: 'acme-crm' });
    assert.equal(catalog.column('orders.email')['tenant'], 'globex');
    assert.deepEqual(catalog.contract('globex'), { tenant: 'globex', owner: 'globex-sales' });
  });

  describe('an expired client certificate', () => {
    let certs: DevCerts;
    let expired: { cert: string; key: string };

    before(() => {
      certs = createDevCerts(join(tempDir('cordon-attack-certs-'), 'certs'));
      // OpenSSL 3.0's `x509 -days` cannot go back in time: `openssl ca` takes explicit dates.
      const dir = certs.dir;
      const run = (args: string[]) => {
        const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
        assert.equal(r.status, 0, `openssl ${args[0]}: ${r.stderr}`);
      };
      writeFileSync(join(dir, 'index.txt'), '');
      writeFileSync(join(dir, 'serial'), '1000\n');
      writeFileSync(join(dir, 'ca.cnf'), [
        '[ ca ]', 'default_ca = dev', '[ dev ]', 'database = index.txt', 'new_certs_dir = .', 'serial = serial', 'default_md = sha256',
        'policy = any', 'unique_subject = no', 'copy_extensions = none', 'x509_extensions = client', '[ any ]', 'commonName = supplied', 'organizationName = optional',
        '[ client ]', 'basicConstraints = critical,CA:FALSE', 'keyUsage = critical,digitalSignature', 'extendedKeyUsage = clientAuth', 'subjectAltName = URI:spiffe://cordon.dev/expired', '',
      ].join('\n'));
      run(['req', '-new', '-key', 'client.key', '-subj', '/O=Cordon development/CN=expired', '-out', 'expired.csr']);
      run(['ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca.crt', '-keyfile', 'ca.key', '-in', 'expired.csr', '-out', 'expired.crt', '-notext',
        '-startdate', '20200101000000Z', '-enddate', '20200201000000Z']);
      expired = { cert: join(dir, 'expired.crt'), key: certs.clientKey };
    });

    let last: CordonServer;
    async function startTls(mtls: 'required' | 'optional', options: ServerOptions = {}): Promise<number> {
      const s = make({ tls: { cert: readFileSync(certs.serverCert), key: readFileSync(certs.serverKey), ca: readFileSync(certs.ca), mtls }, ...options });
      last = s;
      await s.app.listen({ host: '127.0.0.1', port: 0 });
      return (s.app.server.address() as AddressInfo).port;
    }
    const get = (port: number, path: string, client: { cert: string; key: string }) => new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
      const req = httpsRequest({ host: '127.0.0.1', port, path, method: 'GET', servername: 'localhost', ca: readFileSync(certs.ca), agent: false, cert: readFileSync(client.cert), key: readFileSync(client.key) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });

    it('is really expired, and chains to the CA the server trusts', () => {
      const x = new X509Certificate(readFileSync(expired.cert));
      assert.ok(new Date(x.validTo).getTime() < Date.now());
      assert.ok(x.checkIssued(new X509Certificate(readFileSync(certs.ca))));
    });

    it('mtls required: refused in the TLS handshake (a valid certificate with the same key passes)', async () => {
      const port = await startTls('required');
      assert.equal((await get(port, '/v1/healthz', { cert: certs.clientCert, key: certs.clientKey })).status, 200);
      await assert.rejects(get(port, '/v1/healthz', expired));
    });

    it('mtls optional: the certificate names no principal; the route answers 401 and audits it', async () => {
      const port = await startTls('optional');
      const n = tk.audit.events.length;
      const r = await get(port, '/v1/keys', expired);
      assert.equal(r.status, 401);
      assert.equal(JSON.parse(r.body).code, 'ERR_UNAUTHENTICATED');
      const evs = tk.audit.events.slice(n).filter((e) => e.type === 'authz.decision' && e.attributes?.['request_id'] === r.headers['x-request-id']);
      assert.equal(evs.length, 1);
      assert.equal(evs[0]!.principal, 'unauthenticated');
      assert.ok(!tk.audit.events.some((e) => e.principal === 'spiffe://cordon.dev/expired'));
    });

    it('mtls optional: a flood with that certificate is limited per address; O(1) audit events (issue 12)', async () => {
      const port = await startTls('optional', { limits: { authFailureBurst: 3, authFailuresPerSecond: 0.001 } });
      const n = tk.audit.events.length;
      const codes: number[] = [];
      for (let i = 0; i < 20; i++) codes.push((await get(port, '/v1/keys', expired)).status);
      assert.deepEqual(codes, [...Array(3).fill(401), ...Array(17).fill(429)]);
      // A valid certificate from the same address is refused too while the address is limited: nothing is checked.
      assert.equal((await get(port, '/v1/keys', { cert: certs.clientCert, key: certs.clientKey })).status, 429);
      assert.equal(tk.audit.events.slice(n).length, 3);
      await last.app.close();
      const summary = tk.audit.events.slice(n + 3);
      assert.equal(summary.length, 1);
      assert.equal(summary[0]!.attributes!['count'], 18);
      assert.equal(summary[0]!.principal, 'unauthenticated');
    });
  });

  it('API key guessing: each failure audited once, then 429 with Retry-After and one summary event; no guess in any answer or event', async () => {
    const s = make({ limits: { authFailuresPerSecond: 0.01, authFailureBurst: 5 } });
    const guesses = Array.from({ length: 8 }, (_, i) => `ck_${'0'.repeat(23)}${i}_${'x'.repeat(43)}`);
    const answers = [];
    for (const g of guesses) answers.push(await s.app.inject({ method: 'POST', url: '/v1/detect', headers: { 'x-api-key': g }, payload: { text: 'hi' } }));
    assert.deepEqual(answers.map((a) => a.statusCode), [401, 401, 401, 401, 401, 429, 429, 429]);
    for (const a of answers) {
      assert.equal(a.json().code, a.statusCode === 401 ? 'ERR_UNAUTHENTICATED' : 'ERR_RATE_LIMITED');
      if (a.statusCode === 429) {
        assert.ok(Number(a.headers['retry-after']) >= 1);
        assert.equal(eventsOf(a).length, 0, 'a refusal past the limit is counted, not audited on its own');
        continue;
      }
      const evs = eventsOf(a);
      assert.equal(evs.length, 1);
      assert.equal(evs[0]!.principal, 'unauthenticated');
      assert.equal(evs[0]!.reason, 'ERR_UNAUTHENTICATED');
      assert.ok(['unknown_id', 'malformed'].includes(evs[0]!.attributes!['authn_failure'] as string));
    }
    const n = tk.audit.events.length;
    await s.app.close();
    const summary = tk.audit.events.slice(n);
    assert.equal(summary.length, 1);
    assert.equal(summary[0]!.attributes!['count'], 3);
    const all = JSON.stringify(tk.audit.events) + answers.map((a) => a.body).join('');
    for (const g of guesses) assert.ok(!all.includes(g) && !all.includes(g.slice(-43)));
    // The real key still works from a fresh limiter, and is never echoed.
    const ok = await make().app.inject({ method: 'POST', url: '/v1/detect', headers: { 'x-api-key': apiKey }, payload: { text: 'hi' } });
    assert.equal(ok.statusCode, 200);
    assertClean(ok.body + JSON.stringify(tk.audit.events), 'answer and log');
  });

  it('oversized body → 413, malformed JSON → 400, both audited for the authenticated caller', async () => {
    const small = make({ limits: { bodyBytes: 2048 } });
    const big = await small.app.inject({ method: 'POST', url: '/v1/tokenize', headers: bearer('etl-acme'), payload: { namespace: 'customers.email', values: [SECRET + 'x'.repeat(4096)] } });
    assert.equal(assertRefusal(big, 413, 'ERR_BODY_TOO_LARGE')!.principal, 'svc:etl-acme');
    const bad = await server.app.inject({ method: 'POST', url: '/v1/tokenize', headers: { ...bearer('etl-acme'), 'content-type': 'application/json' }, payload: `{"namespace":"customers.email","values":["${SECRET}",]}` });
    assert.equal(assertRefusal(bad, 400, 'ERR_INPUT_INVALID')!.reason, 'ERR_INPUT_INVALID');
  });

  it('path traversal in dataset names, namespaces, key names and contract names → 400, audited, not echoed', async () => {
    const traversal = ['../../etc/passwd', '..', '/etc/passwd', 'a/../../b', '..\\..\\windows', 'customers/../../x'];
    for (const t of traversal) {
      const reqs = [
        { method: 'POST' as const, url: '/v1/tokenize', payload: { namespace: t, values: [SECRET] } },
        { method: 'POST' as const, url: '/v1/detokenize', payload: { namespace: t, tokens: ['tok_x'], purpose: 'fraud-detection' } },
        { method: 'POST' as const, url: '/v1/encrypt', payload: { dataset: t, field: 'email', values: [SECRET] } },
        { method: 'POST' as const, url: '/v1/decrypt', payload: { dataset: 'customers', field: t, ciphertexts: ['x'] } },
        { method: 'POST' as const, url: '/v1/protect', payload: { contract: t, records: [{ customer_id: 'c1' }] } },
        { method: 'POST' as const, url: '/v1/protect', payload: { contract: 'acme', dataset: t, records: [{ customer_id: 'c1' }] } },
        { method: 'POST' as const, url: '/v1/datakey', payload: { key: t } },
        { method: 'POST' as const, url: '/v1/datakey/unwrap', payload: { wrapped: { key: t, version: 1, wrapped: 'AAAA' } } },
        { method: 'POST' as const, url: `/v1/keys/${encodeURIComponent(t)}/rotate` },
      ];
      for (const req of reqs) {
        const r = await fuzz.app.inject({ ...req, headers: bearer('etl-acme') });
        if (req.url.startsWith('/v1/keys/') && r.statusCode === 404) {
          // A traversal with a raw "/" after decoding splits the path: no route, nothing to decide.
          assert.equal(r.json().code, 'ERR_NOT_FOUND');
          continue;
        }
        assertRefusal(r, 400, 'ERR_INPUT_INVALID');
        assert.ok(!r.body.includes('passwd') && !r.body.includes('windows'), `${req.url} ${t}`);
      }
    }
  });

  describe('detokenize refusals from the example policies', () => {
    let acmeToken: string;
    let globexToken: string;

    before(async () => {
      const a = await server.app.inject({ method: 'POST', url: '/v1/tokenize', headers: bearer('etl-acme'), payload: { namespace: 'customers.email', values: [SECRET] } });
      assert.equal(a.statusCode, 200, a.body);
      acmeToken = (a.json() as { tokens: string[] }).tokens[0]!;
      const g = await server.app.inject({ method: 'POST', url: '/v1/tokenize', headers: bearer('etl-globex'), payload: { namespace: 'orders.email', values: [GLOBEX_SECRET] } });
      assert.equal(g.statusCode, 200, g.body);
      globexToken = (g.json() as { tokens: string[] }).tokens[0]!;
      credentials.push(acmeToken, globexToken);
    });

    const detokenize = (who: string, namespace: string, tokens: string[], headers: Record<string, string> = {}) =>
      server.app.inject({ method: 'POST', url: '/v1/detokenize', headers: { ...bearer(who), ...headers }, payload: { namespace, tokens } });

    it('the allowed case works (so the refusals below are the policies\' doing)', async () => {
      const r = await detokenize('ana', 'customers.email', [acmeToken], { 'x-cordon-purpose': 'fraud-detection', 'x-cordon-consent': 'granted' });
      assert.equal(r.statusCode, 200, r.body);
      assert.deepEqual(r.json(), { values: [SECRET] });
      assert.equal(eventsOf(r)[0]!.attributes!['consent'], true);
    });

    it('no purpose → 403, forbid.read-without-purpose, audited', async () => {
      const r = await detokenize('ana', 'customers.email', [acmeToken], { 'x-cordon-consent': 'granted' });
      const ev = assertRefusal(r, 403, 'ERR_POLICY_DENIED')!;
      assert.equal(ev.attributes!['policies'], 'forbid.read-without-purpose');
      assert.equal(ev.principal, 'ana@acme.example');
      assert.equal(ev.attributes!['resource_id'], 'customers.email');
    });

    it('a purpose the data does not allow → 403 (default deny), audited with the purpose', async () => {
      const ev = assertRefusal(await detokenize('ana', 'customers.email', [acmeToken], { 'x-cordon-purpose': 'marketing', 'x-cordon-consent': 'granted' }), 403, 'ERR_POLICY_DENIED')!;
      assert.equal(ev.attributes!['purpose'], 'marketing');
      assert.equal(ev.attributes!['policies'], '');
    });

    it('consent denied → 403, the refusal records consent false', async () => {
      const ev = assertRefusal(await detokenize('ana', 'customers.email', [acmeToken], { 'x-cordon-purpose': 'fraud-detection', 'x-cordon-consent': 'denied' }), 403, 'ERR_POLICY_DENIED')!;
      assert.equal(ev.attributes!['consent'], false);
    });

    it('another tenant\'s namespace (tenant from the catalog, the caller\'s from its JWT) → 403, forbid.cross-tenant', async () => {
      const ev = assertRefusal(await detokenize('etl-globex', 'customers.email', [acmeToken], { 'x-cordon-purpose': 'fraud-detection' }), 403, 'ERR_POLICY_DENIED')!;
      assert.equal(ev.attributes!['policies'], 'forbid.cross-tenant');
      assert.equal(ev.principal, 'svc:etl-globex');
      // And the other way round, protect under another tenant's contract.
      const p = await server.app.inject({ method: 'POST', url: '/v1/protect', headers: bearer('etl-globex'), payload: { contract: 'acme', records: [{ customer_id: 'c1', email: SECRET }] } });
      assert.equal(assertRefusal(p, 403, 'ERR_POLICY_DENIED')!.attributes!['policies'], 'forbid.cross-tenant');
    });

    it('another tenant\'s token under the caller\'s own namespace reveals nothing (null)', async () => {
      const own = await detokenize('etl-acme', 'customers.email', [globexToken, acmeToken], { 'x-cordon-purpose': 'fraud-detection' });
      assert.equal(own.statusCode, 200, own.body);
      assert.deepEqual(own.json(), { values: [null, SECRET] });
      assert.ok(!own.body.includes(GLOBEX_SECRET));
      const back = await detokenize('etl-globex', 'orders.email', [acmeToken], { 'x-cordon-purpose': 'fraud-detection' });
      assert.deepEqual(back.json(), { values: [null] });
    });
  });

  it('injection-like strings in every field, header and query of every /v1 route: never 500, never echoed; the server keeps answering', async () => {
    type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
    // `ok`: the baseline's status, so the variants are known to reach the handler (503: no audit log or lineage store here).
    const routes: Array<{ method: 'GET' | 'POST'; url: string; ok: number; body?: Json; query?: Record<string, string>; params?: string }> = [
      { method: 'POST', url: '/v1/tokenize', ok: 200, body: { namespace: 'customers.email', values: ['v'], purpose: 'fraud-detection' } },
      { method: 'POST', url: '/v1/detokenize', ok: 200, body: { namespace: 'customers.email', tokens: ['tok_x'], purpose: 'fraud-detection' } },
      { method: 'POST', url: '/v1/detect', ok: 200, body: { text: 'hello', entities: ['EMAIL_ADDRESS'], threshold: 0.5, purpose: 'p' } },
      // customer_id is `keep` in the contract: its value comes back by design, so only its key is attacked.
      { method: 'POST', url: '/v1/protect', ok: 200, body: { contract: 'acme', dataset: 'customers', records: [{ customer_id: 'c1', email: 'e@x.example' }], purpose: 'p' } },
      { method: 'POST', url: '/v1/encrypt', ok: 200, body: { dataset: 'customers', field: 'email', values: ['v'], purpose: 'p' } },
      { method: 'POST', url: '/v1/decrypt', ok: 422, body: { dataset: 'customers', field: 'email', ciphertexts: ['enc_v1_x'], purpose: 'p' } },
      { method: 'POST', url: '/v1/datakey', ok: 200, body: { key: 'default', context: 'c', purpose: 'p' } },
      { method: 'POST', url: '/v1/datakey/unwrap', ok: 422, body: { wrapped: { key: 'default', version: 1, wrapped: 'AAAA' }, context: 'c', purpose: 'p' } },
      { method: 'GET', url: '/v1/keys', ok: 200 },
      { method: 'POST', url: '/v1/keys/:name/rotate', ok: 200, params: 'default' },
      { method: 'GET', url: '/v1/audit/events', ok: 503, query: { since: '2026-01-01', type: 'authz.decision', principal: 'p', limit: '10', from: '0' } },
      { method: 'GET', url: '/v1/audit/checkpoint', ok: 503 },
      { method: 'GET', url: '/v1/audit/proof/:eventId', ok: 503, params: 'e1' },
      { method: 'GET', url: '/v1/lineage/trace', ok: 503, query: { target: 'raw.csv', depth: '2' } },
    ];
    /** Every variant of a body with one leaf (or one key) replaced by `p`. */
    function* variants(v: Json, p: string, skip: (path: string) => boolean, path = ''): Generator<Json> {
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) for (const x of variants(v[i]!, p, skip, `${path}/${i}`)) yield v.map((y, j) => (j === i ? x : y));
      } else if (v !== null && typeof v === 'object') {
        for (const k of Object.keys(v)) {
          for (const x of variants(v[k]!, p, skip, `${path}/${k}`)) yield { ...v, [k]: x };
          if (path.startsWith('/records/')) yield Object.fromEntries(Object.entries(v).map(([a, b]) => [a === k ? p : a, b]));
        }
        yield { ...v, [p]: 'x' };
      } else if (!skip(path)) {
        yield p;
      }
    }
    const skip = (path: string) => path.endsWith('/customer_id');
    const sent = { n: 0 };
    const check = async (req: InjectOptions, what: string) => {
      const r = await fuzz.app.inject(req);
      sent.n++;
      assert.notEqual(r.statusCode, 500, `${what}: ${r.body}`);
      assert.notEqual(r.json().code, 'ERR_INTERNAL', what);
      const hit = echoed(r.body);
      assert.equal(hit, undefined, `${what}: the answer echoes ${JSON.stringify(hit)}`);
    };
    for (const route of routes) {
      const url = (param = route.params) => route.url.replace(/:[A-Za-z]+/, encodeURIComponent(param ?? ''));
      const qs = (q: Record<string, string> | undefined) => (q === undefined ? '' : `?${new URLSearchParams(q).toString()}`);
      const base = { method: route.method, headers: bearer('etl-acme') };
      const baseline = await fuzz.app.inject({ ...base, url: url() + qs(route.query), ...(route.body !== undefined ? { payload: route.body as object } : {}) });
      assert.equal(baseline.statusCode, route.ok, `${route.url} baseline: ${baseline.body}`);
      for (const p of PAYLOADS) {
        const label = `${route.method} ${route.url} [${JSON.stringify(p.slice(0, 20))}]`;
        if (route.body !== undefined) for (const b of variants(route.body, p, skip)) await check({ ...base, url: url(), payload: b as object }, `${label} body`);
        if (route.params !== undefined) await check({ ...base, url: url(p) }, `${label} path`);
        for (const k of Object.keys(route.query ?? {})) await check({ ...base, url: url() + qs({ ...route.query, [k]: p }) }, `${label} query ${k}`);
        await check({ ...base, url: url() + qs({ ...route.query, [p.slice(0, 100)]: p }) }, `${label} unknown query`);
      }
      for (const p of HEADER_PAYLOADS) {
        const label = `${route.method} ${route.url} [${JSON.stringify(p.slice(0, 20))}]`;
        for (const h of ['x-cordon-purpose', 'x-cordon-consent', 'x-api-key', 'authorization', 'x-request-id', 'x-forwarded-for', 'content-type']) {
          const headers = h === 'x-api-key' || h === 'authorization' ? { [h]: p } : { ...base.headers, [h]: p };
          await check({ method: route.method, url: url() + qs(route.query), headers, ...(route.body !== undefined ? { payload: JSON.stringify(route.body) } : {}) }, `${label} header ${h}`);
        }
      }
    }
    assert.ok(sent.n > 900, `${sent.n} requests`);
    // The server keeps answering, and nothing the attacker sent reached the audit log as a value.
    assert.equal((await fuzz.app.inject({ method: 'GET', url: '/v1/healthz' })).statusCode, 200);
    const t = await fuzz.app.inject({ method: 'POST', url: '/v1/tokenize', headers: bearer('etl-acme'), payload: { namespace: 'customers.email', values: ['after'] } });
    assert.equal(t.statusCode, 200);
    assertClean(JSON.stringify(tk.audit.events), 'the audit log');
  });
});
