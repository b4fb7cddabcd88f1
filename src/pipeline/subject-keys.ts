// The protect and reveal steps' hook for per-subject keys (`keyScope: subject`, issue 18 item 2):
// the pipeline asks for one key per data subject id (protect) or per key id named in a ciphertext
// (reveal), and gets plain key bytes back. src/erasure/subject-keys.ts implements both over the
// subject index's store; the pipeline never sees a wrapped key, a commitment or the store.
import type { SubjectKey } from '../transform/operators/encrypt-subject.js';

/** Protect's side: one key per subject of one scope (`<contract id>/<dataset>`). */
export interface SubjectKeySource {
  /**
   * The key of each id, in order, made (and wrapped, and stored) for a subject that has none yet.
   * An id whose key was destroyed is ERR_SUBJECT_ERASED.
   */
  keysFor(ids: readonly string[]): Promise<SubjectKey[]>;
}

/** Reveal's side: keys by the id a ciphertext names. */
export interface SubjectKeyLookup {
  /** By key id (hex): the key, `destroyed` for a crypto-shredded one; unknown ids are absent. */
  byIds(kids: readonly Uint8Array[]): Promise<Map<string, SubjectKey | 'destroyed'>>;
}
