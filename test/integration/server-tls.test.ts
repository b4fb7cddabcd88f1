// The API over real TLS on 127.0.0.1 with certificates from `certs init` (openssl): TLS 1.3 only,
// mutual TLS required and optional, the client certificate naming the principal, and the attack
// cases of issue 6 that need a socket (no certificate, an unknown CA, a TLS 1.2 client).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:tls';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { tempDir, tempKeyring, type TempKeyring } from '../helpers/keyring.js';
import { TokenVault } from '../../src/vault/vault.js';
import { SqliteVaultStore } from '../../src/vault/store/sqlite.js';
import { DEFAULT_RECOGNIZERS } from '../../src/detect/registry.js';
import { createDevCerts, type DevCerts } from '../../src/server/certs.js';
import { buildServer, type CordonServer, type MtlsMode, type ServerOptions } from '../../src/server/app.js';
import type { Authorizer, AuthzRequest } from '../../src/server/authorize.js';

const SECRET = 'jane.doe@example.com';

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }

class RecordingAuthorizer implements Authorizer {
  readonly seen: AuthzRequest[] = [];
  authorize(r: AuthzRequest) {
    this.seen.push(r);
    const allowed = r.action !== 'detokenize' || r.context.purpose === 'support';
    return { allowed, policies: [allowed ? 'permit-all' : 'forbid-detokenize'], errors: [] };
  }
}

