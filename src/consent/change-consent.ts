// Granting and withdrawing consent (issue 18 item 7) as library calls: the subject id becomes the
// subject index's commitment (src/erasure/commitment.ts, so the registry and the index name a
// subject alike) before it reaches the store, and each change is one audit event carrying the
// audit log's own commitment. A withdrawal is honoured by every later protect run, reveal and
// server decision, like a tombstone. Must never: store, log or return a subject id.
import { CordonError } from '../errors.js';
import type { Keyring } from '../keys/keyring.js';
import type { AuditEvent } from '../audit/event.js';
import { auditEvent } from '../audit/make-event.js';
import { commitSubject, subjectIndexKey } from '../erasure/commitment.js';
import type { ConsentStore } from './store/types.js';

/** A purpose name: what `--purpose` and X-Cordon-Purpose accept (1-64 letters, digits, ".", "_", ":", "-"). */
export const PURPOSE_RE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** Throws ERR_USAGE unless `purpose` is a purpose name. */
export function checkPurpose(purpose: unknown, where = '--purpose'): string {
  if (typeof purpose !== 'string' || !PURPOSE_RE.test(purpose)) throw new CordonError('ERR_USAGE', `${where} must be 1-64 letters, digits, ".", "_", ":" or "-", starting with a letter or digit`);
  return purpose;
}

export interface ConsentChangeInput {
  readonly action: 'grant' | 'withdraw';
  readonly subjectId: string;
  readonly purposes: readonly string[];
  /** Milliseconds since the epoch (default: now). */
  readonly at?: number;
  readonly principal: string;
  /** Where the change came from (e.g. "cli", "import:<sha256>"): audit only. */
  readonly source?: string;
}

export interface ConsentChangeDeps {
  readonly registry: ConsentStore;
  readonly keyring: Keyring;
  /** The audit log's commitment to a subject (audit/commitment.ts). */
  readonly auditSubject: (subjectId: string) => string;
  readonly emit: (event: AuditEvent) => void;
  /** The clock (tests inject one). */
  readonly now?: () => number;
  /** The subject-index key, when the caller holds it already (an import changes many subjects). */
  readonly subjectKey?: Uint8Array;
}

export interface ConsentChangeResult {
  /** Purposes whose state changed (a grant opened or a withdrawal recorded). */
  readonly changed: readonly string[];
  /** Purposes already in the asked state. */
  readonly unchanged: readonly string[];
}

/**
 * Grants or withdraws the purposes of one subject, and records one `consent.change` audit event.
 *
 * @example
 * ```ts
 * await changeConsent({ action: 'withdraw', subjectId: 'cust-42', purposes: ['marketing'], principal }, deps);
 * ```
 */
export async function changeConsent(input: ConsentChangeInput, deps: ConsentChangeDeps): Promise<ConsentChangeResult> {
  if (typeof input.subjectId !== 'string' || input.subjectId === '') throw new CordonError('ERR_USAGE', 'the subject id is empty');
  if (input.purposes.length === 0) throw new CordonError('ERR_USAGE', 'name at least one purpose');
  for (const p of input.purposes) checkPurpose(p);
  const at = input.at ?? (deps.now ?? Date.now)();
  if (!Number.isSafeInteger(at) || at < 0) throw new CordonError('ERR_USAGE', 'the time of a consent change must be a valid date');
  const commitment = commitSubject(deps.subjectKey ?? await subjectIndexKey(deps.keyring), input.subjectId);
  const changed: string[] = [];
  const unchanged: string[] = [];
  for (const purpose of [...new Set(input.purposes)]) {
    const r = input.action === 'grant' ? await deps.registry.grant(commitment, purpose, at) : await deps.registry.withdraw(commitment, purpose, at);
    (r.changed ? changed : unchanged).push(purpose);
  }
  deps.emit(auditEvent({
    type: 'consent.change', outcome: 'success', principal: input.principal, subject: deps.auditSubject(input.subjectId),
    attributes: {
      action: input.action, purposes: [...changed, ...unchanged].join(','), changed: changed.join(','), at: new Date(at).toISOString(),
      ...(input.source !== undefined ? { source: input.source } : {}),
    },
  }));
  return { changed, unchanged };
}
