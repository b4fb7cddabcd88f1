// The workspace's JWT signing key: one Ed25519 private key in CORDON_HOME/token-signing-key.pem
// (PKCS#8 PEM, mode 0600), created on first use with O_EXCL so two processes cannot both create
// one. A key file readable by group or others is refused (ERR_SIGNING_KEY_INSECURE), as for
// artifact signing keys. Rotation: move the file aside, let the next issue create a new one, and
// give verifiers both public keys until the old tokens have expired (docs/auth.md).
import { closeSync, existsSync, fstatSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ed25519GenerateKeyObjects, ed25519PrivateKeyFromPem, ed25519PublicKeyOf, keyObjectPem, type KeyObject } from '../crypto/index.js';
import { CordonError } from '../errors.js';

export const TOKEN_SIGNING_KEY_FILE = 'token-signing-key.pem';

function requireHome(home: string): void {
  if (!existsSync(join(home, 'config.json'))) throw new CordonError('ERR_WORKSPACE_MISSING', `no Cordon workspace at ${home}; run \`cordon init\` or set CORDON_HOME`);
}

function readKey(path: string): KeyObject {
  const fd = openSync(path, 'r');
  try {
    if ((fstatSync(fd).mode & 0o077) !== 0) throw new CordonError('ERR_SIGNING_KEY_INSECURE', `the token signing key ${path} is readable by group or others; run chmod 600 on it`);
    return ed25519PrivateKeyFromPem(readFileSync(fd, 'utf8'));
  } finally {
    closeSync(fd);
  }
}

/**
 * The workspace's token signing key, created on first use. `created` says whether this call made it.
 *
 * @example
 * ```ts
 * const { privateKey } = loadTokenSigningKey(resolveHome(), { create: true });
 * ```
 */
export function loadTokenSigningKey(home: string, options: { create?: boolean } = {}): { privateKey: KeyObject; publicKey: KeyObject; path: string; created: boolean } {
  requireHome(home);
  const path = join(home, TOKEN_SIGNING_KEY_FILE);
  if (!existsSync(path)) {
    if (options.create !== true) throw new CordonError('ERR_KEY_NOT_FOUND', `no token signing key at ${path}; run \`cordon token keygen\``);
    const { privateKey } = ed25519GenerateKeyObjects();
    let fd: number | undefined;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new CordonError('ERR_IO', `cannot create ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    if (fd !== undefined) {
      try {
        writeSync(fd, keyObjectPem(privateKey));
      } finally {
        closeSync(fd);
      }
      return { privateKey, publicKey: ed25519PublicKeyOf(privateKey), path, created: true };
    }
    // Another process created it first: use theirs.
  }
  const privateKey = readKey(path);
  return { privateKey, publicKey: ed25519PublicKeyOf(privateKey), path, created: false };
}

/** The public key verifiers need, from the workspace's signing key. */
export function loadTokenVerificationKey(home: string): KeyObject {
  return loadTokenSigningKey(home).publicKey;
}

/** Whether the workspace has a token signing key yet. */
export function hasTokenSigningKey(home: string): boolean {
  try {
    return statSync(join(home, TOKEN_SIGNING_KEY_FILE)).isFile();
  } catch {
    return false;
  }
}
