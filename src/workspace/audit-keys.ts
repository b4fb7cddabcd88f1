// The workspace's audit key: 32 random bytes wrapped by the master key in CORDON_HOME/audit-key.json
// (AAD "cordon/audit-key/v1"). Two keys are derived from it with HKDF-SHA256 and never stored:
// the Ed25519 seed that signs audit checkpoints, and the MAC key of subject commitments. It is
// not a keyring key, so it never shows in `cordon keys list` and cannot be rotated by mistake.
import { existsSync, linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ed25519NoteSigner, type NoteSigner, type NoteVerifier } from '../audit/signed-note.js';
import { noteKeyId } from '../audit/signed-note.js';
import { ed25519PublicKey } from '../crypto/ed25519.js';
import { hkdfSha256 } from '../crypto/hkdf.js';
import { randomBytes } from '../crypto/random.js';
import { CordonError } from '../errors.js';
import type { KekProvider } from '../keys/kek/provider.js';

export const AUDIT_KEY_FILE = 'audit-key.json';
const AAD = new TextEncoder().encode('cordon/audit-key/v1');
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

export interface AuditKeys {
  /** Signs checkpoints of the log named `origin`. */
  signer(origin: string): NoteSigner;
  /** The matching trusted verifier. */
  verifier(origin: string): NoteVerifier;
  /** MAC key for `subjectCommitment()`. Secret. */
  readonly commitmentKey: Uint8Array;
}

/** Creates the wrapped audit key file unless it exists (first writer wins across processes). */
export async function ensureAuditKey(home: string, kek: KekProvider): Promise<void> {
  const path = join(home, AUDIT_KEY_FILE);
  if (existsSync(path)) return;
  const material = randomBytes(32);
  const wrapped = await kek.wrap(material, AAD);
  material.fill(0);
  const tmp = join(home, `.${AUDIT_KEY_FILE}.tmp-${process.pid}-${Date.now()}`);
  writeFileSync(tmp, JSON.stringify({ version: 1, kekId: kek.id, wrapped: Buffer.from(wrapped).toString('base64') }) + '\n', { mode: 0o600 });
  try {
    linkSync(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new CordonError('ERR_IO', `cannot write ${path}`, { cause: e });
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Unwraps the audit key (creating it on first use) and derives the signing and commitment keys. */
export async function loadAuditKeys(home: string, kek: KekProvider): Promise<AuditKeys> {
  await ensureAuditKey(home, kek);
  const path = join(home, AUDIT_KEY_FILE);
  let wrapped: Uint8Array;
  try {
    const o = JSON.parse(readFileSync(path, 'utf8')) as { version?: unknown; wrapped?: unknown };
    if (o.version !== 1 || typeof o.wrapped !== 'string') throw new Error('shape');
    wrapped = new Uint8Array(Buffer.from(o.wrapped, 'base64'));
  } catch (e) {
    throw new CordonError('ERR_WORKSPACE_INVALID', `${path} is not an audit key file`, { cause: e });
  }
  const material = await kek.unwrap(wrapped, AAD);
  const seed = hkdfSha256(material, undefined, enc('cordon/audit/checkpoint-ed25519/v1'), 32);
  const commitmentKey = hkdfSha256(material, undefined, enc('cordon/audit/subject-commitment/v1'), 32);
  material.fill(0);
  const publicKey = ed25519PublicKey(seed);
  return {
    signer: (origin) => ed25519NoteSigner(origin, seed, publicKey),
    verifier: (origin) => ({ name: origin, keyId: noteKeyId(origin, publicKey), publicKey }),
    commitmentKey,
  };
}
