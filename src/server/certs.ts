// `cordon certs init`: a DEVELOPMENT certificate authority, a server certificate (SAN localhost and
// 127.0.0.1) and a client certificate (SAN URI spiffe://cordon.dev/client, CN client), made with
// the `openssl` command (Node cannot issue certificates). ECDSA P-256, 30 days by default; private
// keys are written mode 0600. Never use these in production: the CA key sits next to the certs.
// openssl works in a private folder (mkdtemp, 0700) inside `dir`; the files are then put in place
// through io/write-file-atomic.ts, so a symlink planted at ca.key or any other name is replaced,
// never written through, and an existing file is kept unless --force.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CordonError } from '../errors.js';
import { checkOutput } from '../io/check-output.js';
import { writeFileAtomic } from '../io/write-file-atomic.js';

export interface DevCertsOptions {
  /** Days the certificates stay valid (default 30). */
  readonly days?: number;
  /** The client certificate's SPIFFE id (default spiffe://cordon.dev/client). */
  readonly clientId?: string;
  /** The client certificate's CN (default client). */
  readonly clientName?: string;
  /** Replace existing files. */
  readonly force?: boolean;
}

export interface DevCerts {
  readonly dir: string;
  readonly ca: string;
  readonly caKey: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly clientCert: string;
  readonly clientKey: string;
}

const FILES = ['ca.crt', 'ca.key', 'server.crt', 'server.key', 'client.crt', 'client.key'] as const;

function openssl(args: string[], cwd: string): void {
  const r = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (r.error !== undefined) throw new CordonError('ERR_IO', `cannot run openssl: ${(r.error as NodeJS.ErrnoException).code ?? 'error'} (install the openssl command)`);
  if (r.status !== 0) throw new CordonError('ERR_INTERNAL', `openssl ${args[0]} failed: ${(r.stderr ?? '').split('\n')[0]}`);
}

/** Makes a private key (P-256, PKCS#8) in the private work folder. */
function key(dir: string, name: string): void {
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', name], dir);
}

/** Issues `name`.crt for `name`.key, signed by the CA, with the given extensions (in the work folder). */
function issue(dir: string, name: string, subject: string, ext: string, days: number): void {
  writeFileAtomic(join(dir, `${name}.ext`), ext);
  try {
    openssl(['req', '-new', '-key', `${name}.key`, '-subj', subject, '-out', `${name}.csr`], dir);
    openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', `0x${Date.now().toString(16)}${name === 'server' ? '01' : '02'}`,
      '-days', String(days), '-sha256', '-extfile', `${name}.ext`, '-out', `${name}.crt`], dir);
  } finally {
    rmSync(join(dir, `${name}.ext`), { force: true });
    rmSync(join(dir, `${name}.csr`), { force: true });
  }
}

/**
 * Creates the development CA and certificates in `dir` (created 0700 when missing).
 *
 * @example
 * ```ts
 * const c = createDevCerts('./certs');  // c.serverCert, c.clientKey, …
 * ```
 */
export function createDevCerts(dir: string, options: DevCertsOptions = {}): DevCerts {
  const days = options.days ?? 30;
  const clientId = options.clientId ?? 'spiffe://cordon.dev/client';
  const clientName = options.clientName ?? 'client';
  if (!Number.isInteger(days) || days < 1 || days > 825) throw new CordonError('ERR_USAGE', '--days must be a whole number from 1 to 825');
  if (!/^spiffe:\/\/[A-Za-z0-9.-]+(\/[A-Za-z0-9._-]+)*$/.test(clientId)) throw new CordonError('ERR_USAGE', 'the client id must be a spiffe://trust-domain/path URI');
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(clientName)) throw new CordonError('ERR_USAGE', 'the client name must be 1-64 letters, digits, ".", "_" or "-"');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Every name is checked first (a dangling symlink counts as existing), so a refusal writes nothing.
  for (const f of FILES) checkOutput(join(dir, f), { force: options.force === true });
  const work = mkdtempSync(join(dir, '.cordon-certs-'));
  try {
    makeAll(work, days, clientId, clientName);
    for (const f of FILES) writeFileAtomic(join(dir, f), readFileSync(join(work, f)), { force: options.force === true, mode: f.endsWith('.key') ? 0o600 : 0o644 });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return {
    dir, ca: join(dir, 'ca.crt'), caKey: join(dir, 'ca.key'), serverCert: join(dir, 'server.crt'), serverKey: join(dir, 'server.key'),
    clientCert: join(dir, 'client.crt'), clientKey: join(dir, 'client.key'),
  };
}

function makeAll(dir: string, days: number, clientId: string, clientName: string): void {
  key(dir, 'ca.key');
  openssl(['req', '-x509', '-new', '-key', 'ca.key', '-subj', '/O=Cordon development/CN=Cordon development CA', '-days', String(days), '-sha256',
    '-addext', 'basicConstraints=critical,CA:TRUE,pathlen:0', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', 'ca.crt'], dir);
  key(dir, 'server.key');
  issue(dir, 'server', '/O=Cordon development/CN=localhost',
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\n', days);
  key(dir, 'client.key');
  issue(dir, 'client', `/O=Cordon development/CN=${clientName}`,
    `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\nsubjectAltName=URI:${clientId}\n`, days);
}
