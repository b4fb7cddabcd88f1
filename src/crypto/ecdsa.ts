// ECDSA over the NIST curves (FIPS 186-5) with node:crypto. Signatures are ASN.1 DER
// (SEQUENCE { r INTEGER, s INTEGER }), the encoding DSSE envelopes and Sigstore bundles carry.
// The hash follows the curve, as the OpenSSF model-signing reference does: P-256 → SHA-256,
// P-384 → SHA-384, P-521 → SHA-512. Verification never throws on malformed input: it returns false.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';

/** Curve name → OpenSSL curve and the hash it is used with. One row per supported curve. */
export const ECDSA_CURVES = {
  'P-256': { openssl: 'prime256v1', hash: 'sha256' },
  'P-384': { openssl: 'secp384r1', hash: 'sha384' },
  'P-521': { openssl: 'secp521r1', hash: 'sha512' },
} as const;

export type EcdsaCurve = keyof typeof ECDSA_CURVES;

export interface EcdsaKeyPair {
  /** PKCS#8 DER private key. Secret. */
  readonly pkcs8: Uint8Array;
  /** SubjectPublicKeyInfo DER public key. */
  readonly spki: Uint8Array;
}

/** Generates a key pair on `curve`. */
export function ecdsaGenerate(curve: EcdsaCurve): EcdsaKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: ECDSA_CURVES[curve].openssl });
  return {
    pkcs8: new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' })),
    spki: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })),
  };
}

/** Signs `message` (hashing it with the curve's hash); returns a DER signature. */
export function ecdsaSign(curve: EcdsaCurve, pkcs8: Uint8Array, message: Uint8Array): Uint8Array {
  const key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== ECDSA_CURVES[curve].openssl) {
    throw new TypeError(`ecdsaSign: key is not an ECDSA ${curve} key`);
  }
  return new Uint8Array(sign(ECDSA_CURVES[curve].hash, message, { key, dsaEncoding: 'der' }));
}

/** Verifies a DER signature; false for a wrong curve, a malformed key or signature, never a throw. */
export function ecdsaVerify(curve: EcdsaCurve, spki: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== ECDSA_CURVES[curve].openssl) return false;
    return verify(ECDSA_CURVES[curve].hash, message, { key, dsaEncoding: 'der' }, signature);
  } catch {
    return false;
  }
}
