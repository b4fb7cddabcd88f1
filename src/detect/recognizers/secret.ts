// SECRET: credentials that must never reach a model or a log — cloud and SaaS API keys with a
// published, distinctive prefix (AWS, GitHub, Slack, Stripe, Google), JWTs, PEM private keys, and
// passwords inside URLs or connection strings (narrowed to the password with group v). Each shape is
// specific enough for a high base score. Linear-time: every body is one character class with a fixed
// upper bound, and a lookbehind on that class lets each run start a match only once.
import type { Recognizer } from '../types.js';

export const secretRecognizer: Recognizer = {
  id: 'secret',
  entity: 'SECRET',
  // Its grammar marks its own edges (prefixes, '@', '://'): the engine's token-boundary rule does not apply.
  cutsWords: true,
  patterns: [
    // AWS IAM unique-id prefixes: AKIA (long-term key), ASIA (STS temporary key).
    { name: 'aws-access-key-id', regex: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/, score: 0.9, requires: /A[KS]IA/ },
    // A 40-character AWS secret key is indistinguishable from base64 noise without its name beside it.
    { name: 'aws-secret-access-key', regex: /\baws_?secret(?:_?access)?_?key["']?\s{0,3}[:=]\s{0,3}["']?(?<v>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/i, score: 0.85, requires: /secret/i },
    { name: 'github-token', regex: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,244})(?![A-Za-z0-9_])/, score: 0.95, requires: /gh[pousr]_|github_pat_/ },
    { name: 'slack-token', regex: /(?<![\w-])xox[abprs]-[A-Za-z0-9-]{10,250}(?![\w-])/, score: 0.9, requires: /xox/ },
    { name: 'stripe-key', regex: /(?<![\w])(?:sk|rk)_live_[A-Za-z0-9]{16,247}(?![\w])/, score: 0.95, requires: /_live_/ },
    { name: 'google-api-key', regex: /(?<![\w-])AIza[0-9A-Za-z_-]{35}(?![\w-])/, score: 0.9, requires: /AIza/ },
    // JOSE compact serialization (RFC 7515 §7.1): base64url(header).base64url(payload).signature,
    // header and payload both JSON objects, so both start with "eyJ" ('{"').
    { name: 'jwt', regex: /(?<![\w-])eyJ[A-Za-z0-9_-]{5,4096}\.eyJ[A-Za-z0-9_-]{5,8192}\.[A-Za-z0-9_-]{10,4096}(?![\w-])/, score: 0.9, requires: /eyJ/ },
    // RFC 7468 textual encoding; the body stops at the first "-----", so an unterminated BEGIN line
    // costs one scan to the next boundary, never a scan to the end of the text.
    { name: 'pem-private-key', regex: /-----BEGIN (?:[A-Z0-9]{1,16} ){0,3}PRIVATE KEY-----(?:[^-]|-(?!----)){16,16384}-----END (?:[A-Z0-9]{1,16} ){0,3}PRIVATE KEY-----/, score: 0.99, requires: /PRIVATE KEY/ },
    // RFC 3986 userinfo: scheme://user:password@host — the password alone is the secret.
    { name: 'url-password', regex: /(?<![\w+.-])[A-Za-z][A-Za-z0-9+.-]{1,20}:\/\/[^\s:/@]{1,128}:(?<v>[^\s:/@]{1,128})@[A-Za-z0-9[]/, score: 0.9, requires: /:\/\// },
    // ADO.NET / ODBC / libpq key-value connection strings: Password=...; Pwd=...
    { name: 'connection-string-password', regex: /(?<![\w])(?:password|passwd|pwd)\s{0,3}=\s{0,3}(?<v>[^\s;'"&]{1,128})/i, score: 0.85, requires: /=/ },
  ],
  context: ['secret', 'token', 'key', 'api', 'password', 'credential', 'auth', 'bearer'],
  deny(text, start, end) {
    // Placeholders in documentation: Password=*** or Password=<password> or ${DB_PASSWORD}.
    if (/^(?:\*+|<[^>]*>?|\$\{?[\w]*\}?|x+|\.{3})$/i.test(text.slice(start, end))) return 'placeholder';
    return undefined;
  },
};
