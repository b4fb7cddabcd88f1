// Credentials whose format the issuing provider documents: a fixed prefix (often with a version or a
// checksum marker) and a body of known alphabet and length. A match is a secret on its own, wherever
// it appears, so these rows score high. One table, one combined expression: the text is scanned once
// for every row, and the row that matched is read from its capture group.
//
// Must never: start or end a token inside a longer run of letters and digits (a base64 blob that
// happens to contain "AKIA"), or accept a documented example or an all-"x" placeholder (see
// not-a-secret.ts). Linear-time: each row is a literal prefix and bounded character classes.

export interface ProviderFormat {
  /** Pattern name reported in the explanation ("provider:github-pat"). */
  readonly name: string;
  /** Regex source of the whole token; no capture groups, no lookbehind. */
  readonly source: string;
  readonly score: number;
  /** The body after the prefix must not be this uniform (placeholders like ghp_xxxx…): minimum distinct characters. */
  readonly minDistinct?: number;
}

const HIGH = 0.97;

/**
 * Formats as the providers publish them (token prefixes in their docs and secret-scanning partner
 * programmes; gitleaks' rule set was the cross-check). Lengths are given as ranges where providers
 * have changed them or say they may.
 */
export const PROVIDER_FORMATS: readonly ProviderFormat[] = [
  // Amazon: IAM access key ids (long-term AKIA, temporary ASIA, and the rarer ABIA/ACCA/A3T*).
  { name: 'aws-access-key-id', source: '(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}', score: 0.9 },
  // AWS STS session tokens: base64 of a structure whose first bytes do not vary (IQoJb3JpZ2luX2Vj…,
  // older FwoGZXIvYXdzE…); several hundred characters, so no name-based rule reads them whole.
  { name: 'aws-session-token', source: '(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE)[A-Za-z0-9+/]{100,4000}={0,2}', score: HIGH },
  // GitHub: classic and app tokens, fine-grained personal access tokens.
  { name: 'github-token', source: 'gh[pousr]_[A-Za-z0-9]{36,251}', score: HIGH },
  { name: 'github-fine-grained-pat', source: 'github_pat_[A-Za-z0-9_]{70,244}', score: HIGH },
  // GitLab: personal, deploy, feed, SCIM, runner, mail, agent, OAuth, feature-flag, CI job and trigger tokens.
  { name: 'gitlab-token', source: 'gl(?:pat|dt|ft|soat|rt|imt|agent|oas|ffct)-[A-Za-z0-9_-]{20,300}(?:\\.[0-9a-z]{2}[0-9a-z]{7})?', score: HIGH },
  { name: 'gitlab-ci-job-token', source: 'glcbt-[0-9A-Za-z]{1,5}_[A-Za-z0-9_-]{20,64}', score: HIGH },
  { name: 'gitlab-trigger-token', source: 'glptt-[0-9a-f]{40}', score: HIGH },
  { name: 'gitlab-runner-registration', source: 'GR1348941[A-Za-z0-9_-]{20}', score: HIGH },
  // Slack: bot, user, app-level and configuration tokens; incoming webhooks.
  { name: 'slack-token', source: 'xox[abposre]-[A-Za-z0-9-]{10,250}', score: HIGH, minDistinct: 8 },
  { name: 'slack-config-token', source: 'xoxe\\.xox[bp]-\\d-[A-Za-z0-9]{100,200}', score: HIGH },
  { name: 'slack-app-token', source: 'xapp-\\d-[A-Z0-9]{6,16}-\\d{6,16}-[a-z0-9]{32,128}', score: HIGH },
  // Discord webhooks: the URL is the credential (anyone holding it can post); id, then a 68-character token.
  { name: 'discord-webhook', source: 'https://(?:(?:ptb|canary)\\.)?discord(?:app)?\\.com/api/webhooks/\\d{17,20}/[A-Za-z0-9_-]{60,80}', score: HIGH },
  { name: 'slack-webhook', source: 'https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{20,120}', score: HIGH },
  // Stripe: secret and restricted keys (live and test), webhook signing secrets. Publishable pk_ keys are public.
  { name: 'stripe-key', source: '(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,247}', score: HIGH },
  { name: 'stripe-webhook-secret', source: 'whsec_[A-Za-z0-9+/=]{32,100}', score: HIGH },
  // LLM providers: OpenAI project/service-account/admin keys (with or without the T3BlbkFJ marker),
  // legacy keys; Anthropic; OpenRouter; Groq; Perplexity; xAI; Replicate; LangSmith; Pinecone.
  { name: 'openai-key', source: 'sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{40,300}', score: HIGH },
  { name: 'openai-legacy-key', source: 'sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}', score: HIGH },
  { name: 'anthropic-key', source: 'sk-ant-(?:api|admin|oat|sid)\\d{2}-[A-Za-z0-9_-]{80,120}', score: HIGH },
  { name: 'openrouter-key', source: 'sk-or-v1-[a-f0-9]{64}', score: HIGH },
  { name: 'groq-key', source: 'gsk_[A-Za-z0-9]{48,56}', score: HIGH },
  { name: 'perplexity-key', source: 'pplx-[A-Za-z0-9]{40,56}', score: HIGH },
  { name: 'xai-key', source: 'xai-[A-Za-z0-9]{70,90}', score: HIGH },
  { name: 'replicate-token', source: 'r8_[A-Za-z0-9]{37}', score: HIGH },
  { name: 'langsmith-key', source: 'lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}', score: HIGH },
  { name: 'pinecone-key', source: 'pcsk_[A-Za-z0-9_]{50,80}', score: HIGH },
  // Google: API keys, OAuth client secrets, OAuth access tokens.
  { name: 'google-api-key', source: 'AIza[0-9A-Za-z_-]{35}', score: 0.95 },
  { name: 'google-oauth-client-secret', source: 'GOCSPX-[A-Za-z0-9_-]{28}', score: HIGH },
  { name: 'google-oauth-access-token', source: 'ya29\\.[A-Za-z0-9_-]{30,1024}', score: HIGH },
  // Package registries and developer platforms.
  { name: 'npm-token', source: 'npm_[A-Za-z0-9]{36}', score: HIGH },
  { name: 'pypi-token', source: 'pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000}', score: HIGH },
  { name: 'rubygems-token', source: 'rubygems_[a-f0-9]{48}', score: HIGH },
  { name: 'huggingface-token', source: '(?:hf_|api_org_)[A-Za-z0-9]{34}', score: HIGH },
  { name: 'docker-pat', source: 'dckr_pat_[A-Za-z0-9_-]{27,40}', score: HIGH },
  { name: 'artifactory-key', source: 'AKCp[A-Za-z0-9]{69}', score: HIGH },
  { name: 'postman-key', source: 'PMAK-[a-f0-9]{24}-[a-f0-9]{34}', score: HIGH },
  { name: 'linear-key', source: 'lin_api_[A-Za-z0-9]{40}', score: HIGH },
  { name: 'sentry-token', source: 'sntry[us]_[A-Za-z0-9+/=_]{40,400}', score: HIGH },
  { name: 'grafana-token', source: '(?:glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,400}={0,3})', score: HIGH },
  { name: 'notion-token', source: 'ntn_\\d{11}[A-Za-z0-9]{35}', score: HIGH },
  { name: 'atlassian-token', source: 'ATATT3[A-Za-z0-9_=-]{150,250}', score: HIGH },
  { name: 'databricks-token', source: 'dapi[a-f0-9]{32}(?:-\\d)?', score: HIGH },
  { name: 'dynatrace-token', source: 'dt0c01\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{64}', score: HIGH },
  { name: 'new-relic-key', source: 'NR(?:AK|II|JS)-[A-Za-z0-9]{19,32}', score: 0.9 },
  // Infrastructure and secret stores.
  { name: 'digitalocean-token', source: 'do[opr]_v1_[a-f0-9]{64}', score: HIGH },
  { name: 'heroku-key', source: 'HRKU-[A-Za-z0-9_-]{58,64}', score: HIGH },
  { name: 'vault-token', source: 'hv[sb]\\.[A-Za-z0-9_-]{90,300}', score: HIGH },
  { name: 'doppler-token', source: 'dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44}', score: HIGH },
  { name: 'pulumi-token', source: 'pul-[a-f0-9]{40}', score: HIGH },
  { name: 'supabase-token', source: 'sbp_[a-f0-9]{40}', score: HIGH },
  { name: 'planetscale-token', source: 'pscale_(?:tkn|oauth|pw)_[A-Za-z0-9_=.-]{32,64}', score: HIGH },
  { name: 'fly-token', source: 'fo1_[A-Za-z0-9_-]{43}', score: HIGH },
  { name: 'tailscale-key', source: 'tskey-(?:api|auth|client|webhook)-[A-Za-z0-9]{6,20}-[A-Za-z0-9]{20,60}', score: HIGH },
  { name: 'age-secret-key', source: 'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}', score: 0.99 },
  // Messaging, mail, commerce.
  { name: 'twilio-api-key', source: 'SK[0-9a-fA-F]{32}', score: 0.9 },
  { name: 'sendgrid-key', source: 'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}', score: HIGH },
  { name: 'sendinblue-key', source: 'xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}', score: HIGH },
  { name: 'mailgun-key', source: 'key-[a-f0-9]{32}', score: 0.85 },
  { name: 'shopify-token', source: 'shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}', score: HIGH },
  { name: 'square-token', source: '(?:EAAA|sq0atp-|sq0csp-)[A-Za-z0-9_-]{22,60}', score: 0.95 },
  { name: 'mapbox-secret-token', source: 'sk\\.eyJ[A-Za-z0-9_-]{20,200}\\.[A-Za-z0-9_-]{20,100}', score: HIGH },
];
// Formats that start with a character class rather than a literal (Telegram bot tokens, Azure client
// secrets) would make the combined scan try every position: they are patterns of their own in
// recognizers/secret.ts, each behind a literal prefilter.

