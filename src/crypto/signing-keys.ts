// Asymmetric signing keys in PEM files: the algorithm table for artifact signatures. PEM and DER
// parsing goes through node:crypto here so that no other folder touches a crypto library. Keys are
// passed around as DER (PKCS#8 private, SubjectPublicKeyInfo public) tagged with their algorithm.
// Signing: Ed25519 (RFC 8032) and ECDSA P-256 / P-384. Verification also accepts P-521, which the
// OpenSSF model-signing reference can produce. RSA and other key types are refused.
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { CordonError } from '../errors.js';
import { ecdsaGenerate, ecdsaSign, ecdsaVerify, type EcdsaCurve } from './ecdsa.js';
import { ed25519Generate, ed25519PublicKey, ed25519Sign, ed25519Verify } from './ed25519.js';

const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * One row per algorithm: the Sigstore `PublicKeyDetails` name (protobuf-specs) and whether Cordon
 * creates keys of this kind.
 */
export const SIGNATURE_ALGORITHMS = {
  'ed25519': { sigstore: 'PKIX_ED25519', curve: undefined, generate: true },
  'ecdsa-p256': { sigstore: 'PKIX_ECDSA_P256_SHA_256', curve: 'P-256', generate: true },
  'ecdsa-p384': { sigstore: 'PKIX_ECDSA_P384_SHA_384', curve: 'P-384', generate: true },
  'ecdsa-p521': { sigstore: 'PKIX_ECDSA_P521_SHA_512', curve: 'P-521', generate: false },
} as const satisfies Record<string, { sigstore: string; curve: EcdsaCurve | undefined; generate: boolean }>;

export type SignatureAlgorithm = keyof typeof SIGNATURE_ALGORITHMS;

export interface PublicSigningKey {
  readonly alg: SignatureAlgorithm;
  /** SubjectPublicKeyInfo DER. */
  readonly spki: Uint8Array;
}

export interface PrivateSigningKey {
  readonly alg: SignatureAlgorithm;
  /** PKCS#8 DER. Secret. */
  readonly pkcs8: Uint8Array;
  readonly publicKey: PublicSigningKey;
}

const CURVE_TO_ALG: Record<string, SignatureAlgorithm> = { prime256v1: 'ecdsa-p256', secp384r1: 'ecdsa-p384', secp521r1: 'ecdsa-p521' };

function algorithmOf(key: KeyObject): SignatureAlgorithm {
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519';
  if (key.asymmetricKeyType === 'ec') {
    const alg = CURVE_TO_ALG[key.asymmetricKeyDetails?.namedCurve ?? ''];
    if (alg) return alg;
  }
  throw new CordonError('ERR_CRYPTO_UNSUPPORTED', `unsupported signing key type (${key.asymmetricKeyType ?? 'unknown'}${key.asymmetricKeyDetails?.namedCurve ? ` ${key.asymmetricKeyDetails.namedCurve}` : ''}); use Ed25519 or ECDSA P-256/P-384`);
}

/** Parses a PEM public key (`BEGIN PUBLIC KEY`, SPKI). A PEM private key yields its public half. */
export function parsePublicKeyPem(pem: string): PublicSigningKey {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw new CordonError('ERR_INPUT_INVALID', 'not a PEM public key');
  }
  return { alg: algorithmOf(key), spki: new Uint8Array(key.export({ format: 'der', type: 'spki' })) };
}

/** Parses an unencrypted PEM private key (PKCS#8, or SEC1 `EC PRIVATE KEY`). */
export function parsePrivateKeyPem(pem: string): PrivateSigningKey {
  if (/ENCRYPTED/.test(pem)) throw new CordonError('ERR_INPUT_INVALID', 'encrypted PEM private keys are not supported; protect the key file with file permissions (mode 0600)');
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new CordonError('ERR_INPUT_INVALID', 'not a PEM private key');
  }
  const alg = algorithmOf(key);
  return {
    alg,
    pkcs8: new Uint8Array(key.export({ format: 'der', type: 'pkcs8' })),
    publicKey: { alg, spki: new Uint8Array(createPublicKey(key).export({ format: 'der', type: 'spki' })) },
  };
}

