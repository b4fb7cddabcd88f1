// AES-GCM (NIST SP 800-38D) over node:crypto (OpenSSL). Cordon accepts only 96-bit nonces and full
// 128-bit tags: other IV sizes go through GHASH and other tag sizes weaken forgery bounds, so they
// are refused with ERR_CRYPTO_UNSUPPORTED rather than supported half-way. Every open failure is the
// one ERR_DECRYPTION_FAILED, whatever the cause.
import { createCipheriv, createDecipheriv, type CipherGCMTypes } from 'node:crypto';
import { CordonError, decryptionFailed } from '../errors.js';

export const GCM_NONCE_LENGTH = 12;
export const GCM_TAG_LENGTH = 16;

function algorithm(key: Uint8Array): CipherGCMTypes {
  switch (key.length) {
    case 16: return 'aes-128-gcm';
    case 24: return 'aes-192-gcm';
    case 32: return 'aes-256-gcm';
    default: throw new CordonError('ERR_CRYPTO_UNSUPPORTED', `AES-GCM key must be 16, 24 or 32 bytes, got ${key.length}`);
  }
}

function checkNonce(nonce: Uint8Array): void {
  if (nonce.length !== GCM_NONCE_LENGTH) {
    throw new CordonError('ERR_CRYPTO_UNSUPPORTED', `AES-GCM nonce must be ${GCM_NONCE_LENGTH} bytes, got ${nonce.length}`);
  }
}

/** Encrypts and authenticates; returns ciphertext ‖ 16-byte tag. */
export function aesGcmSeal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): Uint8Array {
  const alg = algorithm(key);
  checkNonce(nonce);
  const c = createCipheriv(alg, key, nonce, { authTagLength: GCM_TAG_LENGTH });
  if (aad !== undefined && aad.length > 0) c.setAAD(aad);
  const out = new Uint8Array(plaintext.length + GCM_TAG_LENGTH);
  const body = c.update(plaintext);
  out.set(body, 0);
  const fin = c.final();
  out.set(fin, body.length);
  out.set(c.getAuthTag(), body.length + fin.length);
  return out;
}

/** Verifies and decrypts ciphertext ‖ tag; throws ERR_DECRYPTION_FAILED on any mismatch. */
export function aesGcmOpen(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad?: Uint8Array): Uint8Array {
  const alg = algorithm(key);
  checkNonce(nonce);
  if (sealed.length < GCM_TAG_LENGTH) throw decryptionFailed();
  const ctLen = sealed.length - GCM_TAG_LENGTH;
  try {
    const d = createDecipheriv(alg, key, nonce, { authTagLength: GCM_TAG_LENGTH });
    d.setAuthTag(sealed.subarray(ctLen));
    if (aad !== undefined && aad.length > 0) d.setAAD(aad);
    const out = new Uint8Array(ctLen);
    const body = d.update(sealed.subarray(0, ctLen));
    out.set(body, 0);
    const fin = d.final();
    out.set(fin, body.length);
    return out;
  } catch {
    throw decryptionFailed();
  }
}

/** One value to seal in a batch: its nonce (12 bytes), its text (sealed as UTF-8) and AAD. */
export interface GcmSealItem {
  readonly nonce: Uint8Array;
  readonly plaintext: string;
  readonly aad: Uint8Array;
}

/**
 * Seals each item: nonce ‖ ciphertext ‖ 16-byte tag, one buffer per item — the layout the token
 * vault stores. The same AES-256-GCM as aesGcmSeal, without the per-call intermediate copies
 * (the text is encrypted straight from its UTF-8 encoding); the key's length is checked once.
 */
export function aesGcmSealEach(key: Uint8Array, items: readonly GcmSealItem[]): Uint8Array[] {
  const alg = algorithm(key);
  const out = new Array<Uint8Array>(items.length);
  for (let i = 0; i < items.length; i++) {
    const { nonce, plaintext, aad } = items[i]!;
    checkNonce(nonce);
    const c = createCipheriv(alg, key, nonce, { authTagLength: GCM_TAG_LENGTH });
    if (aad.length > 0) c.setAAD(aad);
    const body = c.update(plaintext, 'utf8');
    c.final(); // GCM is a stream mode: final() emits nothing and computes the tag
    const sealed = Buffer.allocUnsafe(GCM_NONCE_LENGTH + body.length + GCM_TAG_LENGTH);
    sealed.set(nonce, 0);
    sealed.set(body, GCM_NONCE_LENGTH);
    sealed.set(c.getAuthTag(), GCM_NONCE_LENGTH + body.length);
    out[i] = sealed;
  }
  return out;
}
