// principalFromCertificate: SPIFFE ID first, then DNS / email SAN, then CN; invalid SPIFFE IDs and
// certificates that name nobody are refused; Node's quoted SAN values are decoded.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PeerCertificate } from 'node:tls';
import { parseSpiffeId, principalFromCertificate } from '../../../src/auth/index.js';
import { parseSubjectAltName } from '../../../src/auth/principal-from-certificate.js';
import { assertRefused } from './helpers.js';

const refused = (cert: Parameters<typeof principalFromCertificate>[0]) => assertRefused((async () => principalFromCertificate(cert))(), undefined, 'no_identity');

describe('principalFromCertificate', () => {
  it('prefers the SPIFFE ID URI SAN over DNS, email and CN', () => {
    const p = principalFromCertificate({ subject: { CN: 'loader' }, subjectaltname: 'DNS:loader.prod.svc, URI:spiffe://prod.example/ns/etl/sa/loader, email:ops@example.com' });
    assert.deepEqual({ ...p }, { id: 'spiffe://prod.example/ns/etl/sa/loader', roles: [], via: 'mtls', attributes: { certificateName: 'uri', trustDomain: 'prod.example', spiffePath: '/ns/etl/sa/loader' } });
  });

  it('then the DNS SAN (lower-cased), then email, then the subject CN (object or X509Certificate string form)', () => {
    assert.equal(principalFromCertificate({ subjectaltname: 'URI:https://example.com/x, DNS:Loader.Prod.svc, email:a@b.c' }).id, 'loader.prod.svc');
    assert.equal(principalFromCertificate({ subjectaltname: 'email:ops@example.com' }).id, 'ops@example.com');
    assert.equal(principalFromCertificate({ subject: { CN: 'pipeline-7', O: 'Acme' } }).id, 'pipeline-7');
    const x509 = principalFromCertificate({ subject: 'C=DE\nO=Acme\nCN=pipeline-8', subjectAltName: undefined });
    assert.deepEqual([x509.id, x509.attributes['certificateName']], ['pipeline-8', 'cn']);
    assert.equal(principalFromCertificate({ subjectAltName: 'URI:spiffe://td/x' }).id, 'spiffe://td/x');
  });

  it('refuses invalid SPIFFE IDs rather than falling back to a weaker name', async () => {
    for (const uri of ['spiffe://Prod.Example/x', 'spiffe:///x', 'spiffe://td/a//b', 'spiffe://td/a/../b', 'spiffe://td/./b', 'spiffe://td/x?q=1', 'spiffe://td/x#f', 'spiffe://td/x/', `spiffe://td/${'a'.repeat(2100)}`]) {
      await refused({ subject: { CN: 'fallback' }, subjectaltname: `URI:${uri}` });
    }
  });

  it('refuses two SPIFFE IDs (an SVID has exactly one) and certificates naming nobody', async () => {
    await refused({ subjectaltname: 'URI:spiffe://td/a, URI:spiffe://td/b' });
    await refused({});
    await refused({ subject: { O: 'Acme' }, subjectaltname: 'IP Address:127.0.0.1' });
    await refused({ subject: { CN: ' ' } });
    await refused({ subject: 'CN=a\nCN=b' });
    await refused({ subjectaltname: 'DNS:*.example.com' });
  });

  it('decodes Node\'s quoted SAN values (a comma cannot inject a second name)', () => {
    assert.deepEqual(parseSubjectAltName('DNS:a.example, URI:"spiffe://td/x, URI:spiffe://evil/y", email:c@d.e'), [
      ['DNS', 'a.example'], ['URI', 'spiffe://td/x, URI:spiffe://evil/y'], ['email', 'c@d.e'],
    ]);
    // The quoted URI is one (invalid) SPIFFE ID, so the certificate is refused, never read as evil/y.
    assert.throws(() => principalFromCertificate({ subjectaltname: 'URI:"spiffe://td/x, URI:spiffe://evil/y"' }));
  });

  it('parseSpiffeId', () => {
    assert.deepEqual(parseSpiffeId('spiffe://example.org'), { trustDomain: 'example.org', path: '' });
    assert.deepEqual(parseSpiffeId('spiffe://example.org/a/b-c_d.e'), { trustDomain: 'example.org', path: '/a/b-c_d.e' });
    assert.equal(parseSpiffeId('http://example.org/a'), undefined);
    assert.equal(parseSpiffeId('spiffe://exa mple.org/a'), undefined);
  });
});

describe('principalFromCertificate with Node certificate objects', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-cert-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const openssl = (san: string | undefined): string | undefined => {
    const out = join(dir, `c${Math.random().toString(36).slice(2)}.pem`);
    const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'ed25519', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', out, '-days', '1', '-subj', '/O=Acme/CN=loader', ...(san ? ['-addext', `subjectAltName=${san}`] : [])], { stdio: 'ignore' });
    return r.status === 0 ? readFileSync(out, 'utf8') : undefined;
  };
  const hasOpenssl = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;

  it('reads an X509Certificate made by OpenSSL: SPIFFE ID, then DNS, then CN', { ...(hasOpenssl ? {} : { skip: 'openssl is not installed' }) }, () => {
    const spiffe = new X509Certificate(openssl('DNS:loader.svc,URI:spiffe://prod.example/ns/etl/sa/loader,email:ops@example.com')!);
    assert.equal(principalFromCertificate(spiffe).id, 'spiffe://prod.example/ns/etl/sa/loader');
    assert.equal(principalFromCertificate(new X509Certificate(openssl('DNS:loader.svc,email:ops@example.com')!)).id, 'loader.svc');
    const cn = principalFromCertificate(new X509Certificate(openssl(undefined)!));
    assert.deepEqual([cn.id, cn.attributes['certificateName']], ['loader', 'cn']);
  });

  it('accepts a TLS PeerCertificate as it is typed', () => {
    const asPeer = (c: PeerCertificate) => principalFromCertificate(c);
    assert.equal(asPeer({ subject: { CN: 'peer-1' }, subjectaltname: 'URI:spiffe://td/w' } as PeerCertificate).id, 'spiffe://td/w');
  });
});
