// Restoring placeholders in a model's answer, behind the policy: the caller asks for the action
// "guard:restore" on the conversation (a Cedar `Conversation` with its tenant); only an allowed
// caller gets values back, anyone else the answer as it came. Placeholders are found by their one
// shape (placeholders.ts) and replaced by exact lookup in the map the vault returns; unknown or
// expired ones stay as they are. Pure apart from the resolver it is given.
import type { AuthzDecision, AuthzPrincipal, AuthzRequest } from '../../policy/types.js';
import { findPlaceholders } from './placeholders.js';

/** What turns placeholders into values: one conversation of a vault (ConversationVault.resolve bound to a scope). */
export interface Resolver {
  resolve(placeholders: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

/** The policy decision point (PolicyEngine fits). */
export interface RestoreDecider {
  authorize(request: AuthzRequest): AuthzDecision;
}

export interface RestoreRequest {
  readonly principal: AuthzPrincipal;
  readonly tenant: string;
  readonly conversation: string;
  readonly purpose?: string;
  readonly mfa?: boolean;
  /** Request time (default now). */
  readonly time?: string;
}

/** The Cedar request for restoring one conversation's placeholders. */
export function restoreAuthzRequest(r: RestoreRequest): AuthzRequest {
  return {
    principal: r.principal,
    action: 'guard:restore',
    resource: { type: 'conversation', id: `${r.tenant}/${r.conversation}`, attributes: { tenant: r.tenant } },
    context: { time: r.time ?? new Date().toISOString(), ...(r.purpose !== undefined ? { purpose: r.purpose } : {}), ...(r.mfa !== undefined ? { mfa: r.mfa } : {}) },
  };
}

/** `text` with every placeholder the map holds replaced by its value; returns how many were. */
export function replacePlaceholders(text: string, values: ReadonlyMap<string, string>): { text: string; restored: number } {
  let out = '';
  let at = 0;
  let restored = 0;
  for (const p of findPlaceholders(text)) {
    const v = values.get(p.placeholder);
    if (v === undefined) continue;
    out += text.slice(at, p.start) + v;
    at = p.end;
    restored++;
  }
  return { text: at === 0 ? text : out + text.slice(at), restored };
}

/**
 * Restores `text` through `resolver`: one lookup of every distinct placeholder in it.
 *
 * @example
 * ```ts
 * await restoreText('Dear <PERSON_1>,', resolver) // { text: 'Dear Ada Lovelace,', restored: 1 }
 * ```
 */
export async function restoreText(text: string, resolver: Resolver): Promise<{ text: string; restored: number }> {
  const found = findPlaceholders(text);
  if (found.length === 0) return { text, restored: 0 };
  const values = await resolver.resolve([...new Set(found.map((p) => p.placeholder))]);
  return replacePlaceholders(text, values);
}
