// `cordon certs init` and `cordon serve` as users run them: a workspace, development certificates,
// a config file and a policy folder; requests over mutual TLS; then SIGTERM, after which the server
// has drained, exits 0, and the audit log holds every decision and still verifies.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cliSandbox, type CliSandbox } from '../helpers/cli.js';
import { post, startServe } from '../helpers/serve.js';

describe('cordon serve (subprocess)', () => {
  let sb: CliSandbox;
  let child: ChildProcess;
  let port = 0;
  let stderr = () => '';

  before(async () => {
    sb = cliSandbox();
    assert.equal(sb.run(['init']).status, 0);
    const c = sb.run(['certs', 'init', '--dir', 'certs']);
    assert.equal(c.status, 0, c.stderr);
    assert.match(c.stdout, /not for production/);
    mkdirSync(sb.path('policies'));
    writeFileSync(sb.path('policies/allow.cedar'), '@id("test.tokenize") permit (principal, action == Cordon::Action::"tokenize", resource);\n');
    writeFileSync(sb.path('server.yaml'), [
      'listen: { host: 127.0.0.1, port: 0 }',
      'tls:',
      '  cert: certs/server.crt',
      '  key: { file: certs/server.key }',
      '  ca: certs/ca.crt',
      '  mtls: required',
      'policy: { dir: policies }',
      'limits: { bodyBytes: 65536 }',
      '',
    ].join('\n'));
    ({ child, port, stderr } = await startServe(sb));
  });
  after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    sb.cleanup();
  });

  it('certs init: keys are 0600', () => {
    for (const k of ['ca.key', 'server.key', 'client.key']) assert.equal(statSync(sb.path('certs', k)).mode & 0o777, 0o600);
  });

  it('refuses a config with an inline private key', () => {
    writeFileSync(sb.path('bad.yaml'), `listen: { host: 127.0.0.1, port: 0 }\ntls:\n  cert: certs/server.crt\n  key: "${readFileSync(sb.path('certs/server.key'), 'utf8').replace(/\n/g, '\\n')}"\n  mtls: "off"\n`);
    const r = sb.run(['serve', '--config', 'bad.yaml']);
    assert.equal(r.status, 3);
    assert.match(r.stderr, /inline/);
    assert.ok(!r.stderr.includes('PRIVATE KEY'));
  });

  it('serves over mutual TLS with the policy folder deciding', async () => {
    assert.equal((await post(port, sb, '/v1/healthz', undefined)).status, 200);
    const t = await post(port, sb, '/v1/tokenize', { namespace: 'crm.email', values: ['jane@example.com'] });
    assert.equal(t.status, 200, t.body);
    const d = await post(port, sb, '/v1/detokenize', { namespace: 'crm.email', tokens: JSON.parse(t.body).tokens }, { 'x-cordon-purpose': 'support' });
    assert.equal(d.status, 403);
    const m = await post(port, sb, '/metrics', undefined);
    assert.match(m.body, /cordon_authz_decisions_total\{action="detokenize",decision="deny"\} 1/);
  });

  it('SIGTERM: drains, exits 0, and the audit log holds the decisions and verifies', async () => {
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    assert.equal(code, 0, stderr());
    assert.match(stderr(), /stopped \(SIGTERM\)/);
    const show = sb.run(['audit', 'show', '--type', 'authz.decision', '--json']);
    assert.equal(show.status, 0, show.stderr);
    const events = show.stdout.trim().split('\n').map((l) => JSON.parse(l) as { principal: string; outcome: string; attributes: Record<string, string> });
    assert.ok(events.some((e) => e.outcome === 'success' && e.attributes['policies'] === 'test.tokenize' && e.principal === 'spiffe://cordon.dev/client'));
    assert.ok(events.some((e) => e.outcome === 'failure' && e.attributes['action'] === 'detokenize'));
    assert.ok(!show.stdout.includes('jane@example.com'));
    const v = sb.run(['audit', 'verify']);
    assert.equal(v.status, 0, v.stderr + v.stdout);
  });
});

