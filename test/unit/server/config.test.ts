// The server config: validated, relative paths resolved, secrets only by reference; the error
// table. (The rate limiters: rate-limit.test.ts.)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/keyring.js';
import { CordonError, ERROR_CODES, type ErrorCode } from '../../../src/errors.js';
import { parseServerConfig, readSecret, readServerConfig } from '../../../src/server/config.js';
import { checkDpDatasets } from '../../../src/server/dp-datasets.js';
import { HttpError, toHttpError } from '../../../src/server/errors.js';

const base = { listen: { host: '127.0.0.1', port: 8443 }, tls: { cert: 'certs/server.crt', key: { file: 'certs/server.key' }, ca: 'certs/ca.crt', mtls: 'required' } };
const code = (fn: () => unknown) => {
  try { fn(); } catch (e) { return (e as CordonError).code; }
  return 'no error';
};

describe('server: config', () => {
  it('resolves relative paths against the config folder and fills default limits', () => {
    const c = parseServerConfig(base, '/etc/cordon');
    assert.equal(c.tls.cert, '/etc/cordon/certs/server.crt');
    assert.deepEqual(c.tls.key, { file: '/etc/cordon/certs/server.key' });
    assert.ok(c.limits.bodyBytes > 0 && c.limits.burst >= 1);
  });

  it('audit.durability: sync unless batch is asked for; a window only with batch, 1 to 1000 ms', () => {
    assert.deepEqual(parseServerConfig(base, '/etc/cordon').auditDurability, { kind: 'sync' });
    const audit = (a: object) => parseServerConfig({ ...base, audit: a }, '/etc/cordon');
    assert.deepEqual(audit({ durability: 'sync' }).auditDurability, { kind: 'sync' });
    assert.deepEqual(audit({ durability: 'batch' }).auditDurability, { kind: 'batch', windowMs: 20 });
    assert.deepEqual(audit({ durability: 'batch', syncWindowMs: 250 }).auditDurability, { kind: 'batch', windowMs: 250 });
    for (const bad of [{ durability: 'sync', syncWindowMs: 20 }, { durability: 'batch', syncWindowMs: 0 }, { durability: 'batch', syncWindowMs: 1001 }, { durability: 'off' }, {}]) {
      assert.equal(code(() => audit(bad)), 'ERR_CONFIG_INVALID', JSON.stringify(bad));
    }
  });

  it('auth.apiKeys.cacheSeconds: 0 to 60 s, in ms; absent leaves the default to the server', () => {
    const keys = (apiKeys: object) => parseServerConfig({ ...base, auth: { apiKeys: { store: 'apikeys.db', ...apiKeys } } }, '/etc/cordon');
    assert.equal(keys({}).apiKeyCacheMs, undefined);
    assert.equal(keys({ cacheSeconds: 0 }).apiKeyCacheMs, 0);
    assert.equal(keys({ cacheSeconds: 60 }).apiKeyCacheMs, 60_000);
    for (const bad of [-1, 61, 1.5, '2']) assert.equal(code(() => keys({ cacheSeconds: bad })), 'ERR_CONFIG_INVALID', String(bad));
  });

  it('erasure.shutdownWaitSeconds: how long shutdown waits for a running erasure, 0 to 1 day, default 30 s', () => {
    assert.equal(parseServerConfig(base, '/etc/cordon').erasure.shutdownWaitMs, 30_000);
    const wait = (erasure: object) => parseServerConfig({ ...base, erasure }, '/etc/cordon');
    assert.equal(wait({ shutdownWaitSeconds: 0 }).erasure.shutdownWaitMs, 0);
    assert.equal(wait({ shutdownWaitSeconds: 86_400 }).erasure.shutdownWaitMs, 86_400_000);
    for (const bad of [-1, 86_401, 2.5, '5']) assert.equal(code(() => wait({ shutdownWaitSeconds: bad })), 'ERR_CONFIG_INVALID', String(bad));
    assert.equal(code(() => wait({ other: 1 })), 'ERR_CONFIG_INVALID');
  });

  it('detect.recognizers: custom recognizer files, resolved against the config folder', () => {
    assert.deepEqual(parseServerConfig({ ...base, detect: { recognizers: ['recognizers.yaml', '/opt/r.yaml'] } }, '/etc/cordon').recognizers, ['/etc/cordon/recognizers.yaml', '/opt/r.yaml']);
    assert.equal(parseServerConfig({ ...base, detect: { recognizers: [] } }, '/').recognizers, undefined);
    assert.equal(code(() => parseServerConfig({ ...base, detect: { recognizers: 'r.yaml' } }, '/')), 'ERR_CONFIG_INVALID');
    assert.equal(code(() => parseServerConfig({ ...base, detect: { recognizers: [], colour: 1 } }, '/')), 'ERR_CONFIG_INVALID');
  });

  it('guard: the proxy upstream is https without credentials, its key a reference; injection blocks by default', () => {
    const c = parseServerConfig({ ...base, guard: { upstream: { url: 'https://llm.example/v1', apiKey: { env: 'OPENAI_API_KEY' }, ca: 'certs/up.crt' }, output: { allowedHosts: ['docs.example'] }, ttlSeconds: 60 } }, '/etc/cordon');
    assert.equal(c.guard?.upstream.url.href, 'https://llm.example/v1');
    assert.deepEqual(c.guard?.upstream.apiKey, { env: 'OPENAI_API_KEY' });
    assert.equal(c.guard?.upstream.ca, '/etc/cordon/certs/up.crt');
    assert.deepEqual(c.guard?.injection, { action: 'block', threshold: 0.5 });
    assert.equal(c.guard?.ttlMs, 60_000);
    const bad = (guard: object) => code(() => parseServerConfig({ ...base, guard }, '/etc/cordon'));
    assert.equal(bad({ upstream: { url: 'http://llm.example/v1' } }), 'ERR_CONFIG_INVALID');
    assert.equal(bad({ upstream: { url: 'https://user:pw@llm.example/v1' } }), 'ERR_CONFIG_INVALID');
    assert.equal(bad({ upstream: { url: 'https://llm.example/v1?key=x' } }), 'ERR_CONFIG_INVALID');
    assert.equal(bad({ upstream: { url: 'https://llm.example/v1', apiKey: 'sk-inline' } }), 'ERR_CONFIG_INVALID');
    assert.equal(bad({ upstream: { url: 'https://llm.example/v1' }, injection: { action: 'ignore' } }), 'ERR_CONFIG_INVALID');
    assert.equal(bad({ upstream: { url: 'https://llm.example/v1' }, redact: { entities: ['NOT_AN_ENTITY'] } }), 'ERR_CONFIG_INVALID');
  });

  it('dp.datasets: name -> file (resolved) and contract stem; needs contracts.dir; names and fields checked', () => {
    const c = parseServerConfig({ ...base, contracts: { dir: 'contracts' }, dp: { datasets: { visits: { file: 'data/visits.csv', contract: 'visits' } } } }, '/etc/cordon');
    assert.deepEqual([...c.dpDatasets!], [['visits', { file: '/etc/cordon/data/visits.csv', contract: 'visits' }]]);
    assert.equal(parseServerConfig(base, '/').dpDatasets, undefined);
    const bad = (dp: object, extra: object = { contracts: { dir: 'contracts' } }) => code(() => parseServerConfig({ ...base, ...extra, dp }, '/etc/cordon'));
    assert.equal(bad({ datasets: { visits: { file: 'v.csv', contract: 'visits' } } }, {}), 'ERR_CONFIG_INVALID');
    assert.equal(bad({ datasets: { visits: { file: 'v.csv', contract: '../visits' } } }), 'ERR_CONFIG_INVALID');
    assert.equal(bad({ datasets: { '../x': { file: 'v.csv', contract: 'visits' } } }), 'ERR_CONFIG_INVALID');
    assert.equal(bad({ datasets: { visits: { file: 'v.csv' } } }), 'ERR_CONFIG_INVALID');
    assert.equal(bad({ datasets: { visits: { file: 'v.csv', contract: 'visits', records: [] } } }), 'ERR_CONFIG_INVALID');
  });

  it('dp.datasets are checked at start: file present with a known format, contract with the dataset and a budget', () => {
    const d = tempDir();
    mkdirSync(join(d, 'contracts'));
    const contract = (budget: string) => `apiVersion: v3.1.0\nkind: DataContract\nid: c\nversion: 1.0.0\nstatus: active\nschema:\n  - name: visits\n${budget}    properties:\n      - name: patient_id\n        primaryKey: true\n        classification: restricted\n`;
    writeFileSync(join(d, 'contracts', 'visits.yaml'), contract('    customProperties:\n      - property: cordonPrivacyBudget\n        value: { epsilon: 1, maxContributions: 1 }\n'));
    writeFileSync(join(d, 'contracts', 'nobudget.yaml'), contract(''));
    writeFileSync(join(d, 'visits.csv'), 'patient_id\np1\n');
    writeFileSync(join(d, 'visits.dat'), 'patient_id\np1\n');
    const dir = join(d, 'contracts');
    const check = (name: string, file: string, stem: string) => code(() => checkDpDatasets(dir, new Map([[name, { file: join(d, file), contract: stem }]])));
    assert.equal(check('visits', 'visits.csv', 'visits'), 'no error');
    assert.equal(check('visits', 'missing.csv', 'visits'), 'ERR_CONFIG_INVALID');
    assert.equal(check('visits', 'visits.dat', 'visits'), 'ERR_CONFIG_INVALID');
    assert.equal(check('visits', 'contracts', 'visits'), 'ERR_CONFIG_INVALID');
    assert.equal(check('visits', 'visits.csv', 'absent'), 'ERR_CONFIG_INVALID');
    assert.equal(check('other', 'visits.csv', 'visits'), 'ERR_CONFIG_INVALID');
    assert.equal(check('visits', 'visits.csv', 'nobudget'), 'ERR_CONFIG_INVALID');
    assert.equal(code(() => checkDpDatasets(undefined, new Map([['visits', { file: join(d, 'visits.csv'), contract: 'visits' }]]))), 'ERR_CONFIG_INVALID');
  });

  it('reads YAML', () => {
    const d = tempDir();
    writeFileSync(join(d, 'server.yaml'), 'listen: { host: 127.0.0.1, port: 0 }\ntls:\n  cert: s.crt\n  key: { env: CORDON_TLS_KEY }\n  mtls: "off"\nlimits: { ratePerSecond: 5, burst: 10 }\n');
    const c = readServerConfig(join(d, 'server.yaml'));
    assert.deepEqual(c.tls.key, { env: 'CORDON_TLS_KEY' });
    assert.equal(c.limits.burst, 10);
  });

  it('refuses inline secrets: a key string, a PEM private key, an API key anywhere', () => {
    assert.equal(code(() => parseServerConfig({ ...base, tls: { ...base.tls, key: 'certs/server.key' } }, '/')), 'ERR_CONFIG_INVALID');
    assert.equal(code(() => parseServerConfig({ ...base, tls: { ...base.tls, key: { file: '-----BEGIN PRIVATE KEY-----\nMIG' } } }, '/')), 'ERR_CONFIG_INVALID');
    assert.equal(code(() => parseServerConfig({ ...base, note: 'ck_abcdefghijklmnopqrstuvwxyz' }, '/')), 'ERR_CONFIG_INVALID');
  });

  it('refuses unknown fields, a bad mtls mode, mtls without a CA, a bad port', () => {
    assert.equal(code(() => parseServerConfig({ ...base, extra: 1 }, '/')), 'ERR_CONFIG_INVALID');
    assert.equal(code(() => parseServerConfig({ ...base, tls: { ...base.tls, mtls: 'sometimes' } }, '/')), 'ERR_CONFIG_INVALID');
    const { ca: _ca, ...noCa } = base.tls;
    assert.equal(code(() => parseServerConfig({ ...base, tls: noCa }, '/')), 'ERR_CONFIG_INVALID');
    assert.equal(code(() => parseServerConfig({ ...base, listen: { host: 'x', port: 70000 } }, '/')), 'ERR_CONFIG_INVALID');
  });

  it('reads a secret from a 0600 file or the environment; refuses a group-readable file and an unset variable', () => {
    const d = tempDir();
    const f = join(d, 'k.pem');
    writeFileSync(f, 'secret', { mode: 0o600 });
    assert.equal(readSecret({ file: f }).toString(), 'secret');
    chmodSync(f, 0o640);
    assert.equal(code(() => readSecret({ file: f })), 'ERR_CONFIG_INVALID');
    assert.equal(readSecret({ env: 'K' }, { K: 'v' }).toString(), 'v');
    assert.equal(code(() => readSecret({ env: 'K' }, {})), 'ERR_CONFIG_INVALID');
  });
});

