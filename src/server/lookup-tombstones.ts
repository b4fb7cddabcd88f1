// The subject index's tombstones as POST /v1/protect reads them (docs/erasure.md#tombstones): ids
// become keyed commitments here, so the route never holds the subject-index key and the index never
// sees an id. Read per request, so an erasure applies from the next request. Must never: keep or log an id.
import type { Keyring } from '../keys/keyring.js';
import { commitSubjects, hexOf, subjectIndexKey } from '../erasure/commitment.js';
import type { SubjectIndexStore } from '../erasure/store/types.js';
import type { TombstoneLookup } from './route.js';

/**
 * The lookup over the index `open` gives (opened on first use by the caller's function).
 *
 * @example
 * ```ts
 * const tombstones = lookupTombstones(openIndex, ws.keyring);
 * const erased = await tombstones('customers/customers', ['c-1', 'c-2']); // [false, true]
 * ```
 */
export function lookupTombstones(open: () => Promise<SubjectIndexStore>, keyring: Keyring): TombstoneLookup {
  return async (scope, ids) => {
    const erased = await (await open()).tombstones(scope);
    if (erased.size === 0) return ids.map(() => false);
    return commitSubjects(await subjectIndexKey(keyring), ids).map((c) => erased.has(hexOf(c)));
  };
}
