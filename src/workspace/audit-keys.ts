// The workspace's audit key: 32 random bytes wrapped by the master key (AAD "cordon/audit-key/v1"),
// in CORDON_HOME/audit-key.json or, for a shared workspace, in PostgreSQL. Three keys are derived from it with HKDF-SHA256 and never stored:
// the Ed25519 seed that signs audit checkpoints, the MAC key of subject commitments, and the MAC key
// of the audit anchor kept in the key store (audit/anchor/). It is
// not a keyring key, so it never shows in `cordon keys list` and cannot be rotated by mistake.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ed25519NoteSigner, type NoteSigner, type NoteVerifier } from '../audit/signed-note.js';
import { noteKeyId } from '../audit/signed-note.js';
import { ed25519PublicKey } from '../crypto/ed25519.js';
import { hkdfSha256 } from '../crypto/hkdf.js';
import { randomBytes } from '../crypto/random.js';
import { CordonError } from '../errors.js';
import { writeFileAtomic } from '../io/write-file-atomic.js';
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
  /** MAC key of the audit anchor record (audit/anchor/record.ts). Secret. */
  readonly anchorKey: Uint8Array;
}

/**
 * Where the wrapped audit key is kept: a file in CORDON_HOME, or a row of a shared (PostgreSQL)
 * workspace. Whichever process stores one first wins; every other process uses that one, so all
 * instances sign checkpoints of one log with one key.
 */
export interface AuditKeySlot {
  read(): Promise<string | undefined>;
  /** Stores `text` unless a key is stored already; returns what is stored. */
  createIfAbsent(text: string): Promise<string>;
}

/** The slot of a local workspace: CORDON_HOME/audit-key.json (mode 0600), created by link() so the first writer wins. */
export function fileAuditKeySlot(home: string): AuditKeySlot {
  const path = join(home, AUDIT_KEY_FILE);
  return {
    async read() {
      return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    },
    async createIfAbsent(text) {
      // Without force the file is linked into place, so the first writer wins atomically.
      try {
        writeFileAtomic(path, text, { force: false });
      } catch (e) {
        if (!(e instanceof CordonError && e.code === 'ERR_OUTPUT_EXISTS')) throw e;
      }
      return readFileSync(path, 'utf8');
    },
  };
}

/** Creates the wrapped audit key unless the slot holds one; returns the stored text. */
export async function ensureAuditKey(slot: AuditKeySlot, kek: KekProvider): Promise<string> {
  const existing = await slot.read();
  if (existing !== undefined) return existing;
  const material = randomBytes(32);
  const wrapped = await kek.wrap(material, AAD);
  material.fill(0);
  return slot.createIfAbsent(JSON.stringify({ version: 1, kekId: kek.id, wrapped: Buffer.from(wrapped).toString('base64') }) + '\n');
}

/** Unwraps the audit key (creating it on first use) and derives the signing and commitment keys. */
export async function loadAuditKeys(slot: AuditKeySlot, kek: KekProvider): Promise<AuditKeys> {
  const text = await ensureAuditKey(slot, kek);
  let wrapped: Uint8Array;
  try {
    const o = JSON.parse(text) as { version?: unknown; wrapped?: unknown };
    if (o.version !== 1 || typeof o.wrapped !== 'string') throw new Error('shape');
    wrapped = new Uint8Array(Buffer.from(o.wrapped, 'base64'));
  } catch (e) {
    throw new CordonError('ERR_WORKSPACE_INVALID', 'the stored audit key is not an audit key document', { cause: e });
  }
  const material = await kek.unwrap(wrapped, AAD);
  const seed = hkdfSha256(material, undefined, enc('cordon/audit/checkpoint-ed25519/v1'), 32);
  const commitmentKey = hkdfSha256(material, undefined, enc('cordon/audit/subject-commitment/v1'), 32);
  const anchorKey = hkdfSha256(material, undefined, enc('cordon/audit/anchor-mac/v1'), 32);
  material.fill(0);
  const publicKey = ed25519PublicKey(seed);
  return {
    signer: (origin) => ed25519NoteSigner(origin, seed, publicKey),
    verifier: (origin) => ({ name: origin, keyId: noteKeyId(origin, publicKey), publicKey }),
    commitmentKey,
    anchorKey,
  };
}
