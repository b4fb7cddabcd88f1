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

/** Throws ERR_INPUT_INVALID naming the field (never echoing a value that failed). */
export function checkPrincipalId(v: unknown, field = 'principal'): string {
  if (!isPrincipalId(v)) throw new CordonError('ERR_INPUT_INVALID', `${field} must be 1–256 printable ASCII characters without spaces`);
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
