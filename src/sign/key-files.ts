// Signing keys as PEM files: the private key (PKCS#8, unencrypted, mode 0600, refused when group or
// others may read it) and its public key beside it as `<name>.pub.pem`. The workspace keyring holds
// symmetric keys only, so signing keys live in files (docs/signing.md).
import { statSync, readFileSync, rmSync } from 'node:fs';
import { checkOutput } from '../io/check-output.js';
import { writeFileAtomic } from '../io/write-file-atomic.js';
import { privateKeyPem, publicKeyPem, parsePrivateKeyPem, type PrivateSigningKey } from '../crypto/signing-keys.js';
import { CordonError } from '../errors.js';

/** `key.pem` → `key.pub.pem`; any other name gets `.pub.pem` appended. */
export function publicKeyPathFor(privatePath: string): string {
  return privatePath.endsWith('.pem') ? `${privatePath.slice(0, -4)}.pub.pem` : `${privatePath}.pub.pem`;
}

/** Reads a private signing key, refusing a file that group or others can read. */
export function readPrivateKeyFile(path: string): PrivateSigningKey {
  let mode: number;
  let text: string;
  try {
    mode = statSync(path).mode;
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CordonError('ERR_IO', `cannot read signing key ${path}`, { cause: e });
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new CordonError('ERR_SIGNING_KEY_INSECURE', `signing key ${path} is readable by group or others (mode ${(mode & 0o777).toString(8)}); run chmod 600 ${path}`);
  }
  return parsePrivateKeyPem(text);
}

/** Writes the key pair; refuses to replace existing files unless `overwrite`. Returns both paths. */
export function writeKeyPair(path: string, key: PrivateSigningKey, options: { overwrite?: boolean } = {}): { privatePath: string; publicPath: string } {
  const publicPath = publicKeyPathFor(path);
  const force = options.overwrite === true;
  if (!force) {
    // Both names are checked before either file is written, so a refusal leaves nothing.
    checkOutput(path, { force });
    checkOutput(publicPath, { force });
  }
  writeFileAtomic(path, privateKeyPem(key), { force, mode: 0o600 });
  try {
    writeFileAtomic(publicPath, publicKeyPem(key.publicKey), { force, mode: 0o644 });
  } catch (e) {
    rmSync(path, { force: true });
    throw e;
  }
  return { privatePath: path, publicPath };
}
