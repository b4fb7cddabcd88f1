// The principal named by a client certificate that TLS has already verified (this function checks
// no signature or chain: the TLS layer did). Order of preference:
//   1. a SPIFFE ID URI SAN (spiffe://trust-domain/path; SPIFFE-ID spec §2: lowercase trust domain,
//      path segments of [A-Za-z0-9._-], no empty, `.` or `..` segment, no query or fragment, at
//      most 2048 bytes). An X.509-SVID carries exactly one URI SAN; more than one SPIFFE ID is refused.
//   2. the first DNS SAN, then the first email SAN (rfc822Name);
//   3. the subject common name.
// Node quotes a SAN value that contains a comma or quote (subjectaltname: `URI:"…"`, since the
// CVE-2021-44532 fix); those are JSON strings and are decoded as such.
import { unauthenticated, type Principal } from './principal.js';
import { isReservedPrincipal } from './names.js';

export interface CertificateNames {
  /** X509Certificate#subject (`CN=a\nO=b`) or PeerCertificate#subject (`{ CN: 'a' }`). */
  readonly subject?: string | Readonly<Record<string, string | string[] | undefined>>;
  /** PeerCertificate#subjectaltname: `DNS:a, URI:spiffe://…, email:x@y`. */
  readonly subjectaltname?: string;
  /** X509Certificate#subjectAltName (same format). */
  readonly subjectAltName?: string | undefined;
}

const TRUST_DOMAIN_RE = /^[a-z0-9._-]{1,255}$/;
const SEGMENT_RE = /^[A-Za-z0-9._-]+$/;
const DNS_RE = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const EMAIL_RE = /^[\x21-\x3f\x41-\x7e]{1,64}@[A-Za-z0-9.-]{1,253}$/;
const CN_RE = /^[\x21-\x7e](?:[\x20-\x7e]{0,254}[\x21-\x7e])?$/;

/** Splits Node's subjectaltname string into [type, value] pairs, decoding quoted values. */
export function parseSubjectAltName(san: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let i = 0;
  while (i < san.length) {
    while (san[i] === ' ' || san[i] === ',') i++;
    const colon = san.indexOf(':', i);
    if (colon < 0) break;
    const type = san.slice(i, colon);
    i = colon + 1;
    let value: string;
    if (san[i] === '"') {
      // A JSON string: find its closing quote, skipping escapes.
      let j = i + 1;
      while (j < san.length && san[j] !== '"') j += san[j] === '\\' ? 2 : 1;
      try {
        value = JSON.parse(san.slice(i, j + 1)) as string;
      } catch {
        return out; // malformed: stop, use what was read so far
      }
      i = j + 1;
    } else {
      const comma = san.indexOf(', ', i);
      const end = comma < 0 ? san.length : comma;
      value = san.slice(i, end);
      i = end;
    }
    out.push([type, value]);
  }
  return out;
}

/** The trust domain and path of a valid SPIFFE ID, or undefined. */
export function parseSpiffeId(uri: string): { trustDomain: string; path: string } | undefined {
  if (uri.length > 2048 || !uri.startsWith('spiffe://')) return undefined;
  const rest = uri.slice('spiffe://'.length);
  const slash = rest.indexOf('/');
  const trustDomain = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '' : rest.slice(slash);
  if (!TRUST_DOMAIN_RE.test(trustDomain)) return undefined;
  if (path !== '') {
    const segments = path.slice(1).split('/');
    if (segments.some((s) => s === '.' || s === '..' || !SEGMENT_RE.test(s))) return undefined;
  }
  return { trustDomain, path };
}

function commonName(subject: CertificateNames['subject']): string | undefined {
  if (subject === undefined) return undefined;
  if (typeof subject === 'string') {
    const cns = subject.split('\n').filter((l) => l.startsWith('CN=')).map((l) => l.slice(3));
    return cns.length === 1 ? cns[0] : undefined;
  }
  const cn = subject['CN'];
  return typeof cn === 'string' ? cn : undefined;
}

/**
 * The Principal a verified client certificate names (via 'mtls', no roles: policies attach them).
 * Throws ERR_UNAUTHENTICATED when the certificate names nobody usable.
 *
 * @example
 * ```ts
 * const p = principalFromCertificate(request.raw.socket.getPeerCertificate());
 * // { id: 'spiffe://prod.example/ns/etl/sa/loader', via: 'mtls', attributes: { certificateName: 'uri', trustDomain: 'prod.example' }, roles: [] }
 * ```
 */
export function principalFromCertificate(cert: CertificateNames): Principal {
  const p = namedPrincipal(cert);
  if (isReservedPrincipal(p.id)) throw unauthenticated('reserved_principal');
  return p;
}

function namedPrincipal(cert: CertificateNames): Principal {
  const sanText = cert.subjectaltname ?? cert.subjectAltName ?? '';
  const sans = typeof sanText === 'string' && sanText.length <= 65536 ? parseSubjectAltName(sanText) : [];
  const spiffe = sans.filter(([t, v]) => t === 'URI' && v.startsWith('spiffe://'));
  if (spiffe.length > 1) throw unauthenticated('no_identity');
  if (spiffe.length === 1) {
    const id = spiffe[0]![1];
    const parsed = parseSpiffeId(id);
    if (parsed === undefined) throw unauthenticated('no_identity');
    return { id, roles: [], via: 'mtls', attributes: { certificateName: 'uri', trustDomain: parsed.trustDomain, spiffePath: parsed.path } };
  }
  const dns = sans.find(([t, v]) => t === 'DNS' && DNS_RE.test(v));
  if (dns) return { id: dns[1].toLowerCase(), roles: [], via: 'mtls', attributes: { certificateName: 'dns' } };
  const email = sans.find(([t, v]) => t === 'email' && EMAIL_RE.test(v));
  if (email) return { id: email[1], roles: [], via: 'mtls', attributes: { certificateName: 'email' } };
  const cn = commonName(cert.subject);
  if (cn !== undefined && CN_RE.test(cn)) return { id: cn, roles: [], via: 'mtls', attributes: { certificateName: 'cn' } };
  throw unauthenticated('no_identity');
}
