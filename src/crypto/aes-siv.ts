// AES-SIV (RFC 5297) for deterministic authenticated encryption: the same key, associated data and
// plaintext always give the same ciphertext, which is what keeps joins working on protected columns.
// The implementation is @noble/ciphers' audited aessiv; this file fixes the API and the error shape.
import { aessiv } from '@noble/ciphers/aes.js';
import { CordonError, decryptionFailed } from '../errors.js';

export const SIV_TAG_LENGTH = 16;
const KEY_LENGTHS = new Set([32, 48, 64]);
/** RFC 5297 §2.6 allows 126 AD components; noble enforces the same bound. */
export const SIV_MAX_AD_COMPONENTS = 126;

function checkKey(key: Uint8Array): void {
  if (!KEY_LENGTHS.has(key.length)) {
    throw new CordonError('ERR_CRYPTO_UNSUPPORTED', `AES-SIV key must be 32, 48 or 64 bytes, got ${key.length}`);
  }
}

/** Returns V ‖ C (16-byte synthetic IV followed by the ciphertext). `ad` are the AD components in order. */
export function aesSivSeal(key: Uint8Array, plaintext: Uint8Array, ad: readonly Uint8Array[] = []): Uint8Array {
  checkKey(key);
  if (ad.length > SIV_MAX_AD_COMPONENTS) throw new CordonError('ERR_CRYPTO_UNSUPPORTED', 'AES-SIV: too many associated data components');
  return aessiv(key, ...ad).encrypt(plaintext);
}

/** Verifies and decrypts V ‖ C; throws ERR_DECRYPTION_FAILED on any mismatch. */
export function aesSivOpen(key: Uint8Array, sealed: Uint8Array, ad: readonly Uint8Array[] = []): Uint8Array {
  checkKey(key);
  if (ad.length > SIV_MAX_AD_COMPONENTS) throw new CordonError('ERR_CRYPTO_UNSUPPORTED', 'AES-SIV: too many associated data components');
  if (sealed.length < SIV_TAG_LENGTH) throw decryptionFailed();
  try {
    return aessiv(key, ...ad).decrypt(sealed);
  } catch {
    throw decryptionFailed();
  }
}
