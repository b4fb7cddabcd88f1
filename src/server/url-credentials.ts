// Credentials never belong in a URL: URLs end up in request logs, proxy logs, browser history and
// Referer headers (issue 12: `?api_key=ck_…` was logged verbatim). Two pure functions: whether a
// request URL carries a credential (a credential-named query parameter, or a credential-shaped
// value anywhere in it), which the server refuses with 400 before authenticating; and the path the
// request log may show — no query string, credential-shaped values replaced, bounded in length.

/** Query parameter names that carry credentials (RFC 6750 §2.3 `access_token`, and the usual others). */
const CREDENTIAL_PARAM_RE = /^(?:x[_-]?)?(?:api[_-]?key|apikey|access[_-]?token|id[_-]?token|refresh[_-]?token|token|jwt|bearer|auth|authorization|password|passwd|pwd|secret|client[_-]?secret|session|sessionid)$/i;

/** A Cordon API key (`ck_<id>_<secret>`, src/auth/api-key-format.ts) or a JWS compact serialization, whole or in part. */
const CREDENTIAL_VALUE_RE = /ck_[0-9a-fA-F]{24}_[A-Za-z0-9_-]{8,}|eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}|Bearer[ +]|Bearer%20/;
const CREDENTIAL_VALUE_GLOBAL_RE = new RegExp(CREDENTIAL_VALUE_RE.source, 'g');

/** The longest path the request log shows. */
const MAX_LOGGED_PATH = 256;

function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * True when `url` (a request target: path and optional query) holds a credential: a query
 * parameter named like one (whatever its value), or a credential-shaped value in the path or query,
 * raw or percent-decoded.
 */
export function urlHoldsCredential(url: string): boolean {
  if (CREDENTIAL_VALUE_RE.test(url) || CREDENTIAL_VALUE_RE.test(decoded(url))) return true;
  const q = url.indexOf('?');
  if (q < 0) return false;
  for (const name of new URLSearchParams(url.slice(q + 1)).keys()) if (CREDENTIAL_PARAM_RE.test(name.trim())) return true;
  return false;
}

/** What the request log shows of `url`: the path only, credential-shaped values replaced, at most 256 characters. */
export function loggablePath(url: string): string {
  const q = url.search(/[?#]/);
  const path = (q < 0 ? url : url.slice(0, q)).replace(CREDENTIAL_VALUE_GLOBAL_RE, '[redacted]');
  return path.length > MAX_LOGGED_PATH ? `${path.slice(0, MAX_LOGGED_PATH)}…` : path;
}
