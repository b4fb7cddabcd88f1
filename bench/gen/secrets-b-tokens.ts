// Credential values and look-alikes for the second, independent secrets set (bench/gen/secrets-b.ts).
// Written apart from secrets-tokens.ts on purpose: its own makers, its own alphabets and lengths, read
// from the providers' public documentation and the public rule lists of secret scanners (gitleaks,
// trufflehog detectors), so the set does not share the first generator's assumptions. Every value is
// drawn from a seeded generator: none is, or ever was, a live credential.
import { chance, int, pick, type Rng } from './rng.js';

export { chance, int, pick, type Rng };

const UP = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LO = 'abcdefghijklmnopqrstuvwxyz';
const DG = '0123456789';
const AN = UP + LO + DG;

export function draw(r: Rng, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(r() * alphabet.length)]!;
  return s;
}
export const an = (r: Rng, n: number): string => draw(r, AN, n);
export const hx = (r: Rng, n: number): string => draw(r, '0123456789abcdef', n);
export const dg = (r: Rng, n: number): string => draw(r, DG, n);
export const lo = (r: Rng, n: number): string => draw(r, LO + DG, n);
export const b64body = (r: Rng, n: number): string => draw(r, AN + '+/', n);
export const b64u = (r: Rng, n: number): string => draw(r, AN + '-_', n);
/** Standard base64 of n random bytes, with its padding. */
export function b64bytes(r: Rng, n: number): string {
  const bytes = Buffer.alloc(n);
  for (let i = 0; i < n; i++) bytes[i] = Math.floor(r() * 256);
  return bytes.toString('base64');
}
export const b64of = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const b64uOf = (s: string): string => b64of(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

/** A credential with the service it belongs to (templates name the variable after it). */
export interface Cred { readonly service: string; readonly value: string }
const C = (service: string, value: string): Cred => ({ service, value });

/**
 * Provider credentials, one maker per documented format. Includes formats whose value has no prefix
 * and is recognisable only by where it stands (the AWS secret access key, Azure account keys, Twilio
 * auth tokens, Datadog keys), which the templates always place after their usual name.
 */
export const CREDS: ReadonlyArray<(r: Rng) => Cred> = [
  (r) => C('aws', 'AKIA' + draw(r, UP + '234567', 16)),
  (r) => C('github', 'ghp_' + an(r, 36)),
  (r) => C('github', 'github_pat_11' + draw(r, UP + DG, 20) + '_' + an(r, 59)),
  (r) => C('github', 'gho_' + an(r, 36)),
  (r) => C('gitlab', 'glpat-' + b64u(r, 20)),
  (r) => C('gitlab', 'glrt-' + b64u(r, 20)),
  (r) => C('slack', `xoxb-${dg(r, 11)}-${dg(r, 13)}-${an(r, 24)}`),
  (r) => C('slack', `xoxp-${dg(r, 11)}-${dg(r, 11)}-${dg(r, 13)}-${hx(r, 32)}`),
  (r) => C('stripe', 'sk_live_51' + an(r, 97)),
  (r) => C('stripe', 'rk_live_51' + an(r, 97)),
  (r) => C('stripe', 'whsec_' + an(r, 32)),
  (r) => C('twilio', 'SK' + hx(r, 32)),
  (r) => C('sendgrid', 'SG.' + b64u(r, 22) + '.' + b64u(r, 43)),
  (r) => C('npm', 'npm_' + an(r, 36)),
  (r) => C('pypi', 'pypi-AgEIcHlwaS5vcmc' + b64u(r, int(r, 60, 120))),
  (r) => C('huggingface', 'hf_' + draw(r, UP + LO, 34)),
  (r) => C('openai', 'sk-proj-' + b64u(r, 58) + 'T3BlbkFJ' + b64u(r, 58)),
  (r) => C('openai', 'sk-svcacct-' + b64u(r, 64) + 'T3BlbkFJ' + b64u(r, 64)),
  (r) => C('anthropic', 'sk-ant-api03-' + b64u(r, 93) + 'AA'),
  (r) => C('google', 'AIza' + b64u(r, 35)),
  (r) => C('google', 'ya29.a0' + b64u(r, int(r, 100, 180))),
  (r) => C('mailchimp', hx(r, 32) + '-us' + int(r, 1, 21)),
  (r) => C('shopify', 'shpat_' + hx(r, 32)),
  (r) => C('digitalocean', 'dop_v1_' + hx(r, 64)),
  (r) => C('vault', 'hvs.' + b64u(r, 24)),
  (r) => C('discord', `${b64uOf(dg(r, 18))}.${b64u(r, 6)}.${b64u(r, 38)}`),
  (r) => C('databricks', 'dapi' + hx(r, 32)),
  (r) => C('linear', 'lin_api_' + an(r, 40)),
  (r) => C('doppler', 'dp.st.prd.' + an(r, 43)),
  (r) => C('terraform', an(r, 14) + '.atlasv1.' + an(r, 67)),
];

/** Values with no provider prefix, recognisable only by their name. */
export const awsSecretKey = (r: Rng): string => b64body(r, 40);
export const azureAccountKey = (r: Rng): string => b64bytes(r, 64);
export const azureSasKey = (r: Rng): string => b64bytes(r, 32);
export const twilioAuthToken = (r: Rng): string => hx(r, 32);
export const datadogApiKey = (r: Rng): string => hx(r, 32);
export const cloudflareToken = (r: Rng): string => b64u(r, 40);

/** Passwords as people and generators make them. */
export function pw(r: Rng): string {
  const w = ['Marigold', 'tundra', 'Copper', 'velvet', 'Lantern', 'orbit', 'Juniper', 'falcon', 'Meadow', 'cobalt', 'Ripple', 'saffron'];
  switch (int(r, 0, 5)) {
    case 0: return pick(r, w) + pick(r, ['!', '#', '$', '%', '&', '*']) + dg(r, int(r, 2, 4));
    case 1: return `${pick(r, w).toLowerCase()}-${pick(r, w).toLowerCase()}-${dg(r, 2)}`;
    case 2: return draw(r, AN + '!#%^*_+=~', int(r, 14, 28));
    case 3: return an(r, int(r, 20, 32));
    case 4: return pick(r, w) + dg(r, 4) + '!';
    default: return `${pick(r, w)}.${pick(r, w)}${dg(r, 1)}`;
  }
}

/** A JWT with a real JSON header and claims and a random signature. */
export function jwtToken(r: Rng): string {
  const alg = pick(r, ['RS256', 'HS512', 'ES384', 'PS256']);
  const h = b64uOf(JSON.stringify({ typ: 'JWT', alg, kid: an(r, 12) }));
  const p = b64uOf(JSON.stringify({ aud: pick(r, ['billing', 'https://api.example.org']), sub: `user|${dg(r, 9)}`, scope: 'read write', exp: 1_760_000_000 + int(r, 0, 99_999_999) }));
  return `${h}.${p}.${b64u(r, alg === 'HS512' ? 86 : alg === 'ES384' ? 128 : 342)}`;
}

/** A PEM private key body (random base64, not a key); `escaped` writes the newlines as "\n" (JSON). */
export function pemKey(r: Rng, escaped = false): string {
  const label = pick(r, ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY']);
  const nl = escaped ? '\\n' : '\n';
  const lines = Array.from({ length: int(r, 4, 10) }, () => b64body(r, 64));
  return `-----BEGIN ${label}-----${nl}${lines.join(nl)}${nl}${b64body(r, int(r, 10, 50))}==${nl}-----END ${label}-----`;
}

// --- look-alikes --------------------------------------------------------------------------------

/** Example credentials printed in providers' and tools' documentation. */
export const DOC_EXAMPLES: readonly string[] = [
  'AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'AKIAI44QH8DHBEXAMPLE', 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'sk_test_BQokikJOvBiI2HlWgH4olfQ2',
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
];

/** Placeholders people leave where the value should go. */
export function placeholder(r: Rng, name: string): string {
  const kebab = name.toLowerCase().replace(/_/g, '-');
  return pick(r, [
    `<${kebab}>`, `<YOUR_${name}>`, `YOUR_${name}`, `your-${kebab}-here`, 'changeme', 'CHANGEME', 'xxxxxxxxxxxxxxxx', '****', '********',
    'sk-...', 'ghp_...', '<redacted>', '[REDACTED]', 'REPLACE_ME', 'TODO', '""', 'null', '...', `insert-${kebab}`, 'dummy',
  ]);
}

/** Ways to point at a secret held elsewhere. */
export function secretRef(r: Rng, name: string): string {
  return pick(r, [
    `\${{ secrets.${name} }}`, `\${${name}}`, `$${name}`, `\${${name}:?missing}`, `vault:secret/data/prod/${name.toLowerCase()}#value`,
    `@Microsoft.KeyVault(SecretUri=https://kv-prod.vault.azure.net/secrets/${name.toLowerCase().replace(/_/g, '-')}/)`,
    `arn:aws:secretsmanager:eu-west-1:${dg(r, 12)}:secret:prod/${name.toLowerCase()}-${an(r, 6)}`, `op://Engineering/${name.toLowerCase()}/credential`,
    `{{ .Values.secrets.${name.toLowerCase()} }}`, `{{ lookup('env', '${name}') }}`, `$(cat /run/secrets/${name.toLowerCase()})`,
  ]);
}

/** Code that reads a secret, in several languages. */
export function codeRead(r: Rng, name: string): string {
  return pick(r, [
    `os.environ["${name}"]`, `os.getenv('${name}')`, `process.env.${name}`, `process.env['${name}']`, `System.getenv("${name}")`,
    `std::env::var("${name}")?`, `os.Getenv("${name}")`, `ENV.fetch('${name}')`, `Deno.env.get("${name}")`, `getenv('${name}')`,
  ]);
}

export const sha1 = (r: Rng): string => hx(r, 40);
export const sha256hex = (r: Rng): string => hx(r, 64);
export const uuid4 = (r: Rng): string => `${hx(r, 8)}-${hx(r, 4)}-4${hx(r, 3)}-${pick(r, ['8', '9', 'a', 'b'])}${hx(r, 3)}-${hx(r, 12)}`;
export const sriHash = (r: Rng): string => `sha384-${b64body(r, 64)}`;
export const publishable = (r: Rng): string => 'pk_live_51' + an(r, 97);
export const sshPub = (r: Rng): string => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${b64body(r, 43)} ${pick(r, ['ci@build', 'mara@thinkpad', 'backup'])}`;
export const maskedTail = (r: Rng): string => pick(r, ['sk_live_****', 'ghp_****', 'AKIA****']) + an(r, 4);
