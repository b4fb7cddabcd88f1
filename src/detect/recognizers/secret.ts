// SECRET: credentials that must never reach a model or a log. Three kinds of evidence (src/detect/
// secrets/): tokens in a provider's documented format (GitHub, GitLab, Slack, Stripe, OpenAI,
// Anthropic, Google, AWS, npm, PyPI, Hugging Face, …), values assigned to a secret-like name, and
// values after a fixed phrase (URL userinfo, Authorization headers, command lines, prose); plus JWTs
// and PEM private keys here. A finding covers the secret alone, never its name or quotes. References
// (${{ secrets.X }}, os.environ['X']), placeholders and documented example keys are not secrets.
// Linear-time: every pattern is a literal prefix with bounded classes; the finders scan once.
import type { Recognizer } from '../types.js';
import { findSecrets } from '../secrets/find-secrets.js';
import { notASecret } from '../secrets/not-a-secret.js';

export const secretRecognizer: Recognizer = {
  id: 'secret',
  entity: 'SECRET',
  // Its grammar marks its own edges (prefixes, '@', '://'): the engine's token-boundary rule does not apply.
  cutsWords: true,
  patterns: [
    // JOSE compact serialization (RFC 7515 §7.1): base64url(header).base64url(payload).signature,
    // header and payload both JSON objects, so both start with "eyJ" ('{"').
    { name: 'jwt', regex: /(?<![\w-])eyJ[A-Za-z0-9_-]{5,4096}\.eyJ[A-Za-z0-9_-]{5,8192}\.[A-Za-z0-9_-]{10,4096}(?![\w-])/, score: 0.9, requires: /eyJ/ },
    // RFC 7468 textual encoding (and OpenPGP's armor, RFC 4880 §6.2); the body stops at the first
    // "-----", so an unterminated BEGIN line costs one scan to the next boundary.
    { name: 'pem-private-key', regex: /-----BEGIN (?:[A-Z0-9]{1,16} ){0,3}PRIVATE KEY(?: BLOCK)?-----(?:[^-]|-(?!----)){16,16384}-----END (?:[A-Z0-9]{1,16} ){0,3}PRIVATE KEY(?: BLOCK)?-----/, score: 0.99, requires: /PRIVATE KEY/ },
    // Microsoft Entra ID (Azure AD) client secrets: a 3-character id, a digit, "Q~", then 31-34 characters.
    { name: 'azure-ad-client-secret', regex: /(?<![\w~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![\w~.-])/, score: 0.95, requires: /Q~/ },
    // Telegram bot tokens: the bot's numeric id, a colon, then 35 characters starting "AA".
    { name: 'telegram-bot-token', regex: /(?<![\w:])\d{8,10}:AA[A-Za-z0-9_-]{33}(?![\w-])/, score: 0.95, requires: /:AA/ },
  ],
  find: findSecrets,
  context: ['secret', 'token', 'key', 'api', 'password', 'credential', 'auth', 'bearer', 'passwd', 'pwd'],
  deny(text, start, end) {
    return notASecret(text.slice(start, end));
  },
};
