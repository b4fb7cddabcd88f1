// Who is calling, as src/auth defines it, and the adapter from a TLS peer certificate to a principal.
// src/auth owns the naming rules (SPIFFE URI SAN, then DNS/email SAN, then CN); this file only
// hands it what Node's TLS layer verified.
import type { PeerCertificate } from 'node:tls';
import { principalFromCertificate as fromNames } from '../auth/principal-from-certificate.js';
import type { Principal } from '../auth/principal.js';

export type { Principal };

/** A principal and how it was established (for the audit event and metrics, never the credential). */
export interface Authenticated {
  readonly principal: Principal;
  readonly method: Principal['via'];
}

/**
 * The principal a verified client certificate names; throws ERR_UNAUTHENTICATED when it names
 * none. The caller must only pass a certificate the TLS layer verified against the CA.
 */
export function principalFromCertificate(cert: PeerCertificate): Principal {
  return fromNames({ subject: cert.subject as unknown as Record<string, string | string[] | undefined>, ...(cert.subjectaltname !== undefined ? { subjectaltname: cert.subjectaltname } : {}) });
}
