// The request and decision shapes of authorization: what the server's enforcement hook passes in and
// gets back. Plain data, no Cedar types, so callers never depend on the policy engine's library.

/** Every action a policy can govern, as Cedar ids `Cordon::Action::"<action>"`. */
export const ACTIONS = [
  'detect', 'protect', 'tokenize', 'detokenize', 'reveal', 'encrypt', 'decrypt',
  'datakey:generate', 'datakey:unwrap', 'keys:list', 'keys:rotate', 'audit:read', 'lineage:read', 'metrics:read', 'guard:restore', 'rag:read', 'dp:query', 'guard:chat', 'guard:embed',
  'erase', 'erase:approve', 'erase:read',
] as const;

export type Action = (typeof ACTIONS)[number];

/** An attribute value a principal or resource may carry. */
export type AttributeValue = string | number | boolean | readonly string[];

/** Who asks: Cedar entity `Cordon::User::"<id>"` (or `Cordon::Service` when kind is 'service'), in its roles. */
export interface AuthzPrincipal {
  readonly id: string;
  /** Each role is a parent entity `Cordon::Role::"<role>"`. */
  readonly roles: readonly string[];
  /** Other facts for policies; `tenant`, `roles` and `mfa` in here are ignored (only their own fields count). */
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /** Becomes the `tenant` attribute; absent means no tenant, whatever attributes.tenant says. */
  readonly tenant?: string;
  /** A person ('user', the default) or a workload ('service'). */
  readonly kind?: 'user' | 'service';
}

export const RESOURCE_TYPES = ['dataset', 'column', 'key', 'audit', 'lineage', 'service', 'conversation', 'chunk'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** What is acted on. attributes: classification, allowedPurposes, owner, region, tenant, dataset (for columns). */
export interface AuthzResource {
  readonly type: ResourceType;
  readonly id: string;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

export interface AuthzContext {
  readonly purpose?: string;
  readonly consent?: boolean;
  readonly mfa?: boolean;
  /** Request time, ISO 8601 / RFC 3339 (`new Date().toISOString()`). */
  readonly time: string;
  /** Client address or a network label. */
  readonly source?: string;
  /**
   * `erase` only: the ids of the people (Cedar `Cordon::User`) whose approval of this erasure
   * stands (recorded with `erase:approve`, not expired), so a policy can ask for separation of
   * duties: `![principal].containsAll(context.approvedBy)` — someone other than the caller approved.
   */
  readonly approvedBy?: readonly string[];
}

export interface AuthzRequest {
  readonly principal: AuthzPrincipal;
  readonly action: Action;
  readonly resource: AuthzResource;
  readonly context: AuthzContext;
}

export interface AuthzDecision {
  readonly allowed: boolean;
  /** Ids (@id annotations) of the policies that decided: the permits that matched, or the forbids. */
  readonly policies: readonly string[];
  /** Why evaluation failed (any error denies). Safe to log: names and types, never values. */
  readonly errors: readonly string[];
}