/** The one expression over every row: group i+1 is row i. Word-like characters may not follow. */
const COMBINED = new RegExp(`(?:${PROVIDER_FORMATS.map((f) => `(${f.source})`).join('|')})(?![A-Za-z0-9_+/-])`, 'g');
/** A token may not start inside a longer run of letters, digits or base64 characters. */
const INSIDE_RUN = /[A-Za-z0-9_+/-]/;

/**
 * No row matches fewer characters than this (the shortest: xox?- and 10 characters, 15), and no row
 * matches a space or a control character (every row is made of literals and classes of printable
 * ASCII): a token lies within a run of at least this many characters above U+0020. The unit tests
 * check both for every row.
 */
export const MIN_TOKEN_LENGTH = 15;

/** Whether `text` has `n` characters in a row above U+0020 (no space, tab, newline or control). */
function hasLongRun(text: string, n: number): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 32) {
      if (++run >= n) return true;
    } else {
      run = 0;
    }
  }
  return false;
}

export interface ProviderMatch { readonly start: number; readonly end: number; readonly format: ProviderFormat }

function distinct(s: string): number {
  return new Set(s).size;
}

/**
 * Every provider token in `text`, left to right, non-overlapping.
 *
 * @example
 * ```ts
 * findProviderTokens('export NPM_TOKEN=npm_' + 'a1B2c3D4e5'.repeat(3) + 'f6G7h8')
 * // → [{ start: 17, end: 57, format: { name: 'npm-token', ... } }]
 * ```
 */
export function findProviderTokens(text: string): ProviderMatch[] {
  const out: ProviderMatch[] = [];
  // The combined expression starts with ~60 different prefixes, so the regex engine tries it at
  // almost every position; most texts (prose, notes) have no run long enough to hold any token.
  if (!hasLongRun(text, MIN_TOKEN_LENGTH)) return out;
  COMBINED.lastIndex = 0;
  for (let m = COMBINED.exec(text); m !== null; m = COMBINED.exec(text)) {
    const start = m.index;
    if (start > 0 && INSIDE_RUN.test(text[start - 1]!)) {
      // Started inside a run: retry one character later (a shorter token may start there).
      COMBINED.lastIndex = start + 1;
      continue;
    }
    let row = 0;
    while (m[row + 1] === undefined) row++;
    const format = PROVIDER_FORMATS[row]!;
    const value = m[0];
    if (distinct(value) < (format.minDistinct ?? 10)) continue;
    out.push({ start, end: start + value.length, format });
  }
  return out;
}
