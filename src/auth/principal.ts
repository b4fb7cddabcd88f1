// Who is calling: the one shape every way in (mTLS, JWT, API key) produces, and the one error every
// refused credential raises. A refusal carries the same code and message whatever the cause, and
// never the credential; the cause (a short fixed word such as `expired`) rides on the error for the
// audit log only, where `authFailureReason()` reads it.
import { CordonError } from '../errors.js';

/** An authenticated caller. Authorization (src/policy/) decides what it may do. */
export interface Principal {
  /** The principal's name: a JWT `sub`, an API key's principal, a certificate's SPIFFE ID, SAN or CN. */
  readonly id: string;
  readonly roles: readonly string[];
  /** Non-secret facts about the caller for policies (`apiKeyId`, `trustDomain`, JWT `attributes`). */
  readonly attributes: Readonly<Record<string, string | number | boolean | readonly string[]>>;
  /** How the caller proved who it is. */
  readonly via: 'mtls' | 'jwt' | 'apikey';
  readonly tenant?: string;
  /**
   * Whether the caller authenticated with more than one factor, from the credential only: a JWT's
   * RFC 8176 `amr` claim naming `mfa`, `otp`, `hwk` or `swk`. Absent when the credential says nothing.
   */
  readonly mfa?: boolean;
  /** What an API key (or a JWT's `scope`) is limited to; absent means no scope limit was stated. */
  readonly scopes?: readonly string[];
}

/** The one message of every refused credential. */
export const UNAUTHENTICATED_MESSAGE = 'authentication failed: the credential is missing, malformed, expired, revoked or not valid here';

/** Why a credential was refused, for the audit log. A fixed vocabulary: never credential bytes. */
export type AuthFailureReason =
  | 'malformed' | 'bad_signature' | 'unknown_key' | 'algorithm' | 'expired' | 'not_yet_valid'
  | 'issued_in_future' | 'ttl_too_long' | 'issuer' | 'audience' | 'type' | 'claims'
  | 'unknown_id' | 'wrong_secret' | 'revoked' | 'no_identity' | 'reserved_principal';

class UnauthenticatedCause extends Error {
  constructor(readonly reason: AuthFailureReason) {
    super(reason);
    this.name = 'AuthFailure';
  }
}

/** The error for a refused credential: ERR_UNAUTHENTICATED, one message, the reason as `cause`. */
export function unauthenticated(reason: AuthFailureReason): CordonError {
  return new CordonError('ERR_UNAUTHENTICATED', UNAUTHENTICATED_MESSAGE, { cause: new UnauthenticatedCause(reason) });
}

/**
 * The reason behind an ERR_UNAUTHENTICATED error, for the audit log (never for the caller).
 *
 * @example
 * ```ts
 * catch (e) { audit.emit(auditEvent({ ..., outcome: 'failure', reason: authFailureReason(e) ?? 'unknown' })) }
 * ```
 */
export function authFailureReason(e: unknown): AuthFailureReason | undefined {
  if (!(e instanceof CordonError) || e.code !== 'ERR_UNAUTHENTICATED') return undefined;
  return e.cause instanceof UnauthenticatedCause ? e.cause.reason : undefined;
}
