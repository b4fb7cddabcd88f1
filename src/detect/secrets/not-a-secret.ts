// What sits where a secret would, but holds none: references to a secret kept elsewhere (environment
// variables, CI secrets, templating, vault lookups, code that reads a setting), placeholders and
// redaction marks, the example keys providers print in their documentation, and values too uniform
// or too low in entropy to be a generated key. Pure predicates over a candidate value.

/**
 * Documented example credentials: AWS's *EXAMPLE keys, the jwt.io sample token's signature, Stripe's
 * published test keys. Matched as substrings so a quoted or prefixed copy is caught too.
 */
const EXAMPLE_MARKERS = [
  'EXAMPLE', // AWS: AKIAIOSFODNN7EXAMPLE, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, ASIA…EXAMPLE
  'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c', // jwt.io's HS256 sample ("John Doe")
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'sk_test_BQokikJOvBiI2HlWgH4olfQ2', 'pk_test_TYooMQauvdEDq54NiTphI7jx', // Stripe docs
];

export function isExampleKey(value: string): boolean {
  return EXAMPLE_MARKERS.some((m) => value.includes(m));
}

/** Whole-value placeholders and redaction marks. */
const PLACEHOLDER = new RegExp([
  '^[*xX#•.·_-]+$', // ****, xxxx, ..., ----, ####
  '^(?:<[^<>]{0,80}>|\\[[^\\[\\]]{0,80}\\]|\\([^()]{0,40}\\))$', // <your-api-key>, [REDACTED], (hidden)
  '^(?:your|my|insert|enter|put|add|replace|paste|set)(?:[\\s_-][a-z0-9]+){1,6}$', // your_api_key, insert-token-here
  '^(?:[a-z0-9]+[\\s_-]){0,5}(?:here|goes[\\s_-]here|placeholder|example|sample|dummy|redacted|removed|hidden|masked|omitted)$',
  '^(?:change[\\s_-]?me|change[\\s_-]?it|changethis|todo|tbd|fixme|none|null|nil|undefined|empty|n/?a|true|false|yes|no|on|off|required|optional|default|secret|password|passwd|pass|token|api[_-]?key|key|string|str|value|test|testing|dummy|sample|example|foo|bar|baz|foobar|redacted|hidden|masked|encrypted|unset|not[\\s_-]?set|prompt|ask|env|vault|sops|xxx+)$',
].join('|'), 'i');

/** The same character repeated, or a run of the alphabet or keyboard: not generated. */
function tooUniform(value: string): boolean {
  if (value.length >= 4 && new Set(value.toLowerCase()).size <= 2) return true;
  const v = value.toLowerCase();
  return v.length >= 8 && ('abcdefghijklmnopqrstuvwxyz'.includes(v) || '0123456789abcdef'.includes(v) || '1234567890'.includes(v) || 'qwertyuiopasdfghjklzxcvbnm'.includes(v));
}

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value) || tooUniform(value) || /(?:x{6,}|X{6,}|\*{4,}|0{12,})/.test(value);
}

/**
 * References: the value names where the secret lives instead of holding it. Shell and Compose
 * variables (${DB_PASSWORD}, $TOKEN, %API_KEY%), CI expressions (${{ secrets.X }}), templates
 * ({{ vault "…" }}, {{ .Values.x }}, <%= ENV['X'] %>), SOPS/Ansible Vault envelopes, and code that
 * reads a setting (os.environ['X'], process.env.X, config.get("x")).
 */
