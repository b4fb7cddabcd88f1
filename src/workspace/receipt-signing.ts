// The key that signs erasure receipts (`cordon erase`), kept like every other key: an Ed25519 seed
// in the workspace key store (`cordon-receipt-signing`, purpose `receipt-signing`), wrapped by the
// master key (or the HSM), versioned, in keys.db or the shared PostgreSQL store alike. A copy of the
// workspace (a backup) therefore cannot forge a receipt. Verifiers get the public keys: every
// enabled version's, derived from the store, or one exported with `cordon receipt public-key`.
// Earlier builds kept the key in plaintext at erasure/receipt-signing.pem; while that file is in
// the workspace, signing refuses (ERR_SIGNING_KEY_PLAINTEXT) until `cordon receipt migrate-key`
// imports it, so the operator learns it sat in plaintext (and maybe in backups).
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { ed25519SeedOfSigningKey, ed25519SigningKeyFromSeed, keyFingerprint, type PrivateSigningKey, type PublicSigningKey } from '../crypto/signing-keys.js';
import { CordonError, isCordonError } from '../errors.js';
import type { KeyInfo } from '../keys/keyring.js';
import type { Workspace } from './workspace.js';

/** The key store name of the receipt signing key (purpose `receipt-signing`). */
export const RECEIPT_SIGNING_KEY_NAME = 'cordon-receipt-signing';
/** Where earlier builds left the plaintext key, relative to the workspace folder. */
export const LEGACY_RECEIPT_KEY_FILE = join('erasure', 'receipt-signing.pem');

/** Whether the workspace still holds the plaintext key of earlier builds (any entry of that name counts). */
export function hasLegacyReceiptKey(home: string): boolean {
  try {
    lstatSync(join(home, LEGACY_RECEIPT_KEY_FILE));
    return true;
  } catch {
    return false;
  }
}

function refuseLegacy(ws: Workspace): void {
  if (hasLegacyReceiptKey(ws.home)) {
    throw new CordonError('ERR_SIGNING_KEY_PLAINTEXT', `${join(ws.home, LEGACY_RECEIPT_KEY_FILE)} is an unencrypted receipt signing key; move it into the key store with \`cordon receipt migrate-key\` (docs/erasure.md)`);
  }
}

async function existing(ws: Workspace): Promise<KeyInfo | undefined> {
  try {
    const info = await ws.keyring.show(RECEIPT_SIGNING_KEY_NAME);
    if (info.purpose !== 'receipt-signing') {
      throw new CordonError('ERR_KEY_EXISTS', `the key store holds a ${info.purpose} key named ${RECEIPT_SIGNING_KEY_NAME}, a name Cordon needs for its receipt signing key; move that key's data to another key first`);
    }
    return info;
  } catch (e) {
    if (isCordonError(e, 'ERR_KEY_NOT_FOUND')) return undefined;
    throw e;
  }
}

/**
 * The primary version's signing key, unwrapped into memory; created on first use (another process
 * creating it at the same time is fine: its key is used).
 */
export async function receiptSigningKey(ws: Workspace): Promise<PrivateSigningKey> {
  refuseLegacy(ws);
  if ((await existing(ws)) === undefined) {
    try {
      await ws.keyring.create(RECEIPT_SIGNING_KEY_NAME, { purpose: 'receipt-signing' });
    } catch (e) {
      if (!isCordonError(e, 'ERR_KEY_EXISTS')) throw e;
      await existing(ws);
    }
  }
  const { material } = await ws.keyring.primaryMaterial(RECEIPT_SIGNING_KEY_NAME, 'receipt-signing');
  try {
    return ed25519SigningKeyFromSeed(material);
  } finally {
    material.fill(0);
  }
}

/** The public key of every enabled version, newest first (empty before the first erasure). */
export async function receiptVerificationKeys(ws: Workspace): Promise<{ version: number; key: PublicSigningKey }[]> {
  const info = await existing(ws);
  if (info === undefined) return [];
  const out: { version: number; key: PublicSigningKey }[] = [];
  for (const v of [...info.versions].sort((a, b) => b.version - a.version)) {
    if (v.state !== 'enabled') continue;
    const material = await ws.keyring.versionMaterial(RECEIPT_SIGNING_KEY_NAME, v.version, 'receipt-signing');
    try {
      out.push({ version: v.version, key: ed25519SigningKeyFromSeed(material).publicKey });
    } finally {
      material.fill(0);
    }
  }
  return out;
}

/**
 * Moves a plaintext receipt key (read by the caller from erasure/receipt-signing.pem) into the key
 * store as version 1, so receipts it signed keep verifying. When the store already holds this key
 * nothing is imported; when it holds a different one, ERR_KEY_EXISTS. The caller deletes the file.
 */
export async function importReceiptSigningKey(ws: Workspace, key: PrivateSigningKey): Promise<{ imported: boolean; fingerprint: string }> {
  const fingerprint = keyFingerprint(key.publicKey);
  const info = await existing(ws);
  if (info === undefined) {
    const seed = ed25519SeedOfSigningKey(key);
    try {
      await ws.keyring.create(RECEIPT_SIGNING_KEY_NAME, { purpose: 'receipt-signing', material: seed });
    } finally {
      seed.fill(0);
    }
    return { imported: true, fingerprint };
  }
  if ((await receiptVerificationKeys(ws)).some((v) => keyFingerprint(v.key) === fingerprint)) return { imported: false, fingerprint };
  throw new CordonError('ERR_KEY_EXISTS', 'the key store already holds a different receipt signing key; the file\'s key was not imported. Keep its public key (receipt-signing.pub.pem) to verify the receipts it signed, then delete the private key file');
}
