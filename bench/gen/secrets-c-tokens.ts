// Values for the third secrets set (bench/gen/secrets-c.ts), written apart from secrets-tokens.ts and
// secrets-b-tokens.ts so the set shares neither their makers nor their assumptions. Formats are those
// the providers document: Stripe sk_/rk_ live keys; Twilio API key SIDs (SK + 32 hex) and 32-hex auth
// tokens; SendGrid SG.<22>.<43>; Mailgun's legacy key-<32 hex> and current <32 hex>-<8 hex>-<8 hex>
// private keys; Shopify shpat_/shpss_ + 32 hex; Hugging Face hf_ + 34 letters; npm npm_ + 36; PyPI
// macaroons (pypi-AgEIcHlwaS5vcmc…); Docker Hub dckr_pat_ + 27; Slack incoming webhooks
// (hooks.slack.com/services/T…/B…/24 chars); Discord webhooks (/api/webhooks/<snowflake>/<68 chars>);
// AWS temporary credentials (ASIA key id, 40-character secret, a session token starting IQoJb3JpZ2lu);
// Azure storage account keys (base64 of 64 bytes) and SAS signatures (base64 of an HMAC-SHA256).
// Every value comes from a seeded generator: none is, or ever was, a live credential.
import { chance, int, pick, type Rng } from './rng.js';

export { chance, int, pick, type Rng };

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = UPPER + LOWER + DIGITS;
const HEX = '0123456789abcdef';