function toPem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${b64.replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;
}

/** The SPKI PEM of a public key, byte for byte as OpenSSL (and Python `cryptography`) write it. */
export function publicKeyPem(key: PublicSigningKey): string {
  return toPem('PUBLIC KEY', key.spki);
}

/** The PKCS#8 PEM of a private key. */
export function privateKeyPem(key: PrivateSigningKey): string {
  return toPem('PRIVATE KEY', key.pkcs8);
}

/** `sha256:<hex>` of the SubjectPublicKeyInfo DER: how policies name a key. */
export function keyFingerprint(key: PublicSigningKey): string {
  return `sha256:${createHash('sha256').update(key.spki).digest('hex')}`;
}

/** Creates a new signing key. */
export function generateSigningKey(alg: SignatureAlgorithm): PrivateSigningKey {
  const row = SIGNATURE_ALGORITHMS[alg];
  if (!row.generate) throw new CordonError('ERR_CRYPTO_UNSUPPORTED', `Cordon does not create ${alg} keys; use ed25519, ecdsa-p256 or ecdsa-p384`);
  if (row.curve === undefined) {
    const kp = ed25519Generate();
    return { alg, pkcs8: Buffer.concat([ED25519_PKCS8_PREFIX, kp.seed]), publicKey: { alg, spki: Buffer.concat([ED25519_SPKI_PREFIX, kp.publicKey]) } };
  }
  const kp = ecdsaGenerate(row.curve);
  return { alg, pkcs8: kp.pkcs8, publicKey: { alg, spki: kp.spki } };
}

/** The Ed25519 signing key whose RFC 8032 seed is `seed` (32 bytes), e.g. one unwrapped from the key store. */
export function ed25519SigningKeyFromSeed(seed: Uint8Array): PrivateSigningKey {
  if (seed.length !== 32) throw new CordonError('ERR_INPUT_INVALID', 'an Ed25519 seed is 32 bytes');
  return {
    alg: 'ed25519', pkcs8: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    publicKey: { alg: 'ed25519', spki: Buffer.concat([ED25519_SPKI_PREFIX, ed25519PublicKey(seed)]) },
  };
}

/** The 32-byte seed of an Ed25519 signing key (a copy: the caller wipes it); other algorithms are refused. */
export function ed25519SeedOfSigningKey(key: PrivateSigningKey): Uint8Array {
  const seed = key.alg === 'ed25519' ? stripPrefix(key.pkcs8, ED25519_PKCS8_PREFIX) : undefined;
  if (seed === undefined) throw new CordonError('ERR_CRYPTO_UNSUPPORTED', `expected an Ed25519 key, got ${key.alg}`);
  return Uint8Array.from(seed);
}

function stripPrefix(der: Uint8Array, prefix: Buffer): Uint8Array | undefined {
  if (der.length !== prefix.length + 32 || !Buffer.from(der.subarray(0, prefix.length)).equals(prefix)) return undefined;
  return der.subarray(prefix.length);
}

/** Signs `message`: Ed25519 (64 bytes) or ECDSA with the curve's hash (DER). */
export function signMessage(key: PrivateSigningKey, message: Uint8Array): Uint8Array {
  const curve = SIGNATURE_ALGORITHMS[key.alg].curve;
  if (curve !== undefined) return ecdsaSign(curve, key.pkcs8, message);
  const seed = stripPrefix(key.pkcs8, ED25519_PKCS8_PREFIX);
  if (!seed) throw new TypeError('signMessage: malformed Ed25519 PKCS#8 key');
  return ed25519Sign(seed, message);
}

/** Verifies a signature made by `signMessage` (or the model-signing reference); never throws. */
export function verifyMessage(key: PublicSigningKey, message: Uint8Array, signature: Uint8Array): boolean {
  const curve = SIGNATURE_ALGORITHMS[key.alg].curve;
  if (curve !== undefined) return ecdsaVerify(curve, key.spki, message, signature);
  const pub = stripPrefix(key.spki, ED25519_SPKI_PREFIX);
  return pub !== undefined && ed25519Verify(pub, message, signature);
}
