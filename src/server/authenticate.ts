// Authentication, in one fixed order: a verified client certificate, else `Authorization: Bearer
// <jwt or API key>`, else `X-API-Key`. The verifiers are injected (src/auth provides them); a
// credential that is present but fails is a 401, never a fall-through to the next method.
// Credentials are never logged, stored on the request or echoed in an error. An API key may come as
// `Authorization: Bearer ck_…` (RFC 6750), the header shared caches do not store answers to (RFC
// 9111 §3.5) and proxies treat as a credential; its `ck_` prefix tells it from a JWT (a JWT starts
// with its base64url header, `ey…`), so each credential goes to exactly one verifier.
import type { FastifyRequest } from 'fastify';
import type { TLSSocket } from 'node:tls';
import { CordonError, isCordonError } from '../errors.js';
import { API_KEY_PREFIX } from '../auth/api-key-format.js';
import { unauthenticated, UNAUTHENTICATED_MESSAGE } from '../auth/principal.js';
import { principalFromCertificate, type Authenticated, type Principal } from './principal.js';

export interface Authenticators {
  /** Verifies a JWT and returns its principal; throws on any failure. */
  readonly jwt?: (token: string) => Promise<Principal>;
  /** Verifies an API key and returns its principal; throws on any failure. */
  readonly apiKey?: (key: string) => Promise<Principal>;
}

/** Max length of a credential header we look at; longer ones are refused unread. */
const MAX_CREDENTIAL_LENGTH = 8192;

// One code and one message for a missing credential and for every refused one (src/auth); the
// reason rides on the error's cause for the audit log only.
const missing = () => new CordonError('ERR_UNAUTHENTICATED', UNAUTHENTICATED_MESSAGE);
const rejected = () => unauthenticated('malformed');
/**
 * src/auth's refusal as is; a store that is down stays a 503 (not a misleading 401); anything else
 * a verifier throws becomes a plain refusal.
 */
const refusal = (e: unknown) => (isCordonError(e, 'ERR_UNAUTHENTICATED') || (isCordonError(e) && e.category === 'unavailable') ? e : rejected());

/**
 * The principal of each verified TLS connection, read from its certificate once: a keep-alive
 * connection carries many requests, and TLS 1.3 has no renegotiation, so the peer cannot change.
 */
const connectionPrincipals = new WeakMap<object, Authenticated | null>();

function fromConnection(socket: Partial<TLSSocket>): Authenticated | undefined {
  if (socket.authorized !== true || typeof socket.getPeerCertificate !== 'function') return undefined;
  const known = connectionPrincipals.get(socket);
  if (known !== undefined) return known ?? undefined;
  const cert = socket.getPeerCertificate();
  let found: Authenticated | null = null;
  if (cert !== null && Object.keys(cert).length > 0) {
    try {
      found = { principal: principalFromCertificate(cert), method: 'mtls' };
    } catch (e) {
      throw refusal(e);
    }
  }
  connectionPrincipals.set(socket, found);
  return found ?? undefined;
}

export async function authenticate(request: FastifyRequest, auth: Authenticators): Promise<Authenticated> {
  const fromCert = fromConnection(request.raw.socket as Partial<TLSSocket>);
  if (fromCert !== undefined) return fromCert;
  const authz = request.headers.authorization;
  if (typeof authz === 'string' && authz !== '') {
    const m = /^Bearer ([A-Za-z0-9_.~+/=-]+)$/.exec(authz);
    if (m === null || authz.length > MAX_CREDENTIAL_LENGTH) throw rejected();
    const credential = m[1]!;
    if (credential.startsWith(API_KEY_PREFIX)) {
      if (auth.apiKey === undefined) throw rejected();
      try {
        return { principal: await auth.apiKey(credential), method: 'apikey' };
      } catch (e) {
        throw refusal(e);
      }
    }
    if (auth.jwt === undefined) throw rejected();
    try {
      return { principal: await auth.jwt(credential), method: 'jwt' };
    } catch (e) {
      throw refusal(e);
    }
  }
  const key = request.headers['x-api-key'];
  if (key !== undefined) {
    if (typeof key !== 'string' || key === '' || key.length > MAX_CREDENTIAL_LENGTH || auth.apiKey === undefined) throw rejected();
    try {
      return { principal: await auth.apiKey(key), method: 'apikey' };
    } catch (e) {
      throw refusal(e);
    }
  }
  throw missing();
}
