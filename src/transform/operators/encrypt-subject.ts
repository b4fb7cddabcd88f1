// encrypt with `keyScope: subject` (issue 18 item 2): AES-256-GCM under the data subject's own key
// (src/erasure/subject-keys.ts makes, wraps and destroys it), so destroying that one key makes every
// copy of the subject's values unreadable — outputs, copies and backups alike. The ciphertext names
// the key by a random 16-byte key id, never the subject. AAD binds dataset, field and key id (STYLE
// pattern 4): a value moved to another field, dataset or subject fails to open. Output
// `encs_v1_` + base64url(key id ‖ nonce ‖ ciphertext ‖ tag). Every open failure is
// ERR_DECRYPTION_FAILED; a destroyed key is the caller's ERR_SUBJECT_ERASED (it knows which).
import { aesGcmOpen, aesGcmSeal, GCM_NONCE_LENGTH, randomBytes } from '../../crypto/index.js';
import { decryptionFailed } from '../../errors.js';
import type { OperatorContext } from '../types.js';
import { encodeParts, fromUtf8, parseVersionedToken, toBase64url, utf8 } from '../encoding.js';

export const SUBJECT_PREFIX = 'encs_';
/** Bytes of a subject key id. */
export const SUBJECT_KEY_ID_LENGTH = 16;
const FORMAT_VERSION = 1;

/** One subject's key as the operator takes it: its id (in every ciphertext) and its 32 bytes. */
export interface SubjectKey {
  readonly kid: Uint8Array;
  readonly material: Uint8Array;
}

type Where = Pick<OperatorContext, 'dataset' | 'field'>;

function aad(where: Where, kid: Uint8Array): Uint8Array {
  return encodeParts('cordon/encrypt-subject/v1', where.dataset, where.field, Buffer.from(kid).toString('hex'));
}

/** True when `value` has the shape of a subject-keyed ciphertext. */
export const isSubjectCiphertext = (value: string): boolean => value.startsWith(`${SUBJECT_PREFIX}v`);

/** @example sealForSubject('Ann', ctx, key) // 'encs_v1_…' (different every time) */
export function sealForSubject(value: string, where: Where, key: SubjectKey): string {
  if (key.kid.length !== SUBJECT_KEY_ID_LENGTH) throw new TypeError('sealForSubject: a subject key id is 16 bytes');
  const nonce = randomBytes(GCM_NONCE_LENGTH);
  const sealed = aesGcmSeal(key.material, nonce, utf8(value), aad(where, key.kid));
  const out = new Uint8Array(SUBJECT_KEY_ID_LENGTH + nonce.length + sealed.length);
  out.set(key.kid, 0);
  out.set(nonce, SUBJECT_KEY_ID_LENGTH);
  out.set(sealed, SUBJECT_KEY_ID_LENGTH + nonce.length);
  return `${SUBJECT_PREFIX}v${FORMAT_VERSION}_${toBase64url(out)}`;
}

/** The key id a ciphertext names (ERR_DECRYPTION_FAILED when it is not one). */
export function subjectKeyIdOf(token: string): Uint8Array {
  const { version, body } = parseVersionedToken(SUBJECT_PREFIX, token);
  if (version !== FORMAT_VERSION || body.length < SUBJECT_KEY_ID_LENGTH + GCM_NONCE_LENGTH) throw decryptionFailed();
  return body.slice(0, SUBJECT_KEY_ID_LENGTH);
}

/** The value sealed under `key`; any failure (other key, field, dataset, a changed byte) is ERR_DECRYPTION_FAILED. */
export function openForSubject(token: string, where: Where, key: SubjectKey): string {
  const { version, body } = parseVersionedToken(SUBJECT_PREFIX, token);
  if (version !== FORMAT_VERSION || body.length < SUBJECT_KEY_ID_LENGTH + GCM_NONCE_LENGTH) throw decryptionFailed();
  const kid = body.subarray(0, SUBJECT_KEY_ID_LENGTH);
  if (Buffer.compare(kid, key.kid) !== 0) throw decryptionFailed();
  const nonce = body.subarray(SUBJECT_KEY_ID_LENGTH, SUBJECT_KEY_ID_LENGTH + GCM_NONCE_LENGTH);
  return fromUtf8(aesGcmOpen(key.material, nonce, body.subarray(SUBJECT_KEY_ID_LENGTH + GCM_NONCE_LENGTH), aad(where, key.kid)));
}
