// The subject index's keyed commitment to a data subject id:
//   HMAC-SHA256(K, "cordon/erasure/subject/v1" ‖ 0x00 ‖ UTF-8(id))
// under the keyring's `subject-index` MAC key (version 1, never rotated: rotating it would lose
// every recorded subject). Whoever holds K can ask "where is subject X?"; the index alone tells
// nothing about who is in it. It is a different key from the audit log's commitment key, so the
// index and the log cannot be joined without both keys.
import { hmacSha256Each } from '../crypto/hmac.js';
import type { Keyring } from '../keys/keyring.js';

/** The keyring key the index commits under. */
export const SUBJECT_INDEX_KEY = 'subject-index';
const PREFIX = new TextEncoder().encode('cordon/erasure/subject/v1\0');

/** The subject-index key's material, creating the key (wrapped like every key) on first use. */
export async function subjectIndexKey(keyring: Keyring): Promise<Uint8Array> {
  await keyring.ensure(SUBJECT_INDEX_KEY, 'mac');
  return keyring.versionMaterial(SUBJECT_INDEX_KEY, 1, 'mac');
}

/** The 32-byte commitments of `ids`, in order. */
export function commitSubjects(key: Uint8Array, ids: readonly string[]): Uint8Array[] {
  return hmacSha256Each(key, PREFIX, ids);
}

/** One id's commitment. */
export function commitSubject(key: Uint8Array, id: string): Uint8Array {
  return commitSubjects(key, [id])[0]!;
}

export const hexOf = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