describe('server over TLS', () => {
  let certs: DevCerts;
  let rogue: DevCerts;
  let tk: TempKeyring;
  let vault: TokenVault;
  const authz = new RecordingAuthorizer();
  const servers: CordonServer[] = [];

  async function start(mtls: MtlsMode, options: ServerOptions = {}): Promise<number> {
    const s = buildServer({ keyring: tk.keyring, audit: tk.audit, vault, recognizers: DEFAULT_RECOGNIZERS }, {
      tls: { cert: readFileSync(certs.serverCert), key: readFileSync(certs.serverKey), ca: readFileSync(certs.ca), mtls },
      authorizer: authz,
      authenticators: { apiKey: async (k) => { if (k !== 'ck_test') throw new Error('no'); return { id: 'svc:etl', roles: [], attributes: {}, via: 'apikey' }; } },
      ...options,
    });
    servers.push(s);
    await s.app.listen({ host: '127.0.0.1', port: 0 });
    return (s.app.server.address() as AddressInfo).port;
  }

  function call(port: number, method: string, path: string, o: { body?: string | object; headers?: Record<string, string>; client?: DevCerts | null } = {}): Promise<Reply> {
    const client = o.client === undefined ? certs : o.client;
    const body = o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
    return new Promise((resolve, reject) => {
      const req = httpsRequest({
        host: '127.0.0.1', port, method, path, servername: 'localhost', ca: readFileSync(certs.ca), agent: false,
        ...(client ? { cert: readFileSync(client.clientCert), key: readFileSync(client.clientKey) } : {}),
        headers: { ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}), ...o.headers },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  before(async () => {
    certs = createDevCerts(join(tempDir('cordon-certs-'), 'certs'));
    rogue = createDevCerts(join(tempDir('cordon-rogue-'), 'certs'), { clientId: 'spiffe://evil.example/admin' });
    tk = await tempKeyring();
    vault = await TokenVault.open(SqliteVaultStore.open(join(tk.dir, 'vault.db')), tk.keyring);
  });
  after(async () => {
    for (const s of servers) await s.app.close();
    await vault.close();
    await tk.cleanup();
  });

  it('certs init writes private keys mode 0600 and the expected names', () => {
    for (const k of [certs.caKey, certs.serverKey, certs.clientKey]) assert.equal(statSync(k).mode & 0o777, 0o600);
    assert.match(readFileSync(certs.clientCert, 'utf8'), /BEGIN CERTIFICATE/);
  });

  describe('mtls required', () => {
    let port: number;
    before(async () => { port = await start('required', { limits: { ratePerSecond: 1, burst: 30 } }); });

    it('healthz over mutual TLS', async () => {
      const r = await call(port, 'GET', '/v1/healthz');
      assert.equal(r.status, 200);
      assert.deepEqual(JSON.parse(r.body), { status: 'ok' });
    });

    it('no client certificate: refused by TLS', async () => {
      await assert.rejects(call(port, 'GET', '/v1/healthz', { client: null }));
    });

    it('a client certificate from an unknown CA: refused by TLS', async () => {
      await assert.rejects(call(port, 'GET', '/v1/healthz', { client: rogue }));
    });

    it('a TLS 1.2 client: refused', async () => {
      await assert.rejects(new Promise<void>((resolve, reject) => {
        const s = connect({ host: '127.0.0.1', port, servername: 'localhost', ca: readFileSync(certs.ca), cert: readFileSync(certs.clientCert), key: readFileSync(certs.clientKey), minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' }, () => {
          s.end();
          resolve();
        });
        s.on('error', reject);
      }), /protocol version|unsupported protocol|wrong version/i);
    });

    it('tokenize → detokenize round trip; the certificate\'s SPIFFE id is the principal', async () => {
      const t = await call(port, 'POST', '/v1/tokenize', { body: { namespace: 'crm.email', values: [SECRET, 'other@example.org'] } });
      assert.equal(t.status, 200, t.body);
      const { tokens } = JSON.parse(t.body) as { tokens: string[] };
      assert.equal(authz.seen.at(-1)!.principal.id, 'spiffe://cordon.dev/client');
      const d = await call(port, 'POST', '/v1/detokenize', { body: { namespace: 'crm.email', tokens }, headers: { 'x-cordon-purpose': 'support' } });
      assert.equal(d.status, 200, d.body);
      assert.deepEqual(JSON.parse(d.body), { values: [SECRET, 'other@example.org'] });
    });

    it('a denied request: 403 and an audit event, no value in either', async () => {
      const t = await call(port, 'POST', '/v1/tokenize', { body: { namespace: 'crm.email', values: [SECRET] } });
      const [token] = (JSON.parse(t.body) as { tokens: string[] }).tokens;
      const n = tk.audit.events.length;
      const d = await call(port, 'POST', '/v1/detokenize', { body: { namespace: 'crm.email', tokens: [token], purpose: 'marketing' } });
      assert.equal(d.status, 403);
      assert.equal(JSON.parse(d.body).code, 'ERR_POLICY_DENIED');
      const ev = tk.audit.events.slice(n).find((e) => e.type === 'authz.decision' && e.outcome === 'failure');
      assert.ok(ev);
      assert.equal(ev.principal, 'spiffe://cordon.dev/client');
      assert.equal(ev.attributes!['policies'], 'forbid-detokenize');
      for (const s of [d.body, JSON.stringify(tk.audit.events)]) assert.ok(!s.includes(SECRET) && !s.includes(token!));
    });

    it('oversized body → 413; malformed JSON → 400; neither echoes input', async () => {
      const big = await call(port, 'POST', '/v1/tokenize', { body: { namespace: 'n', values: [SECRET + 'x'.repeat(2 * 1024 * 1024)] } });
      assert.equal(big.status, 413);
      assert.ok(!big.body.includes(SECRET));
      const bad = await call(port, 'POST', '/v1/tokenize', { body: `{"namespace":"n","values":["${SECRET}",]}` });
      assert.equal(bad.status, 400);
      assert.equal(JSON.parse(bad.body).code, 'ERR_INPUT_INVALID');
      assert.ok(!bad.body.includes(SECRET));
    });

    it('injection-like and traversal strings in every field are refused by schema, never echoed', async () => {
      for (const body of [
        { namespace: '../../etc/passwd', values: [SECRET] },
        { namespace: "n'; DROP TABLE tokens;--", values: [SECRET] },
        { namespace: 'n', values: [SECRET], __debug: '<script>' },
        { namespace: 'n', values: [{ $gt: '' }] },
      ]) {
        const r = await call(port, 'POST', '/v1/tokenize', { body });
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.ok(!r.body.includes(SECRET) && !r.body.includes('passwd') && !r.body.includes('DROP') && !r.body.includes('script'));
      }
      const k = await call(port, 'POST', '/v1/keys/..%2F..%2Fkeys.db/rotate');
      assert.equal(k.status, 400);
    });

    it('past the rate: 429 with Retry-After', async () => {
      let last: Reply | undefined;
      for (let i = 0; i < 40 && last?.status !== 429; i++) last = await call(port, 'GET', '/v1/keys');
      assert.equal(last!.status, 429);
      assert.ok(Number(last!.headers['retry-after']) >= 1);
      assert.equal(JSON.parse(last!.body).code, 'ERR_RATE_LIMITED');
    });
  });

  describe('mtls optional', () => {
    let port: number;
    before(async () => { port = await start('optional'); });

    it('no certificate and no credential: TLS accepts, the route says 401', async () => {
      const r = await call(port, 'GET', '/v1/keys', { client: null });
      assert.equal(r.status, 401);
      assert.equal(JSON.parse(r.body).code, 'ERR_UNAUTHENTICATED');
    });

    it('no certificate, an API key: authenticated as the key\'s principal', async () => {
      const r = await call(port, 'GET', '/v1/keys', { client: null, headers: { 'x-api-key': 'ck_test' } });
      assert.equal(r.status, 200);
      assert.equal(authz.seen.at(-1)!.principal.id, 'svc:etl');
    });

    it('a certificate from an unknown CA names no principal (falls to the other methods)', async () => {
      const r = await call(port, 'GET', '/v1/keys', { client: rogue });
      assert.equal(r.status, 401);
      assert.ok(!authz.seen.some((s) => s.principal.id.startsWith('spiffe://evil.example')));
    });
  });
});
