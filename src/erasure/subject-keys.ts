// Per-subject keys (issue 18 item 2, `keyScope: subject`): each data subject of a scope
// (`<contract id>/<dataset>`) gets its own random 256-bit key and a random 16-byte key id, the key
// wrapped (AES-256-GCM) by the keyring's `subject-keys` envelope key and stored with the subject's
// commitment in the subject index's store. Destroying that one wrapped key (cordon erase) makes
// every copy of the subject's subject-keyed values unreadable, backups of the outputs included.
// The key is random, never derived from a master key: a derived key could be derived again.
// Must never: store, log or return an id or an unwrapped key anywhere but to the caller.
import { randomBytes } from '../crypto/random.js';
import { unwrapKey, wrapKey } from '../crypto/wrap.js';
import { CordonError } from '../errors.js';
import type { Keyring } from '../keys/keyring.js';
import type { SubjectKeyLookup, SubjectKeySource } from '../pipeline/subject-keys.js';
import { encodeParts } from '../transform/encoding.js';
import { SUBJECT_KEY_ID_LENGTH, type SubjectKey } from '../transform/operators/encrypt-subject.js';
import { commitSubjects, hexOf, subjectIndexKey } from './commitment.js';
import type { SubjectIndexStore, SubjectKeyRecord } from './store/types.js';

/** The keyring key that wraps every subject key. */
export const SUBJECT_KEYS_KEY = 'subject-keys';
const KEY_LENGTH = 32;
/** Unwrapped keys a protect run keeps in memory (cleared when full). */
const CACHE_LIMIT = 65536;

/** The wrap's AAD: scope, key id, subject commitment and wrapping-key version, so a wrapped key moved to another row fails to open. */
function wrapAad(r: Pick<SubjectKeyRecord, 'scope' | 'kid' | 'commitment' | 'keyVersion'>): Uint8Array {
  return encodeParts('cordon/subject-key/v1', r.scope, hexOf(r.kid), hexOf(r.commitment), String(r.keyVersion));
}

function erased(): CordonError {
  return new CordonError('ERR_SUBJECT_ERASED', 'the data subject was erased: its key is destroyed (docs/erasure.md#subject-keys)');
}

async function unwrapAll(keyring: Keyring, records: readonly SubjectKeyRecord[]): Promise<Map<string, SubjectKey | 'destroyed'>> {
  const kek = new Map<number, Uint8Array>();
  const out = new Map<string, SubjectKey | 'destroyed'>();
  for (const r of records) {
    if (r.wrapped === null) { out.set(hexOf(r.kid), 'destroyed'); continue; }
    let m = kek.get(r.keyVersion);
    if (m === undefined) kek.set(r.keyVersion, (m = await keyring.versionMaterial(SUBJECT_KEYS_KEY, r.keyVersion, 'envelope')));
    out.set(hexOf(r.kid), { kid: r.kid, material: unwrapKey(m, r.wrapped, wrapAad(r)) });
  }
  return out;
}

/**
 * Protect's key source for one scope: the subjects' keys, made on first use. Two runs making a key
 * for the same new subject at once both end up with the one the store kept (insert-or-ignore, then
 * read back).
 *
 * @example
 * ```ts
 * const source = await subjectKeySource(index, keyring, 'crm/customers');
 * const [key] = await source.keysFor(['cust-42']);
 * ```
 */
export async function subjectKeySource(store: SubjectIndexStore, keyring: Keyring, scope: string): Promise<SubjectKeySource> {
  const indexKey = await subjectIndexKey(keyring);
  await keyring.ensure(SUBJECT_KEYS_KEY, 'envelope');
  const cache = new Map<string, SubjectKey>();
  return {
    async keysFor(ids) {
      const commitments = commitSubjects(indexKey, ids);
      const hex = commitments.map(hexOf);
      const missing = new Map<string, Uint8Array>();
      hex.forEach((h, i) => { if (!cache.has(h)) missing.set(h, commitments[i]!); });
      if (missing.size > 0) {
        if (cache.size + missing.size > CACHE_LIMIT) cache.clear();
        const read = async (commitmentsOf: readonly Uint8Array[]): Promise<Set<string>> => {
          const found = await store.subjectKeys(scope, commitmentsOf);
          const byKid = await unwrapAll(keyring, found);
          const got = new Set<string>();
          for (const r of found) {
            const k = byKid.get(hexOf(r.kid))!;
            if (k === 'destroyed') throw erased();
            cache.set(hexOf(r.commitment), k);
            got.add(hexOf(r.commitment));
          }
          return got;
        };
        const got = await read([...missing.values()]);
        const make = [...missing].filter(([h]) => !got.has(h)).map(([, c]) => c);
        if (make.length > 0) {
          const { version, material } = await keyring.primaryMaterial(SUBJECT_KEYS_KEY, 'envelope');
          const now = Date.now();
          await store.putSubjectKeys(make.map((commitment) => {
            const r = { commitment, scope, kid: randomBytes(SUBJECT_KEY_ID_LENGTH), keyVersion: version, createdAt: now };
            return { ...r, wrapped: wrapKey(material, randomBytes(KEY_LENGTH), wrapAad(r)) };
          }));
          keyring.record('datakey.generate', 'success', { name: SUBJECT_KEYS_KEY, version }, { attributes: { subjectKeys: make.length, scope } });
          // Read back: a concurrent run may have stored its own key for one of them first.
          await read(make);
        }
      }
      return hex.map((h) => {
        const k = cache.get(h);
        if (k === undefined) throw new CordonError('ERR_INTERNAL', 'a subject key was not stored');
        return k;
      });
    },
  };
}

/** Reveal's lookup: keys by the ids ciphertexts name, across scopes (each unwrap batch audited once). */
export function subjectKeyLookup(store: SubjectIndexStore, keyring: Keyring): SubjectKeyLookup {
  return {
    async byIds(kids) {
      const found = await store.subjectKeysById(kids);
      const out = await unwrapAll(keyring, found);
      keyring.record('datakey.unwrap', 'success', { name: SUBJECT_KEYS_KEY }, { attributes: { subjectKeys: found.length } });
      return out;
    },
  };
}
