// Random credentials in the shapes providers document, and look-alikes that hold no secret, for the
// secrets dev set (bench/gen/secrets.ts). Every value is drawn from a seeded generator: no value
// here is, or was ever, a live credential. Formats follow each provider's published token prefixes
// and lengths (GitHub, GitLab, Slack, Stripe, OpenAI, Anthropic, Google, Azure, ...).

import { rng, type Rng } from './rng.js';

export { rng, type Rng };

export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
export const int = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = UPPER + LOWER + DIGITS;
const HEX = '0123456789abcdef';
const B64 = ALNUM + '+/';
const B64URL = ALNUM + '-_';
const BECH32 = 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L';

export function chars(r: Rng, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(r() * alphabet.length)]!;
  return s;
}
export const alnum = (r: Rng, n: number): string => chars(r, ALNUM, n);
export const hex = (r: Rng, n: number): string => chars(r, HEX, n);
export const b64 = (r: Rng, n: number): string => chars(r, B64, n);
export const b64url = (r: Rng, n: number): string => chars(r, B64URL, n);
export const digits = (r: Rng, n: number): string => chars(r, DIGITS, n);
export const letters = (r: Rng, n: number): string => chars(r, UPPER + LOWER, n);

function base64(bytes: string): string {
  return Buffer.from(bytes, 'utf8').toString('base64');
}
const b64urlOf = (s: string): string => base64(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

/** A provider token: a name (for templates that say which service) and the value. */
export interface Token { readonly kind: string; readonly service: string; readonly value: string }

const T = (kind: string, service: string, value: string): Token => ({ kind, service, value });

/** Credentials with a documented prefix or structure, one maker per format. */
export const PROVIDER_TOKENS: ReadonlyArray<(r: Rng) => Token> = [
  (r) => T('aws-access-key-id', 'aws', pick(r, ['AKIA', 'ASIA']) + chars(r, UPPER + '234567', 16)),
  (r) => T('github-pat', 'github', 'ghp_' + alnum(r, 36)),
  (r) => T('github-oauth', 'github', pick(r, ['gho_', 'ghs_', 'ghu_', 'ghr_']) + alnum(r, 36)),
  (r) => T('github-fine-grained', 'github', 'github_pat_' + alnum(r, 22) + '_' + alnum(r, 59)),
  (r) => T('gitlab-pat', 'gitlab', 'glpat-' + b64url(r, 20)),
  (r) => T('gitlab-ci-job', 'gitlab', 'glcbt-' + alnum(r, int(r, 1, 5)) + '_' + b64url(r, 20)),
  (r) => T('gitlab-runner', 'gitlab', pick(r, ['glrt-', 'gldt-', 'glsoat-', 'glft-']) + b64url(r, 20)),
  (r) => T('gitlab-trigger', 'gitlab', 'glptt-' + hex(r, 40)),
  (r) => T('slack-bot', 'slack', `xoxb-${digits(r, int(r, 10, 13))}-${digits(r, int(r, 10, 13))}-${alnum(r, 24)}`),
  (r) => T('slack-user', 'slack', `xoxp-${digits(r, 12)}-${digits(r, 12)}-${digits(r, 13)}-${hex(r, 32)}`),
  (r) => T('slack-app', 'slack', `xapp-1-A${chars(r, UPPER + DIGITS, 10)}-${digits(r, 13)}-${hex(r, 64)}`),
  (r) => T('stripe-secret', 'stripe', pick(r, ['sk_live_', 'sk_live_', 'sk_test_']) + alnum(r, pick(r, [24, 99]))),
  (r) => T('stripe-restricted', 'stripe', pick(r, ['rk_live_', 'rk_test_']) + alnum(r, pick(r, [24, 99]))),
  (r) => T('openai-project', 'openai', pick(r, ['sk-proj-', 'sk-svcacct-', 'sk-admin-']) + b64url(r, 74) + 'T3BlbkFJ' + b64url(r, 74)),
  (r) => T('openai-legacy', 'openai', 'sk-' + alnum(r, 20) + 'T3BlbkFJ' + alnum(r, 20)),
  (r) => T('anthropic', 'anthropic', pick(r, ['sk-ant-api03-', 'sk-ant-admin01-']) + b64url(r, 93) + 'AA'),
  (r) => T('google-api-key', 'google', 'AIza' + b64url(r, 35)),
  (r) => T('google-oauth-secret', 'google', 'GOCSPX-' + b64url(r, 28)),
  (r) => T('azure-ad-client-secret', 'azure', alnum(r, 3) + digits(r, 1) + 'Q~' + chars(r, ALNUM + '_~.-', 34)),
  (r) => T('npm', 'npm', 'npm_' + alnum(r, 36)),
  (r) => T('pypi', 'pypi', 'pypi-AgEIcHlwaS5vcmc' + b64url(r, int(r, 70, 160))),
  (r) => T('huggingface', 'huggingface', pick(r, ['hf_', 'hf_', 'api_org_']) + letters(r, 34)),
  (r) => T('twilio-api-key', 'twilio', 'SK' + hex(r, 32)),
  (r) => T('sendgrid', 'sendgrid', 'SG.' + b64url(r, 22) + '.' + b64url(r, 43)),
  (r) => T('digitalocean', 'digitalocean', pick(r, ['dop_v1_', 'doo_v1_', 'dor_v1_']) + hex(r, 64)),
  (r) => T('databricks', 'databricks', 'dapi' + hex(r, 32) + (r() < 0.3 ? '-2' : '')),
  (r) => T('shopify', 'shopify', pick(r, ['shpat_', 'shpca_', 'shppa_', 'shpss_']) + hex(r, 32)),
  (r) => T('mailgun', 'mailgun', 'key-' + hex(r, 32)),
  (r) => T('heroku', 'heroku', 'HRKU-AA' + b64url(r, 58)),
  (r) => T('vault', 'vault', 'hvs.' + b64url(r, 95)),
  (r) => T('linear', 'linear', 'lin_api_' + alnum(r, 40)),
  (r) => T('postman', 'postman', 'PMAK-' + hex(r, 24) + '-' + hex(r, 34)),
  (r) => T('grafana', 'grafana', 'glsa_' + alnum(r, 32) + '_' + hex(r, 8)),
  (r) => T('sentry', 'sentry', 'sntryu_' + hex(r, 64)),
  (r) => T('docker', 'docker', 'dckr_pat_' + b64url(r, 27)),
  (r) => T('supabase', 'supabase', 'sbp_' + hex(r, 40)),
  (r) => T('groq', 'groq', 'gsk_' + alnum(r, 52)),
  (r) => T('replicate', 'replicate', 'r8_' + alnum(r, 37)),
  (r) => T('perplexity', 'perplexity', 'pplx-' + alnum(r, 48)),
  (r) => T('xai', 'xai', 'xai-' + alnum(r, 80)),
  (r) => T('telegram', 'telegram', digits(r, 10) + ':AA' + b64url(r, 33)),
  (r) => T('atlassian', 'atlassian', 'ATATT3' + b64url(r, 180) + '=' + hex(r, 8).toUpperCase()),
  (r) => T('age', 'age', 'AGE-SECRET-KEY-1' + chars(r, BECH32, 58)),
  (r) => T('square', 'square', pick(r, ['EAAA', 'sq0atp-', 'sq0csp-']) + b64url(r, 43)),
  (r) => T('notion', 'notion', 'ntn_' + digits(r, 11) + alnum(r, 35)),
  (r) => T('doppler', 'doppler', 'dp.pt.' + alnum(r, 43)),
  (r) => T('pulumi', 'pulumi', 'pul-' + hex(r, 40)),
  (r) => T('new-relic', 'newrelic', 'NRAK-' + chars(r, UPPER + DIGITS, 27)),
];

/** A JOSE compact JWS with a plausible header and claims (random subject and signature). */
export function jwt(r: Rng): string {
  const alg = pick(r, ['HS256', 'RS256', 'ES256']);
  const header = b64urlOf(JSON.stringify(r() < 0.5 ? { alg, typ: 'JWT' } : { alg, kid: hex(r, 8) }));
  const payload = b64urlOf(JSON.stringify({ sub: digits(r, 8), iss: pick(r, ['https://auth.example.net', 'api']), iat: 1_700_000_000 + int(r, 0, 9_999_999), exp: 1_800_000_000 }));
  return `${header}.${payload}.${b64url(r, alg === 'HS256' ? 43 : 86)}`;
}

/** A PEM private key block with a random body (not a valid key). */
export function pemPrivateKey(r: Rng): string {
  const label = pick(r, ['RSA PRIVATE KEY', 'PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'ENCRYPTED PRIVATE KEY']);
  const lines = Array.from({ length: int(r, 3, 8) }, () => b64(r, 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n${b64(r, int(r, 8, 60))}=\n-----END ${label}-----`;
}

/** Passwords people choose: words, digits, symbols; and generated ones. */
export function password(r: Rng): string {
  const words = ['summer', 'dragon', 'Welcome', 'monkey', 'Tr0ub4dor', 'letmein', 'Spring', 'Autumn', 'Falcon', 'river', 'Orange', 'sunshine', 'Pa55word', 'qwerty', 'Zebra', 'Hunter'];
  switch (int(r, 0, 4)) {
    case 0: return pick(r, words) + digits(r, int(r, 2, 4)) + pick(r, ['!', '#', '$', '', '@', '?']);
    case 1: return pick(r, words) + pick(r, ['-', '_', '.', '']) + pick(r, words).toLowerCase() + digits(r, 2);
    case 2: return chars(r, ALNUM + '!@#%^&*-_+=', int(r, 12, 24));
    case 3: return alnum(r, int(r, 16, 32));
    default: return pick(r, words) + pick(r, ['2023', '2024', '2025', '123', '1!', '99']) + pick(r, ['', '!', '*']);
  }
}

/** An opaque high-entropy API key or token with no provider prefix. */
export function opaqueKey(r: Rng): string {
  switch (int(r, 0, 3)) {
    case 0: return hex(r, pick(r, [32, 40, 64]));
    case 1: return alnum(r, int(r, 24, 48));
    case 2: return b64(r, 40);
    default: return b64url(r, int(r, 32, 64));
  }
}

export const basicAuth = (user: string, pw: string): string => base64(`${user}:${pw}`);

// --- look-alikes ----------------------------------------------------------------------------------

/** Providers' own documentation examples: published, never valid, no secret. */
export const EXAMPLE_KEYS: readonly string[] = [
  'AKIAIOSFODNN7EXAMPLE', 'AKIAI44QH8DHBEXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  'ASIAIOSFODNN7EXAMPLE',
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'sk_test_BQokikJOvBiI2HlWgH4olfQ2',
  'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'glpat-xxxxxxxxxxxxxxxxxxxx',
  'sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'sk-ant-api03-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'xoxb-xxxxxxxxxxxx-xxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx',
  'hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
  'sk-...', 'sk-xxxx', 'SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
];

/** Things written where a secret would be, that name or hide the secret instead of holding it. */
export function reference(r: Rng, name: string): string {
  const lower = name.toLowerCase();
  return pick(r, [
    `\${${name}}`, `$${name}`, `%${name}%`, `\${{ secrets.${name} }}`, `{{ .Values.${lower.replace(/_/g, '')} }}`,
    `{{ vault "secret/data/${lower}" "value" }}`, `<your-${lower.replace(/_/g, '-')}>`, `<${name}>`, `YOUR_${name}_HERE`,
    'changeme', 'xxxxxxxxxxxx', '********', 'REDACTED', '[REDACTED]', '<redacted>', 'CHANGE_ME', 'your-api-key-here', 'placeholder', '...',
    `!vault | $ANSIBLE_VAULT`, `ENC[AES256_GCM,data:...]`, 'null', 'none', '""', `env(${name})`,
  ]);
}

/** Code that reads a secret from somewhere: the secret is not in the text. */
export function codeReference(r: Rng, name: string): string {
  return pick(r, [
    `os.environ['${name}']`, `os.environ.get("${name}")`, `os.getenv("${name}")`, `process.env.${name}`, `process.env["${name}"]`,
    `System.getenv("${name}")`, `ENV.fetch("${name}")`, `ENV['${name}']`, `settings.${name}`, `config.get("${name.toLowerCase()}")`,
    `Environment.GetEnvironmentVariable("${name}")`, `os.Getenv("${name}")`, `secrets.get("${name.toLowerCase()}")`, `vault.read("secret/${name.toLowerCase()}")`,
  ]);
}

export const uuid = (r: Rng): string => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-${pick(r, ['8', '9', 'a', 'b'])}${hex(r, 3)}-${hex(r, 12)}`;
export const gitSha = (r: Rng): string => hex(r, 40);
export const sha256 = (r: Rng): string => hex(r, 64);
export const md5 = (r: Rng): string => hex(r, 32);
export const integrity = (r: Rng): string => `sha512-${b64(r, 86)}==`;
export const sshPublicKey = (r: Rng): string => `ssh-${pick(r, ['rsa', 'ed25519'])} AAAA${b64(r, 64)} ${pick(r, ['deploy@ci', 'ana@laptop', 'ops'])}`;
export const stripePublishable = (r: Rng): string => pick(r, ['pk_live_', 'pk_test_']) + alnum(r, 24);
export const googleClientId = (r: Rng): string => `${digits(r, 12)}-${chars(r, LOWER + DIGITS, 32)}.apps.googleusercontent.com`;
export const twilioSid = (r: Rng): string => 'AC' + hex(r, 32);
export const dockerDigest = (r: Rng): string => `sha256:${hex(r, 64)}`;
export const arn = (r: Rng): string => `arn:aws:iam::${digits(r, 12)}:role/${pick(r, ['deploy', 'etl-runner', 'lambda-exec'])}`;
export function publicKeyPem(r: Rng): string {
  const label = pick(r, ['PUBLIC KEY', 'CERTIFICATE', 'RSA PUBLIC KEY']);
  return `-----BEGIN ${label}-----\n${b64(r, 64)}\n${b64(r, 64)}\n${b64(r, 20)}==\n-----END ${label}-----`;
}
