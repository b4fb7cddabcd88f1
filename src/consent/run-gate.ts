// Protect's consent gate (src/pipeline/consent-gate.ts) from the registry: the commitments of every
// subject whose grant of the run's purpose stood when the run started, held in one sorted buffer
// (32 bytes a subject) and searched per row. The run's own clock reads once, so a withdrawal during
// the run takes effect from the next run, as a tombstone does. Must never: keep or log an id.
import { CordonError } from '../errors.js';
import type { Keyring } from '../keys/keyring.js';
import type { ContractDataset } from '../contracts/types.js';
import type { ConsentGate } from '../pipeline/consent-gate.js';
import { commitSubject, subjectIndexKey } from '../erasure/commitment.js';
import { checkPurpose } from './change-consent.js';
import type { ConsentStore } from './store/types.js';

export interface RunGateOptions {
  readonly dataset: ContractDataset;
  readonly purpose: string;
  readonly onMissing?: 'drop' | 'quarantine';
  /** When the run's consent is judged (default: now). */
  readonly at?: number;
}

/** Whether `sorted` (32-byte entries, ascending) holds `c`. */
export function holds(sorted: Uint8Array, c: Uint8Array): boolean {
  let lo = 0;
  let hi = sorted.length / 32;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const off = mid * 32;
    let cmp = 0;
    for (let i = 0; i < 32 && cmp === 0; i++) cmp = sorted[off + i]! - c[i]!;
    if (cmp === 0) return true;
    if (cmp < 0) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/**
 * The consent gate of a protect run declared for `purpose`. The dataset needs a subject column.
 *
 * @example
 * ```ts
 * const consent = await runGate(registry, keyring, { dataset, purpose: 'analytics' });
 * await protectFile({ ...options, consent });
 * ```
 */
export async function runGate(registry: ConsentStore, keyring: Keyring, o: RunGateOptions): Promise<ConsentGate> {
  const purpose = checkPurpose(o.purpose);
  const column = o.dataset.subject;
  if (column === undefined) throw new CordonError('ERR_USAGE', `dataset ${o.dataset.name} has no subject column (primaryKey): consent cannot be checked per row`);
  const key = await subjectIndexKey(keyring);
  const granted = await registry.grantedAll(purpose, o.at ?? Date.now());
  return {
    column, purpose, onMissing: o.onMissing ?? 'drop',
    admit: (id) => granted.length > 0 && holds(granted, commitSubject(key, id)),
  };
}
