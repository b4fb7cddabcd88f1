// Key wrapping with AES-256-GCM: wrapped = nonce(12) ‖ ciphertext ‖ tag(16). The AAD names what is
// wrapped (key id, version, purpose) so a wrapped key moved to another slot fails to unwrap.
// Used for data keys under key versions and for key versions under a local master key.
import { aesGcmOpen, aesGcmSeal, GCM_NONCE_LENGTH } from './aes-gcm.js';
import { randomBytes } from './random.js';

export const WRAP_OVERHEAD = GCM_NONCE_LENGTH + 16;

export function wrapKey(kek: Uint8Array, key: Uint8Array, aad: Uint8Array): Uint8Array {
  const nonce = randomBytes(GCM_NONCE_LENGTH);
  const sealed = aesGcmSeal(kek, nonce, key, aad);
  const out = new Uint8Array(nonce.length + sealed.length);
  out.set(nonce, 0);
  out.set(sealed, nonce.length);
  return out;
}

/** Throws ERR_DECRYPTION_FAILED on a wrong KEK, wrong AAD or any change. */
export function unwrapKey(kek: Uint8Array, wrapped: Uint8Array, aad: Uint8Array): Uint8Array {
  return aesGcmOpen(kek, wrapped.subarray(0, GCM_NONCE_LENGTH), wrapped.subarray(GCM_NONCE_LENGTH), aad);
}
