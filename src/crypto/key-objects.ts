// Ed25519 keys as node:crypto KeyObjects, for libraries (jose) that take a KeyObject rather than
// raw bytes. Only this folder touches node:crypto; src/auth/ receives KeyObjects from here.
// Keys are Ed25519 only: anything else is refused, so a caller cannot hand an RSA or HMAC key to
// a verifier pinned to EdDSA.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { CordonError } from '../errors.js';

export type { KeyObject };

function requireEd25519(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new CordonError('ERR_CRYPTO_UNSUPPORTED', `${what} must be an Ed25519 key (got ${key.asymmetricKeyType ?? key.type})`);
  return key;
}

/** A new Ed25519 key pair from the OS CSPRNG. */
export function ed25519GenerateKeyObjects(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ed25519');
}

/** Parses a PKCS#8 PEM Ed25519 private key. */
export function ed25519PrivateKeyFromPem(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new CordonError('ERR_INPUT_INVALID', 'not a PEM private key');
  }
  return requireEd25519(key, 'the private key');
}

/** Parses an SPKI PEM Ed25519 public key (a private key PEM yields its public half). */
export function ed25519PublicKeyFromPem(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw new CordonError('ERR_INPUT_INVALID', 'not a PEM public key');
  }
  return requireEd25519(key, 'the public key');
}

/** The public half of an Ed25519 private key (or the key itself when already public). */
export function ed25519PublicKeyOf(key: KeyObject): KeyObject {
  requireEd25519(key, 'the key');
  return key.type === 'public' ? key : createPublicKey(key);
}

/** True when `key` is an Ed25519 KeyObject of the given type. */
export function isEd25519KeyObject(key: unknown, type: 'public' | 'private'): key is KeyObject {
  return typeof key === 'object' && key !== null && (key as KeyObject).type === type && (key as KeyObject).asymmetricKeyType === 'ed25519';
}

/** PKCS#8 PEM of a private key, SPKI PEM of a public key. */
export function keyObjectPem(key: KeyObject): string {
  return key.type === 'private' ? String(key.export({ format: 'pem', type: 'pkcs8' })) : String(key.export({ format: 'pem', type: 'spki' }));
}