export function from(r: Rng, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(r() * alphabet.length)]!;
  return s;
}
export const alnum = (r: Rng, n: number): string => from(r, ALNUM, n);
export const hex = (r: Rng, n: number): string => from(r, HEX, n);
export const digits = (r: Rng, n: number): string => DIGITS[int(r, 1, 9)]! + from(r, DIGITS, n - 1);
export const urlsafe = (r: Rng, n: number): string => from(r, ALNUM + '-_', n);
/** Standard base64 of n random bytes (padding included). */
export function randomB64(r: Rng, n: number): string {
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = Math.floor(r() * 256);
  return Buffer.from(bytes).toString('base64');
}
export const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const b64url = (s: string): string => b64(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

/** A provider token, with the variable name people give it. */
export interface Token { readonly env: string; readonly value: string }

export const PROVIDER_TOKENS: ReadonlyArray<(r: Rng) => Token> = [
  (r) => ({ env: 'STRIPE_SECRET_KEY', value: 'sk_live_' + pick(r, ['51', '4e']) + alnum(r, int(r, 90, 100)) }),
  (r) => ({ env: 'STRIPE_RESTRICTED_KEY', value: 'rk_live_51' + alnum(r, 96) }),
  (r) => ({ env: 'TWILIO_API_KEY', value: 'SK' + hex(r, 32) }),
  (r) => ({ env: 'SENDGRID_API_KEY', value: `SG.${urlsafe(r, 22)}.${urlsafe(r, 43)}` }),
  (r) => ({ env: 'MAILGUN_API_KEY', value: 'key-' + hex(r, 32) }),
  (r) => ({ env: 'SHOPIFY_ACCESS_TOKEN', value: 'shpat_' + hex(r, 32) }),
  (r) => ({ env: 'SHOPIFY_API_SECRET', value: 'shpss_' + hex(r, 32) }),
  (r) => ({ env: 'HF_TOKEN', value: 'hf_' + from(r, UPPER + LOWER, 34) }),
  (r) => ({ env: 'NPM_TOKEN', value: 'npm_' + alnum(r, 36) }),
  (r) => ({ env: 'PYPI_API_TOKEN', value: 'pypi-AgEIcHlwaS5vcmc' + urlsafe(r, int(r, 70, 150)) }),
  (r) => ({ env: 'DOCKERHUB_TOKEN', value: 'dckr_pat_' + urlsafe(r, 27) }),
  (r) => ({ env: 'GH_TOKEN', value: 'ghs_' + alnum(r, 36) }),
  (r) => ({ env: 'OPENAI_API_KEY', value: 'sk-proj-' + urlsafe(r, 74) + 'T3BlbkFJ' + urlsafe(r, 74) }),
];

/** Mailgun's current private API key format: 32 hex, 8 hex, 8 hex. No prefix: known by its name. */
export const mailgunKey = (r: Rng): string => `${hex(r, 32)}-${hex(r, 8)}-${hex(r, 8)}`;
export const twilioAuthToken = (r: Rng): string => hex(r, 32);
export const slackWebhook = (r: Rng): string => `https://hooks.slack.com/services/T${from(r, UPPER + DIGITS, 8)}/B${from(r, UPPER + DIGITS, 10)}/${alnum(r, 24)}`;
export const discordWebhook = (r: Rng): string => `https://${pick(r, ['discord.com', 'discordapp.com'])}/api/webhooks/${digits(r, 19)}/${urlsafe(r, 68)}`;
export const awsTempKeyId = (r: Rng): string => 'ASIA' + from(r, UPPER + '234567', 16);
export const awsSecret = (r: Rng): string => from(r, ALNUM + '+/', 40);
/** STS session tokens are base64 of a serialized structure: they start with the same bytes every time. */
export const awsSessionToken = (r: Rng): string => pick(r, ['IQoJb3JpZ2luX2VjE', 'FwoGZXIvYXdzE']) + from(r, ALNUM + '+/', int(r, 300, 420)) + pick(r, ['', '=', '==']);
export const azureAccountKey = (r: Rng): string => randomB64(r, 64);
export const azureSig = (r: Rng): string => randomB64(r, 32);
/** An Entra ID client secret: three characters, a digit, "Q~", 34 more. */
export const entraSecret = (r: Rng): string => alnum(r, 3) + int(r, 0, 9) + 'Q~' + from(r, ALNUM + '_~.-', 34).replace(/[-.~]$/, 'a');

/** A JWT whose header and claims decode to JSON, with a random signature of the algorithm's length. */
export function jwt(r: Rng): string {
  const alg = pick(r, ['HS256', 'RS256', 'ES256']);
  const head = b64url(JSON.stringify({ alg, typ: 'JWT' }));
  const claims = b64url(JSON.stringify({ iss: pick(r, ['https://auth.acme.dev/', 'kubernetes/serviceaccount', 'https://login.microsoftonline.com/']), sub: pick(r, ['svc-export', `u_${alnum(r, 10)}`]), iat: 1_700_000_000 + int(r, 0, 9_999_999), exp: 1_800_000_000 + int(r, 0, 9_999_999) }));
  return `${head}.${claims}.${urlsafe(r, alg === 'HS256' ? 43 : alg === 'ES256' ? 86 : 342)}`;
}

/** A PEM private key of random base64 (not a key). `nl` is the line break as written: "\n" or "\\n". */
export function privatePem(r: Rng, nl: string): string {
  const label = pick(r, ['RSA PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'PRIVATE KEY', 'ENCRYPTED PRIVATE KEY']);
  const body = from(r, ALNUM + '+/', 64 * int(r, 3, 12) + int(r, 8, 60));
  const lines = body.match(/.{1,64}/g)!;
  return `-----BEGIN ${label}-----${nl}${lines.join(nl)}${nl}-----END ${label}-----`;
}
/** Public material in PEM: certificates and public keys are published by design. */
export function publicPem(r: Rng, nl: string): string {
  const label = pick(r, ['CERTIFICATE', 'PUBLIC KEY', 'RSA PUBLIC KEY']);
  const lines = from(r, ALNUM + '+/', 64 * int(r, 3, 8)).match(/.{1,64}/g)!;
  return `-----BEGIN ${label}-----${nl}${lines.join(nl)}${nl}-----END ${label}-----`;
}

/** Passwords people choose, and ones password managers generate. */
export function password(r: Rng): string {
  const words = ['harbor', 'Pistachio', 'granite', 'Moonbeam', 'kestrel', 'Orchard', 'quasar', 'Tamarind', 'willow', 'Zephyr'];
  switch (int(r, 0, 4)) {
    case 0: return pick(r, words) + from(r, DIGITS, int(r, 2, 4)) + pick(r, ['!', '?', '@', '#', '$']);
    case 1: return `${pick(r, words)}_${pick(r, words)}${from(r, DIGITS, 2)}`;
    case 2: return from(r, ALNUM + '!@#$%^&*', int(r, 16, 24));
    case 3: return from(r, ALNUM, int(r, 12, 20));
    default: return `${pick(r, words).toLowerCase()}${pick(r, ['.', '-', '+'])}${pick(r, words).toLowerCase()}${from(r, DIGITS, 3)}`;
  }
}
/** A password that survives a URL's userinfo, a shell word and a quoted string without escaping. */
export const plainPassword = (r: Rng): string => password(r).replace(/[^A-Za-z0-9_.+!-]/g, 'k');

// --- look-alikes --------------------------------------------------------------------------------

export const sha256 = (r: Rng): string => hex(r, 64);
export const sha1 = (r: Rng): string => hex(r, 40);
export const md5 = (r: Rng): string => hex(r, 32);
export const uuid = (r: Rng): string => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-${pick(r, ['8', '9', 'a', 'b'])}${hex(r, 3)}-${hex(r, 12)}`;
export const integrity = (r: Rng): string => 'sha512-' + randomB64(r, 64);
/** A CSP nonce is sent to every client in the page itself: random, but public by design. */
export const cspNonce = (r: Rng): string => randomB64(r, 16);
/** The start of a PNG in base64 ("\x89PNG\r\n\x1a\n…IHDR"), then random body: an inline image. */
export const pngDataUri = (r: Rng): string => 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA' + from(r, ALNUM + '+/', int(r, 60, 200)) + '=';
export const sshPublic = (r: Rng): string => `${pick(r, ['ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI'])}${from(r, ALNUM + '+/', 60)} ${pick(r, ['deploy@ci', 'noor@laptop', 'ops'])}`;
export const stripePublishable = (r: Rng): string => 'pk_live_51' + alnum(r, 96);
export const twilioAccountSid = (r: Rng): string => 'AC' + hex(r, 32);
/** A Sentry DSN's key is public (it ships in browser bundles); it has no password part. */
export const sentryDsn = (r: Rng): string => `https://${hex(r, 32)}@o${digits(r, 6)}.ingest.sentry.io/${digits(r, 7)}`;

/** Documented example values from the providers' own docs. */
export const DOCUMENTED: readonly string[] = [
  'AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
];

/** Placeholders and masks people leave where the value goes. */
export function standIn(r: Rng, env: string): string {
  const kebab = env.toLowerCase().replace(/_/g, '-');
  return pick(r, [`<your-${kebab}>`, `<${env}>`, 'xxxxxxxxxxxxxxxxxxxx', '****************', '***', 'REDACTED', '[redacted]', `your_${env.toLowerCase()}_here`, 'changeme', 'TODO', '...', '<token>']);
}
/** References to a value kept elsewhere. */
export function pointer(r: Rng, env: string): string {
  return pick(r, [`\${${env}}`, `$${env}`, `\${{ secrets.${env} }}`, `{{ env "${env}" }}`, `vault:secret/data/app#${env.toLowerCase()}`, `op://Shared/${env.toLowerCase()}/credential`, `\${var.${env.toLowerCase()}}`]);
}
