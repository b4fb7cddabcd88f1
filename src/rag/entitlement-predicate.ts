// Turns the Cedar policies for action `rag:read` into a predicate a vector store evaluates INSIDE
// its query. A chunk's policy-relevant tags range over a small finite lattice: its tenant (the
// principal's own, another, or none), its classification (four values) and whether its
// allowedPurposes holds the request's purpose. Everything else Cedar sees (the principal, its roles
// and attributes, the context) is fixed for the request. So the policy decision point is asked once
// per cell (at most 3 × 4 × 2 = 24 decisions) with a representative chunk, and the permitted cells
// become the predicate's terms: exact for policies that read these tags by equality and
// `allowedPurposes.contains(context.purpose)`, which is how Cordon's policies read them. A policy
// that reads them otherwise (a named foreign tenant, another purpose) may make the predicate wider
// or narrower than the policy; retrieve() re-checks every chunk with the decision point, so a wider
// predicate never lets a chunk through, and a narrower one only withholds chunks.
import { CLASSIFICATIONS, type Classification } from '../contracts/types.js';
import { CordonError } from '../errors.js';
import type { AuthzDecision, AuthzPrincipal, AuthzRequest } from '../policy/types.js';
import { TAG_VALUE, type ChunkPredicate, type ChunkTags, type PredicateTerm, type PurposeCondition, type TenantCondition } from './types.js';

/** The decision point: PolicyEngine fits. */
export interface Authorizer {
  authorize(request: AuthzRequest): AuthzDecision;
}

export const RAG_READ = 'rag:read';

/** The Cedar request for reading one chunk. */
export function chunkRequest(principal: AuthzPrincipal, purpose: string, chunk: ChunkTags & { readonly id: string; readonly index: string }, time: string): AuthzRequest {
  return {
    principal,
    action: RAG_READ,
    resource: {
      type: 'chunk', id: `${chunk.index}/${chunk.id}`,
      attributes: {
        classification: chunk.classification, allowedPurposes: chunk.allowedPurposes,
        ...(chunk.tenant !== undefined ? { tenant: chunk.tenant } : {}),
      },
    },
    context: { purpose, time },
  };
}

/** Refuses tenants and purposes outside the allow-listed alphabet: they never reach a filter. */
export function checkTagValue(value: string, what: string): void {
  if (typeof value !== 'string' || !TAG_VALUE.test(value)) throw new CordonError('ERR_INPUT_INVALID', `${what} must be 1-128 letters, digits and . _ : @ / - (starting with a letter or digit)`);
}

/**
 * @example
 * ```ts
 * const p = entitlementPredicate(engine, { id: 'bot', roles: ['llm-app'], tenant: 'acme', attributes: {} }, 'support', 'kb');
 * // { anyOf: [{ tenant: { kind: 'equals', tenant: 'acme' }, classifications: ['public', 'internal'], purpose: { kind: 'any' } }, ...] }
 * ```
 */
export function entitlementPredicate(pdp: Authorizer, principal: AuthzPrincipal, purpose: string, index: string, time: string = new Date().toISOString()): ChunkPredicate {
  checkTagValue(purpose, 'the purpose');
  if (principal.tenant !== undefined) checkTagValue(principal.tenant, 'the principal\'s tenant');
  // A foreign tenant the principal cannot name: its own tenant with a character no tenant may hold.
  const own = principal.tenant;
  const foreign = `${own ?? 'tenant'}\u0000other`;
  const tenants: Array<{ cond: TenantCondition; value: string | undefined }> = own === undefined
    ? [{ cond: { kind: 'none' }, value: undefined }, { cond: { kind: 'any-tenant' }, value: foreign }]
    : [{ cond: { kind: 'equals', tenant: own }, value: own }, { cond: { kind: 'other-than', tenant: own }, value: foreign }, { cond: { kind: 'none' }, value: undefined }];
  const allowed = (tenant: string | undefined, classification: Classification, purposes: readonly string[]): boolean =>
    pdp.authorize(chunkRequest(principal, purpose, { id: 'predicate-probe', index, classification, allowedPurposes: purposes, entities: [], ...(tenant !== undefined ? { tenant } : {}) }, time)).allowed;
  const terms: PredicateTerm[] = [];
  for (const t of tenants) {
    const byPurpose = new Map<'any' | 'contains' | 'not-contains', Classification[]>();
    for (const c of CLASSIFICATIONS) {
      const withPurpose = allowed(t.value, c, [purpose]);
      const without = allowed(t.value, c, []);
      const kind = withPurpose && without ? 'any' : withPurpose ? 'contains' : without ? 'not-contains' : undefined;
      if (kind !== undefined) byPurpose.set(kind, [...(byPurpose.get(kind) ?? []), c]);
    }
    for (const [kind, classifications] of byPurpose) {
      const cond: PurposeCondition = kind === 'any' ? { kind } : { kind, purpose };
      terms.push({ tenant: t.cond, classifications, purpose: cond });
    }
  }
  return { anyOf: terms };
}
