// `cordon consent import` applied (issue 18 item 7): the checked lines of an import file
// (import-consent.ts) go into the registry in time order, and the import is ONE audit event, not
// one per line — an export of a million changes must not write a million events. The event says
// who imported what (the file's SHA-256), how many lines granted, withdrew or changed nothing, and
// how many subjects they touched; the registry holds each change with its time. An import that
// stops part-way still writes its event (outcome failure, the counts applied so far): no change
// reaches the registry unaccounted for. Must never: store, log or return a subject id.
import { isCordonError } from '../errors.js';
import type { Keyring } from '../keys/keyring.js';
import type { AuditEvent } from '../audit/event.js';
import { auditEvent } from '../audit/make-event.js';
import { commitSubject, hexOf, subjectIndexKey } from '../erasure/commitment.js';
import type { ConsentLine } from './import-consent.js';
import type { ConsentStore } from './store/types.js';

export interface ApplyImportInput {
  /** The file's lines as parseConsentImport returns them (checked, in time order). */
  readonly lines: readonly ConsentLine[];
  /** The time of a line without `at` (ms since the epoch). */
  readonly now: number;
  readonly principal: string;
  /** SHA-256 (hex) of the imported file: links the event to the file without naming a subject. */
  readonly fileSha256: string;
}

export interface ApplyImportDeps {
  readonly registry: ConsentStore;
  readonly keyring: Keyring;
  readonly emit: (event: AuditEvent) => void;
  /** The subject-index key, when the caller holds it already. */
  readonly subjectKey?: Uint8Array;
}

export interface ImportCounts {
  readonly lines: number;
  readonly granted: number;
  readonly withdrawn: number;
  readonly unchanged: number;
}

/**
 * Applies an import's lines and records one `consent.change` event (`action: import`) with the counts.
 *
 * @example
 * ```ts
 * const lines = parseConsentImport(text, 'csv', Date.now());
 * const counts = await applyConsentImport({ lines, now, principal, fileSha256 }, { registry, keyring, emit });
 * // { lines: 3, granted: 2, withdrawn: 1, unchanged: 0 }
 * ```
 */
export async function applyConsentImport(input: ApplyImportInput, deps: ApplyImportDeps): Promise<ImportCounts> {
  const key = deps.subjectKey ?? await subjectIndexKey(deps.keyring);
  let granted = 0;
  let withdrawn = 0;
  let unchanged = 0;
  const subjects = new Set<string>();
  const event = (outcome: 'success' | 'failure', reason?: string): AuditEvent => auditEvent({
    type: 'consent.change', outcome, principal: input.principal, ...(reason !== undefined ? { reason } : {}),
    attributes: {
      action: 'import', source: 'import', file_sha256: input.fileSha256,
      lines: input.lines.length, applied: granted + withdrawn + unchanged, granted, withdrawn, unchanged, subjects: subjects.size,
    },
  });
  try {
    for (const l of input.lines) {
      const commitment = commitSubject(key, l.subjectId);
      const at = l.at ?? input.now;
      const r = l.action === 'grant' ? await deps.registry.grant(commitment, l.purpose, at) : await deps.registry.withdraw(commitment, l.purpose, at);
      subjects.add(hexOf(commitment));
      if (!r.changed) unchanged++;
      else if (l.action === 'grant') granted++;
      else withdrawn++;
    }
  } catch (e) {
    deps.emit(event('failure', isCordonError(e) ? e.code : 'ERR_INTERNAL'));
    throw e;
  }
  deps.emit(event('success'));
  return { lines: input.lines.length, granted, withdrawn, unchanged };
}
