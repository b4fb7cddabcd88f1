// One retention run with its receipt, as `cordon retention apply` and `cordon serve`'s schedule
// both do it: apply (or resume) the run, then sign its receipt and write it atomically. The
// receipt exists only for a run whose every tier is done (receipt.ts refuses otherwise). The
// shells open the stores and the signing key; this file only sequences the two steps.
import type { PrivateSigningKey } from '../crypto/signing-keys.js';
import { writeFileAtomic } from '../io/write-file-atomic.js';
import { applyRetention, type ApplyRetentionDeps, type ApplyRetentionInput, type RetentionState } from './apply-retention.js';
import { retentionReceiptOf, signRetentionReceipt, type RetentionReceipt } from './receipt.js';

export interface RetentionRunResult {
  readonly state: RetentionState;
  readonly receipt: RetentionReceipt;
}

/**
 * Applies retention and writes the signed receipt to `receiptPath(retentionId)` (a new file; an
 * existing one is never replaced).
 *
 * @example
 * ```ts
 * const { receipt } = await runRetention({ contracts, principal }, deps, signer, (id) => `receipts/${id}.json`);
 * ```
 */
export async function runRetention(input: ApplyRetentionInput, deps: ApplyRetentionDeps, signer: PrivateSigningKey,
  receiptPath: (retentionId: string) => string): Promise<RetentionRunResult> {
  const state = await applyRetention(input, deps);
  const receipt = retentionReceiptOf(state, signer.publicKey);
  writeFileAtomic(receiptPath(state.retentionId), signRetentionReceipt(receipt, signer), { force: false, mode: 0o644 });
  return { state, receipt };
}
