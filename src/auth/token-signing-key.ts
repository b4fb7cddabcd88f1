// The plaintext token-signing key of earlier Cordon versions: CORDON_HOME/token-signing-key.pem, an
// unencrypted PKCS#8 Ed25519 key. Anyone with a copy of the workspace (a backup) could mint tokens
// for any principal with it, so the key now lives in the key store, wrapped by the master key
// (workspace/token-signing.ts). This file only finds the old key, reads it once so `cordon token
// migrate` can move it into the key store, and removes it. It never creates one.
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ed25519PrivateKeyFromPem, type KeyObject } from '../crypto/index.js';
import { CordonError } from '../errors.js';

export const LEGACY_TOKEN_SIGNING_KEY_FILE = 'token-signing-key.pem';
/** A PEM Ed25519 private key is about 120 bytes; anything much larger is not one. */
const MAX_PEM_BYTES = 4096;

/** Where the old plaintext key would be. */
export function legacyTokenSigningKeyPath(home: string): string {
  return join(home, LEGACY_TOKEN_SIGNING_KEY_FILE);
}

/** Whether the workspace folder still holds the old plaintext key (any entry of that name counts). */
export function hasLegacyTokenSigningKey(home: string): boolean {
  try {
    lstatSync(legacyTokenSigningKeyPath(home));
    return true;
  } catch {
    return false;
  }
}

/**
 * The error every signing or verifying path raises while the plaintext key is in the workspace:
 * nothing uses it, and it is not silently moved (the operator must know it sat in plaintext, and
 * maybe in backups). `cordon token migrate` moves it into the key store.
 */
export function legacyTokenSigningKeyError(home: string): CordonError {
  return new CordonError('ERR_SIGNING_KEY_PLAINTEXT', `${legacyTokenSigningKeyPath(home)} is an unencrypted token signing key; move it into the key store with \`cordon token migrate\` (docs/auth.md)`);
}

/** Reads the old key (a regular file, not a symlink) for migration. */
export function readLegacyTokenSigningKey(home: string): KeyObject {
  const path = legacyTokenSigningKeyPath(home);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CordonError('ERR_KEY_NOT_FOUND', `there is no ${LEGACY_TOKEN_SIGNING_KEY_FILE} in ${home}: nothing to migrate`);
    throw new CordonError('ERR_IO', `cannot read ${path}: ${code === 'ELOOP' ? 'it is a symbolic link' : code ?? 'error'}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > MAX_PEM_BYTES) throw new CordonError('ERR_INPUT_INVALID', `${path} is not a PEM private key file`);
    return ed25519PrivateKeyFromPem(readFileSync(fd, 'utf8'));
  } finally {
    closeSync(fd);
  }
}

/** Deletes the old key file (after its key is in the key store). */
export function removeLegacyTokenSigningKey(home: string): void {
  try {
    unlinkSync(legacyTokenSigningKeyPath(home));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new CordonError('ERR_IO', `cannot remove ${legacyTokenSigningKeyPath(home)}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}
