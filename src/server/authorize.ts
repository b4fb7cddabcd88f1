// Authorization: the interface the server calls before every /v1 route (src/policy's PolicyEngine
// is one; the request and decision shapes are src/policy's), the default that denies everything,
// and the audit event each decision produces. Events carry the principal, action, resource type and
// id, decision, policy ids, the request id and the context the caller stated (purpose, consent) or
// the credential proved (mfa): never values.
import { auditEvent } from '../audit/make-event.js';
import type { AuditSink } from '../audit/event.js';
import type { Action, AuthzContext, AuthzDecision, AuthzRequest, AuthzResource } from '../policy/types.js';

export type { Action, AuthzContext, AuthzDecision, AuthzRequest, AuthzResource };

/** One method: src/policy's PolicyEngine, or a stub in tests. */
export interface Authorizer {
  authorize(request: AuthzRequest): AuthzDecision | Promise<AuthzDecision>;
}

/** What the server uses when no policy engine is configured: every request is denied. */
export const DENY_ALL: Authorizer = {
  authorize: () => ({ allowed: false, policies: [], errors: ['no policy engine configured'] }),
};

/** The policy id a deny names when the credential's scopes do not include the action. */
export const SCOPE_POLICY_ID = 'cordon.credential-scope';

export interface DecideOptions {
  /** The server's id for the HTTP request, recorded as `request_id` so the event can be found from a response. */
  readonly requestId?: string;
}

/**
 * Evaluates and audits one decision: the credential's scopes first, then the policy engine. An
 * authorizer that throws counts as a deny. Emits exactly one `authz.decision` event; throws only
 * when the audit sink does.
 */
export async function decide(authorizer: Authorizer, request: AuthzRequest, audit: AuditSink, options: DecideOptions = {}): Promise<AuthzDecision> {
  let decision: AuthzDecision;
  const scopes = (request.principal as { scopes?: readonly string[] }).scopes;
  if (scopes !== undefined && !scopes.includes(request.action)) {
    // A scoped credential (API key, JWT scope claim) only reaches the actions it names (docs/auth.md).
    decision = { allowed: false, policies: [SCOPE_POLICY_ID], errors: [] };
  } else {
    try {
      decision = await authorizer.authorize(request);
    } catch {
      decision = { allowed: false, policies: [], errors: ['authorizer failed'] };
    }
  }
  audit.emit(auditEvent({
    type: 'authz.decision',
    outcome: decision.allowed ? 'success' : 'failure',
    principal: request.principal.id,
    ...(decision.allowed ? {} : { reason: 'ERR_POLICY_DENIED' }),
    attributes: {
      action: request.action,
      resource_type: request.resource.type,
      resource_id: request.resource.id,
      decision: decision.allowed ? 'allow' : 'deny',
      policies: decision.policies.join(','),
      ...(request.context.purpose !== undefined ? { purpose: request.context.purpose } : {}),
      ...(request.context.consent !== undefined ? { consent: request.context.consent } : {}),
      ...(request.context.mfa !== undefined ? { mfa: request.context.mfa } : {}),
      ...(request.context.source !== undefined ? { source: request.context.source } : {}),
      // Whose approvals an erase decision saw (principal ids; the subject is never in the event).
      ...(request.context.approvedBy !== undefined ? { approved_by: [...request.context.approvedBy].join(',') } : {}),
      ...(options.requestId !== undefined ? { request_id: options.requestId } : {}),
    },
  }));
  return decision;
}
