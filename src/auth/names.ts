// What a principal, role, scope and tenant may look like. Checked when a credential is made (so a
// bad name is an input error for whoever issues it) and again when a JWT is read (so a token from
// another issuer cannot smuggle control characters or huge values into logs and policies).
import { CordonError } from '../errors.js';

/** Principal ids: printable, no whitespace or control characters, at most 256 characters. */
const PRINCIPAL_RE = /^[\x21-\x7e]{1,256}$/;
/** Roles, scopes and tenants: letters, digits and `._:/*-`, at most 128 characters. */
const NAME_RE = /^[A-Za-z0-9._:/*-]{1,128}$/;
/** At most this many roles or scopes on one credential. */
export const MAX_NAMES = 64;

export function isPrincipalId(v: unknown): v is string {
  return typeof v === 'string' && PRINCIPAL_RE.test(v);
}

export function isName(v: unknown): v is string {
  return typeof v === 'string' && NAME_RE.test(v);
}

export function isNameList(v: unknown): v is string[] {
  return Array.isArray(v) && v.length <= MAX_NAMES && v.every(isName);
}

/**
 * Principal names Cordon writes into audit events itself: `unauthenticated` (a refused or missing
 * credential) and `local:<os user>` (whoever runs the CLI without CORDON_PRINCIPAL, `local:root`,
 * `local:unknown`). A credential for one of them would make those events ambiguous, so none is
 * issued (ERR_PRINCIPAL_RESERVED) or accepted (ERR_UNAUTHENTICATED, reason `reserved_principal`).
 * Compared without regard to letter case, so `Unauthenticated` or `LOCAL:root` cannot pass as them.
 */
export const RESERVED_PRINCIPAL_NAMES: readonly string[] = ['unauthenticated'];
export const RESERVED_PRINCIPAL_PREFIXES: readonly string[] = ['local:'];

export function isReservedPrincipal(id: string): boolean {
  const lower = id.toLowerCase();
  return RESERVED_PRINCIPAL_NAMES.includes(lower) || RESERVED_PRINCIPAL_PREFIXES.some((p) => lower.startsWith(p));
}

/** Throws ERR_INPUT_INVALID naming the field (never echoing a value that failed), ERR_PRINCIPAL_RESERVED for a reserved name. */
export function checkPrincipalId(v: unknown, field = 'principal'): string {
  if (!isPrincipalId(v)) throw new CordonError('ERR_INPUT_INVALID', `${field} must be 1–256 printable ASCII characters without spaces`);
  if (isReservedPrincipal(v)) throw new CordonError('ERR_PRINCIPAL_RESERVED', `${field} may not be "unauthenticated" or start with "local:": Cordon uses those names for itself in audit events`);
  return v;
}

export function checkNameList(v: unknown, field: string): string[] {
  if (!isNameList(v)) throw new CordonError('ERR_INPUT_INVALID', `${field} must be at most ${MAX_NAMES} names of 1–128 characters from A–Z a–z 0–9 . _ : / * -`);
  return [...new Set(v)];
}

export function checkName(v: unknown, field: string): string {
  if (!isName(v)) throw new CordonError('ERR_INPUT_INVALID', `${field} must be 1–128 characters from A–Z a–z 0–9 . _ : / * -`);
  return v;
}
