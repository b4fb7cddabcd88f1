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

// RFC 8410 §7: an Ed25519 PKCS#8 private key is this fixed prefix followed by the 32-byte seed.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The key pair of a 32-byte Ed25519 seed (RFC 8032 §5.1.5), for keys kept wrapped in the key store
 * and unwrapped into memory only.
 */
export function ed25519KeyObjectsFromSeed(seed: Uint8Array): { privateKey: KeyObject; publicKey: KeyObject } {
  if (!(seed instanceof Uint8Array) || seed.length !== 32) throw new TypeError('an Ed25519 seed is 32 bytes');
  const der = Buffer.concat([PKCS8_ED25519_PREFIX, seed]);
  try {
    const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    return { privateKey, publicKey: createPublicKey(privateKey) };
  } finally {
    der.fill(0);
  }
}

/** The 32-byte seed of an Ed25519 private key (to move a key into the key store). Secret: zero it after use. */
export function ed25519SeedOf(privateKey: KeyObject): Uint8Array {
  if (!isEd25519KeyObject(privateKey, 'private')) throw new CordonError('ERR_CRYPTO_UNSUPPORTED', 'the key must be an Ed25519 private key');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  try {
    if (der.length !== PKCS8_ED25519_PREFIX.length + 32 || !der.subarray(0, PKCS8_ED25519_PREFIX.length).equals(PKCS8_ED25519_PREFIX)) {
      throw new CordonError('ERR_CRYPTO_UNSUPPORTED', 'the Ed25519 private key has an unexpected PKCS#8 encoding');
    }
    return new Uint8Array(der.subarray(PKCS8_ED25519_PREFIX.length));
  } finally {
    der.fill(0);
  }
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
