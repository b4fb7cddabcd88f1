// Approvals of erasures (issue 18 item 3, separation of duties): a person records that erasing one
// data subject (in one scope, or everywhere) is approved, for a limited time; `POST /v1/erase`
// hands the people whose approval stands to the policy as `context.approvedBy`, so a policy can
// require that someone other than the caller approved. The store keeps the subject's commitment
// (commitment.ts), the scope, the approver's principal id and the times: never the id. An approval
// authorises one erasure: the erasure it let through uses it up (consumeApprovals), atomically, so
// a second erasure on the same approval is denied.
import { CordonError } from '../errors.js';
import type { Keyring } from '../keys/keyring.js';
import { commitSubject, subjectIndexKey } from './commitment.js';
import type { ErasureApproval, SubjectIndexStore } from './store/types.js';

/** How long an approval stands when the caller does not say: one day. */
export const DEFAULT_APPROVAL_TTL_MS = 24 * 60 * 60 * 1000;
/** The longest an approval may stand: seven days (an approval is for a request at hand, not a standing grant). */
export const MAX_APPROVAL_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface ApprovalDeps {
  readonly index: SubjectIndexStore;
  readonly keyring: Keyring;
}

export interface ApproveInput {
  readonly subjectId: string;
  /** `<contract id>/<dataset>`; absent: the erasure of the subject in every contract (`*`). */
  readonly scope?: string;
  readonly approver: string;
  /** The erasure's tenant (the policy resource's); absent: none. An erasure counts only approvals of its own tenant. */
  readonly tenant?: string;
  /** Milliseconds the approval stands (default DEFAULT_APPROVAL_TTL_MS, at most MAX_APPROVAL_TTL_MS). */
  readonly ttlMs?: number;
  /** The clock (tests). */
  readonly now?: number;
}

/** The stored approval without its commitment: what an API answer may show. */
export type ApprovalView = Omit<ErasureApproval, 'commitment'>;

/**
 * Records `approver`'s approval of erasing the subject in `scope` until `now + ttlMs`.
 *
 * @example
 * ```ts
 * const a = await approveErasure({ subjectId: 'cust-42', approver: 'cleo@acme.example' }, { index, keyring });
 * // a.expiresAt === a.approvedAt + DEFAULT_APPROVAL_TTL_MS
 * ```
 */
export async function approveErasure(input: ApproveInput, deps: ApprovalDeps): Promise<ApprovalView> {
  if (typeof input.subjectId !== 'string' || input.subjectId === '') throw new CordonError('ERR_USAGE', 'the subject id is empty');
  if (typeof input.approver !== 'string' || input.approver === '') throw new TypeError('approver must be a principal id');
  const ttl = input.ttlMs ?? DEFAULT_APPROVAL_TTL_MS;
  if (!Number.isSafeInteger(ttl) || ttl <= 0 || ttl > MAX_APPROVAL_TTL_MS) throw new CordonError('ERR_USAGE', `an approval stands for 1 ms to ${MAX_APPROVAL_TTL_MS / 1000} s`);
  const now = input.now ?? Date.now();
  const commitment = commitSubject(await subjectIndexKey(deps.keyring), input.subjectId);
  const approval: ErasureApproval = { commitment, scope: input.scope ?? '*', approver: input.approver, approvedAt: now, expiresAt: now + ttl, ...(input.tenant !== undefined ? { tenant: input.tenant } : {}) };
  await deps.index.putApproval(approval);
  return { scope: approval.scope, approver: approval.approver, approvedAt: approval.approvedAt, expiresAt: approval.expiresAt, ...(input.tenant !== undefined ? { tenant: input.tenant } : {}) };
}

/**
 * The ids of the people whose approval of erasing the subject in `scope` (or `*`) stands at `now`,
 * sorted: only approvals given for the same `tenant` (none for none), so another tenant's officer
 * cannot approve this tenant's erasure.
 */
export async function approversOf(input: { readonly subjectId: string; readonly scope?: string; readonly tenant?: string; readonly now?: number }, deps: ApprovalDeps): Promise<string[]> {
  const commitment = commitSubject(await subjectIndexKey(deps.keyring), input.subjectId);
  const found = await deps.index.approvals(commitment, input.scope ?? '*', input.now ?? Date.now());
  return [...new Set(found.filter((a) => a.tenant === input.tenant).map((a) => a.approver))].sort();
}

/**
 * Uses up the approvals an erasure was authorised on (its `context.approvedBy`), all or none, in one
 * store transaction. Returns false when one of them no longer stands (another erasure used it, or
 * it expired since the decision): the caller must then refuse the erasure.
 *
 * @example
 * ```ts
 * if (!await consumeApprovals({ subjectId: 'cust-42', approvers: ['cleo@acme.example'] }, deps)) throw new CordonError('ERR_POLICY_DENIED', '…');
 * ```
 */
export async function consumeApprovals(input: { readonly subjectId: string; readonly scope?: string; readonly approvers: readonly string[]; readonly now?: number }, deps: ApprovalDeps): Promise<boolean> {
  if (input.approvers.length === 0) return true;
  const commitment = commitSubject(await subjectIndexKey(deps.keyring), input.subjectId);
  return deps.index.consumeApprovals(commitment, input.scope ?? '*', input.approvers, input.now ?? Date.now());
}