describe('server: error → status table', () => {
  it('maps every error code to a status, category by category', () => {
    const expect: Record<string, number> = { usage: 400, input: 400, denied: 403, integrity: 422, unavailable: 503, internal: 500 };
    for (const c of Object.keys(ERROR_CODES) as ErrorCode[]) {
      const { status, body } = toHttpError(new CordonError(c, 'm'));
      assert.equal(body.code, c);
      if (c === 'ERR_UNAUTHENTICATED') assert.equal(status, 401);
      else if (c === 'ERR_KEY_NOT_FOUND') assert.equal(status, 404);
      else if (c === 'ERR_KEY_EXISTS' || c === 'ERR_AUDIT_CHAIN_BROKEN') assert.equal(status, 409);
      else if (c === 'ERR_KEYSTORE_BUSY') assert.equal(status, 503);
      else if (c === 'ERR_UPSTREAM_FAILED') assert.equal(status, 502);
      else assert.equal(status, expect[ERROR_CODES[c]], c);
    }
  });

  it('an unknown exception is 500 with a fixed message', () => {
    const r = toHttpError(new Error('secret detail 4111'));
    assert.deepEqual(r, { status: 500, body: { code: 'ERR_INTERNAL', message: 'internal error' }, headers: {} });
    assert.equal(toHttpError(new CordonError('ERR_INTERNAL', 'db path /x')).body.message, 'internal error');
  });

  it('server-only errors carry their status and headers', () => {
    const r = toHttpError(new HttpError('ERR_RATE_LIMITED', 'too many requests', { 'retry-after': '2' }));
    assert.equal(r.status, 429);
    assert.equal(r.headers['retry-after'], '2');
  });
});
