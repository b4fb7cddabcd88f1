// The workspace's own signing keys, kept like every other key: Ed25519 seeds in the workspace key
// store, wrapped by the master key (or the HSM), versioned, in keys.db or the shared PostgreSQL
// store alike, so a copy of the workspace (a backup) cannot sign with them. Two roles:
//   - erasure receipts (`cordon erase`): `cordon-receipt-signing`, purpose `receipt-signing`;
//   - RAG chunk provenance (`cordon rag ingest`): `cordon-rag-provenance`, purpose
//     `provenance-signing` — with the key out of the workspace, someone who can edit the vector
//     store can no longer re-sign the chunks' tags.
// Verifiers get the public keys: every enabled version's, derived from the store. Earlier builds
// kept both keys as plaintext PEM files in the workspace; while such a file is there, signing
// refuses (ERR_SIGNING_KEY_PLAINTEXT) until the role's migrate command imports it, so the operator
// learns it sat in plaintext (and maybe in backups).
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { ed25519SeedOfSigningKey, ed25519SigningKeyFromSeed, keyFingerprint, type PrivateSigningKey, type PublicSigningKey } from '../crypto/signing-keys.js';
import { CordonError, isCordonError } from '../errors.js';
import type { KeyInfo } from '../keys/keyring.js';
import type { KeyPurpose } from '../keys/store/types.js';
import type { Workspace } from './workspace.js';

/** One signing job of the workspace. */
export interface SigningRole {
  /** The key store name. */
  readonly name: string;
  readonly purpose: Extract<KeyPurpose, 'receipt-signing' | 'provenance-signing'>;
  /** Where earlier builds left the plaintext key, relative to the workspace folder. */
  readonly legacyFile: string;
  /** The command that moves that file into the key store. */
  readonly migrateCommand: string;
  /** What the key signs, for messages. */
  readonly signs: string;
}

export const RECEIPT_SIGNING: SigningRole = {
  name: 'cordon-receipt-signing', purpose: 'receipt-signing', legacyFile: join('erasure', 'receipt-signing.pem'),
  migrateCommand: 'cordon receipt migrate-key', signs: 'erasure receipts',
};
export const PROVENANCE_SIGNING: SigningRole = {
  name: 'cordon-rag-provenance', purpose: 'provenance-signing', legacyFile: join('rag', 'signing-key.pem'),
  migrateCommand: 'cordon rag migrate-key', signs: 'RAG chunk provenance',
};

/** Whether the workspace still holds the role's plaintext key of earlier builds (any entry of that name counts). */
export function hasLegacySigningKey(home: string, role: SigningRole): boolean {
  try {
    lstatSync(join(home, role.legacyFile));
    return true;
  } catch {
    return false;
  }
}

function refuseLegacy(ws: Workspace, role: SigningRole): void {
  if (hasLegacySigningKey(ws.home, role)) {
    throw new CordonError('ERR_SIGNING_KEY_PLAINTEXT', `${join(ws.home, role.legacyFile)} is an unencrypted signing key for ${role.signs}; move it into the key store with \`${role.migrateCommand}\``);
  }
}

async function existing(ws: Workspace, role: SigningRole): Promise<KeyInfo | undefined> {
  let info: KeyInfo;
  try {
    info = await ws.keyring.show(role.name);
  } catch (e) {
    if (isCordonError(e, 'ERR_KEY_NOT_FOUND')) return undefined;
    throw e;
  }
  if (info.purpose !== role.purpose) {
    throw new CordonError('ERR_KEY_EXISTS', `the key store holds a ${info.purpose} key named ${role.name}, a name Cordon needs for the key that signs ${role.signs}; move that key's data to another key first`);
  }
  return info;
}

/**
 * The primary version's signing key, unwrapped into memory; created on first use (another process
 * creating it at the same time is fine: its key is used).
 */
export async function workspaceSigningKey(ws: Workspace, role: SigningRole): Promise<PrivateSigningKey> {
  refuseLegacy(ws, role);
  if ((await existing(ws, role)) === undefined) {
    try {
      await ws.keyring.create(role.name, { purpose: role.purpose });
    } catch (e) {
      if (!isCordonError(e, 'ERR_KEY_EXISTS')) throw e;
      await existing(ws, role);
    }
  }
  const { material } = await ws.keyring.primaryMaterial(role.name, role.purpose);
  try {
    return ed25519SigningKeyFromSeed(material);
  } finally {
    material.fill(0);
  }
}

/** The public key of every enabled version, newest first (empty before the key is first used). */
export async function workspaceVerificationKeys(ws: Workspace, role: SigningRole): Promise<PublicSigningKey[]> {
  const info = await existing(ws, role);
  if (info === undefined) return [];
  const out: PublicSigningKey[] = [];
  for (const v of [...info.versions].sort((a, b) => b.version - a.version)) {
    if (v.state !== 'enabled') continue;
    const material = await ws.keyring.versionMaterial(role.name, v.version, role.purpose);
    try {
      out.push(ed25519SigningKeyFromSeed(material).publicKey);
    } finally {
      material.fill(0);
    }
  }
  return out;
}

/**
 * Moves a plaintext key (read by the caller from the role's legacy file) into the key store as
 * version 1, so what it signed keeps verifying. When the store already holds this key nothing is
 * imported; when it holds a different one, ERR_KEY_EXISTS. The caller deletes the file.
 */
export async function importWorkspaceSigningKey(ws: Workspace, role: SigningRole, key: PrivateSigningKey): Promise<{ imported: boolean; fingerprint: string }> {
  const fingerprint = keyFingerprint(key.publicKey);
  const info = await existing(ws, role);
  if (info === undefined) {
    const seed = ed25519SeedOfSigningKey(key);
    try {
      await ws.keyring.create(role.name, { purpose: role.purpose, material: seed });
    } finally {
      seed.fill(0);
    }
    return { imported: true, fingerprint };
  }
  if ((await workspaceVerificationKeys(ws, role)).some((k) => keyFingerprint(k) === fingerprint)) return { imported: false, fingerprint };
  throw new CordonError('ERR_KEY_EXISTS', `the key store already holds a different key for ${role.signs}; the file's key was not imported. Keep its public key to verify what it signed, then delete the private key file`);
}