const REFERENCE = new RegExp([
  '^\\$\\{\\{?', '^\\$\\(', '^\\$[A-Za-z_][A-Za-z0-9_]*$', '^%[A-Za-z_][A-Za-z0-9_]*%$', '^\\{\\{', '^\\{%', '^<%', '^#\\{', '^@[A-Za-z_]+@$',
  '^\\$env:[A-Za-z_][A-Za-z0-9_]*$', '^@Microsoft\\.KeyVault\\(', '^!vault\\b', '^\\$ANSIBLE_VAULT', '^ENC\\[', '^vault:', '^arn:aws:', '^secretsmanager:', '^ref\\+', '^op://', '^sm://', '^gcp-secret:', '^azurekeyvault:',
  '\\b(?:os\\.environ|os\\.getenv|getenv|process\\.env|System\\.getenv|ENV\\[|ENV\\.fetch|Environment\\.GetEnvironmentVariable|os\\.Getenv|secrets\\.|Secrets\\.|config\\.get|settings\\.|vault\\.read|ssm\\.get|keyring\\.get|valueFrom|secretKeyRef)',
  '^(?:env|secret|vault|file)\\(',
].join('|'));

export function isReference(value: string): boolean {
  return REFERENCE.test(value);
}

/**
 * An identifier in code rather than a literal: `password = password`, `token: this.token`,
 * `api_key=settings.API_KEY`. Only for unquoted values in code-like text.
 */
const CODE_OBJECT = /^(?:self|this|cls|cfg|conf|config|configuration|settings|options|opts|args|params|env|environ|ctx|context|app|props|properties|secrets|credentials|creds|vault|request|req|os|process|system|values|data|auth|user|account|client)\b/i;

export function isCodeIdentifier(value: string): boolean {
  if (/^[A-Za-z_$][\w$]*\(.*\)$/.test(value) || /^[A-Za-z_$][\w$.]*\[.*\]$/.test(value)) return true; // a call or an index
  if (!/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return false;
  // Dotted: a member of a known object, or words without digits (user.password). "Falcon.dragon56"
  // has the digits people add to passwords.
  return CODE_OBJECT.test(value) || !/\d/.test(value);
}

/** A filesystem path or URL with no userinfo: PWD=/home/app, KEY_FILE=./secrets/key.pem. */
export function isPathOrUrl(value: string): boolean {
  if (/^[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:@/]+(?:[/:?#]|$)/i.test(value)) return true;
  if (!/^(?:\/|~\/|\.{1,2}\/|[A-Za-z]:\\)[\w./\\ -]*$/.test(value)) return false;
  // Base64 keys start with "/" one time in 64 (an AWS secret access key, /mqav5uKj…): a path is made of
  // names, and a segment that looks machine-generated is a key's body, not a directory.
  return !value.split(/[/\\]/).some((part) => looksGenerated(part));
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * A machine-generated key or token, as opposed to a word, a number, a date or a version: long enough,
 * a key's alphabet, several character classes (or a long hex or base32 run), and high entropy.
 */
export function looksGenerated(value: string): boolean {
  if (value.length < 16 || value.length > 1024) return false;
  if (!/^[A-Za-z0-9+/=_.~:-]+$/.test(value)) return false;
  if (/^\d+$/.test(value) || /^\d{4}-\d{2}-\d{2}/.test(value) || /^v?\d+(?:\.\d+){1,3}(?:[-+][\w.]+)?$/.test(value)) return false;
  const lower = /[a-z]/.test(value);
  const upper = /[A-Z]/.test(value);
  const digit = /\d/.test(value);
  const classes = Number(lower) + Number(upper) + Number(digit);
  const hexRun = /^[0-9a-f]{24,}$/i.test(value);
  if (classes < 2 && !hexRun) return false;
  // Words and numbers joined by separators (some_config_value, my-app.prod, user:1234:profile) are
  // names and paths, not keys.
  if (value.split(/[._:~-]+/).every((part) => /^(?:[A-Za-z][a-z]*|[A-Z]+|\d+)$/.test(part))) return false;
  // Hex carries at most 4 bits a character: a random 32-digit hex key scores about 3.7.
  return entropy(value) >= (hexRun ? 3.0 : value.length >= 32 ? 3.5 : 3.0);
}

/** Why `value`, found where a secret would be, holds none; undefined when it may be a secret. */
export function notASecret(value: string): string | undefined {
  if (isExampleKey(value)) return 'documented example key';
  if (isReference(value)) return 'reference to a secret held elsewhere';
  if (isPlaceholder(value)) return 'placeholder';
  return undefined;
}
