// Reads a trusted-signers YAML file and the public key files it names (paths relative to it).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parsePublicKeyPem, type PublicSigningKey } from '../crypto/signing-keys.js';
import { CordonError } from '../errors.js';
import { parseTrustedSigners, type TrustedSigners } from './trusted-signers.js';

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new CordonError('ERR_IO', `cannot read ${what} ${path}`, { cause: e });
  }
}

/** Reads a PEM public key file. */
export function readPublicKeyFile(path: string): PublicSigningKey {
  return parsePublicKeyPem(readText(path, 'public key'));
}

/** Loads the policy at `path`. */
export function loadTrustedSigners(path: string): TrustedSigners {
  const text = readText(path, 'trusted signers policy');
  if (text.length > 4 * 1024 * 1024) throw new CordonError('ERR_INPUT_INVALID', `trusted signers policy ${path} is larger than 4 MiB`);
  return parseTrustedSigners(text, (p) => readPublicKeyFile(resolve(dirname(path), p)));
}
