// Credentials wrapped in standard base64 whose first bytes say what they are: a PEM private key
// ("-----BEGIN … PRIVATE KEY-----", base64 "LS0tLS1CRUdJTi…") and a Docker config JSON with registry
// logins ('{"auths":', base64 "eyJhdXRocyI6…"). Kubernetes Secrets (tls.key, .dockerconfigjson), Helm
// values and CI variables carry them this way; a base64 certificate or public key, which starts the
// same, is told apart by decoding the header. The finding covers the whole base64 value.
//
// Must never: decode more than a short head of a value (the verdict reads the header only), or report
// a certificate, a public key or a Docker config without credentials. Linear-time: one indexOf scan
// per marker and one pass over each run.
import type { Candidate } from '../types.js';

const PEM_MARK = 'LS0tLS1CRUdJTi'; // base64("-----BEGIN")
const DOCKER_MARK = 'eyJhdXRocyI6'; // base64('{"auths":')
const B64 = /[A-Za-z0-9+/]/;
const MAX_RUN = 65_536;

/** The decoded first `chars` characters of a base64 run (a multiple of 4), or '' when it does not decode. */
function head(value: string, chars: number): string {
  try {
    return atob(value.slice(0, chars - (chars % 4)));
  } catch {
    return '';
  }
}

function* runs(text: string, mark: string): Generator<[number, number]> {
  for (let at = text.indexOf(mark); at !== -1; at = text.indexOf(mark, at + 1)) {
    if (at > 0 && B64.test(text[at - 1]!)) continue;
    let end = at;
    while (end < text.length && end - at < MAX_RUN && B64.test(text[end]!)) end++;
    while (end < text.length && text[end] === '=' && end - at < MAX_RUN) end++;
    if (end < text.length && (B64.test(text[end]!) || text[end] === '=')) continue;
    yield [at, end];
    at = end - 1;
  }
}

/**
 * Base64-wrapped private keys and Docker registry logins.
 *
 * @example
 * ```ts
 * findEncodedSecrets('tls.key: ' + btoa('-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEI…'))
 * // → [{ start: 9, end: …, score: 0.95, pattern: 'encoded:pem-private-key' }]
 * ```
 */
export function findEncodedSecrets(text: string): Candidate[] {
  const out: Candidate[] = [];
  if (text.includes(PEM_MARK)) {
    for (const [start, end] of runs(text, PEM_MARK)) {
      if (end - start < 64) continue;
      if (/^-----BEGIN (?:[A-Z0-9]{1,16} ){0,3}PRIVATE KEY(?: BLOCK)?-----/.test(head(text.slice(start, end), 80))) {
        out.push({ start, end, score: 0.95, pattern: 'encoded:pem-private-key' });
      }
    }
  }
  if (text.includes(DOCKER_MARK)) {
    for (const [start, end] of runs(text, DOCKER_MARK)) {
      // A login is an "auth" (base64 user:password), a "password" or an "identitytoken" entry.
      if (/"(?:auth|password|identitytoken|registrytoken)"\s*:\s*"[^"]/.test(head(text.slice(start, end), 4096))) {
        out.push({ start, end, score: 0.9, pattern: 'encoded:docker-config' });
      }
    }
  }
  return out;
}