describe('cordon serve with JWTs and API keys (mtls optional)', () => {
  let sb: CliSandbox;
  let srv: Awaited<ReturnType<typeof startServe>>;

  before(async () => {
    sb = cliSandbox();
    const i = sb.run(['init']);
    assert.equal(i.status, 0, i.stderr);
    const c = sb.run(['certs', 'init', '--dir', 'certs']);
    assert.equal(c.status, 0, c.stderr);
    const g = sb.run(['token', 'keygen']);
    assert.equal(g.status, 0, g.stderr);
    mkdirSync(sb.path('policies'));
    writeFileSync(sb.path('policies/allow.cedar'), '@id("test.tokenize") permit (principal, action == Cordon::Action::"tokenize", resource);\n');
    srv = await startServe(sb, [
      'listen: { host: 127.0.0.1, port: 0 }',
      'tls: { cert: certs/server.crt, key: { file: certs/server.key }, ca: certs/ca.crt, mtls: optional }',
      'auth:',
      '  jwt: { issuer: cordon, audience: cordon-api }',
      // Cache off (issue 15 item 4): a revocation must take effect on the next request.
      '  apiKeys: { store: ws/apikeys.db, cacheSeconds: 0 }',
      'policy: { dir: policies }',
      '',
    ].join('\n'));
  });
  after(async () => {
    if (srv.child.exitCode === null) {
      const done = new Promise((r) => srv.child.once('exit', r));
      srv.child.kill('SIGTERM');
      await done;
    }
    sb.cleanup();
  });

  const body = { namespace: 'crm.email', values: ['jane@example.com'] };

  it('a JWT from `cordon token issue` authenticates; a tampered one is 401', async () => {
    const t = sb.run(['token', 'issue', '--principal', 'svc:etl', '--roles', 'pipeline', '--ttl', '5m']);
    assert.equal(t.status, 0, t.stderr);
    const jwt = t.stdout.trim();
    const ok = await post(srv.port, sb, '/v1/tokenize', body, { authorization: `Bearer ${jwt}` }, false);
    assert.equal(ok.status, 200, ok.body);
    const parts = jwt.split('.');
    const tampered = `${parts[0]}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(parts[1]!, 'base64url').toString()), sub: 'admin' })).toString('base64url')}.${parts[2]}`;
    const bad = await post(srv.port, sb, '/v1/tokenize', body, { authorization: `Bearer ${tampered}` }, false);
    assert.equal(bad.status, 401);
    assert.ok(!bad.body.includes(parts[1]!));
  });

  it('issue 12: a signing key rotated in the key store is used without a restart; --drop-old cuts earlier tokens off', async () => {
    const issue = (who: string) => {
      const t = sb.run(['token', 'issue', '--principal', who, '--ttl', '5m']);
      assert.equal(t.status, 0, t.stderr);
      return t.stdout.trim();
    };
    const auth = async (jwt: string) => (await post(srv.port, sb, '/v1/tokenize', body, { authorization: `Bearer ${jwt}` }, false)).status;
    const before = issue('svc:before');
    const rot = sb.run(['token', 'rotate']);
    assert.equal(rot.status, 0, rot.stderr);
    const after = issue('svc:after');
    assert.notEqual(JSON.parse(Buffer.from(before.split('.')[0]!, 'base64url').toString()).kid, JSON.parse(Buffer.from(after.split('.')[0]!, 'base64url').toString()).kid);
    assert.equal(await auth(after), 200, 'the new version verifies at once');
    assert.equal(await auth(before), 200, 'the old version verifies until its set time');
    const drop = sb.run(['token', 'rotate', '--drop-old']);
    assert.equal(drop.status, 0, drop.stderr);
    const newest = issue('svc:newest');
    assert.equal(await auth(before), 401);
    assert.equal(await auth(after), 401);
    assert.equal(await auth(newest), 200);
  });

  it('an API key from `cordon apikey create` authenticates within its scopes', async () => {
    const k = sb.run(['apikey', 'create', '--principal', 'svc:scan', '--scopes', 'tokenize', '--json']);
    assert.equal(k.status, 0, k.stderr);
    const { key } = JSON.parse(k.stdout) as { key: string };
    assert.equal((await post(srv.port, sb, '/v1/tokenize', body, { 'x-api-key': key }, false)).status, 200);
    // Issue 12: docs/auth.md's `Authorization: Bearer ck_…` works too.
    assert.equal((await post(srv.port, sb, '/v1/tokenize', body, { authorization: `Bearer ${key}` }, false)).status, 200);
    assert.equal((await post(srv.port, sb, '/v1/tokenize', body, { authorization: `Bearer ${key.slice(0, -2)}xx` }, false)).status, 401);
    assert.equal((await post(srv.port, sb, '/v1/detect', { text: 'x' }, { 'x-api-key': key }, false)).status, 403);
    assert.equal((await post(srv.port, sb, '/v1/tokenize', body, { 'x-api-key': key.slice(0, -2) + 'xx' }, false)).status, 401);
  });

  it('auth.apiKeys.cacheSeconds: 0 — a key revoked with `cordon apikey revoke` is refused on the next request', async () => {
    const k = sb.run(['apikey', 'create', '--principal', 'svc:revoked', '--scopes', 'tokenize', '--json']);
    assert.equal(k.status, 0, k.stderr);
    const { id, key } = JSON.parse(k.stdout) as { id: string; key: string };
    // Verified once: with the default cache (2 s) it would now be served from memory.
    assert.equal((await post(srv.port, sb, '/v1/tokenize', body, { 'x-api-key': key }, false)).status, 200);
    const r = sb.run(['apikey', 'revoke', id]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal((await post(srv.port, sb, '/v1/tokenize', body, { 'x-api-key': key }, false)).status, 401);
  });

  it('no certificate and no credential: 401', async () => {
    assert.equal((await post(srv.port, sb, '/v1/tokenize', body, {}, false)).status, 401);
  });
});
