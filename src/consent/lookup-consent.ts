// The consent registry as a request-time lookup by subject id (the server's PEP and POST
// /v1/protect, docs/consent.md): ids become the subject index's keyed commitments here, so the
// caller never holds the key and the registry never sees an id. Judged at the time of the call, so
// a withdrawal takes effect from the next request. Must never: keep or log an id.
import type { Keyring } from '../keys/keyring.js';
import { commitSubject, subjectIndexKey } from '../erasure/commitment.js';
import type { ConsentStore } from './store/types.js';

export interface ConsentByIdLookup {
  /** Whether the subject's grant of `purpose` stands now. */
  granted(subjectId: string, purpose: string): Promise<boolean>;
  /** For each id, in order: whether its grant of `purpose` stands now (one query for a batch). */
  grantedEach(subjectIds: readonly string[], purpose: string): Promise<boolean[]>;
}

/**
 * A lookup over the registry `open` gives (opened on first use by the caller's function).
 *
 * @example
 * ```ts
 * const consent = lookupConsent(() => registry, ws.keyring);
 * if (!(await consent.granted(id, 'analytics'))) throw new CordonError('ERR_CONSENT_MISSING', '…');
 * ```
 */
export function lookupConsent(open: () => Promise<ConsentStore>, keyring: Keyring): ConsentByIdLookup {
  return {
    async granted(subjectId, purpose) {
      return (await open()).granted(commitSubject(await subjectIndexKey(keyring), subjectId), purpose, Date.now());
    },
    async grantedEach(subjectIds, purpose) {
      const key = await subjectIndexKey(keyring);
      return (await open()).grantedEach(subjectIds.map((id) => commitSubject(key, id)), purpose, Date.now());
    },
  };
}
