// Secrets that follow a fixed phrase rather than a name: passwords in URLs (including an empty user,
// redis://:pw@host), HTTP Authorization headers and bearer tokens, command-line credentials
// (curl -u user:pw, mysql -pPW), and passwords or keys quoted in prose ("the password is 'X'",
// "pw Tr0ub4dor99", "set the API key to X"). Each finder narrows to the secret itself.
//
// Linear-time: every expression is a literal or bounded class followed by bounded repetitions.
import type { Candidate } from '../types.js';
import { isPathOrUrl, isReference, looksGenerated, notASecret } from './not-a-secret.js';

// RFC 3986 §3.2.1 userinfo: scheme://[user]:password@host. The user may be empty (redis://:pw@host).
const URL_PASSWORD = /(?<![\w+.-])[A-Za-z][A-Za-z0-9+.-]{1,20}:\/\/[^\s:/@"'<>`]{0,128}:(?<v>[^\s:/@"'<>`]{1,128})@(?=[A-Za-z0-9[])/dg;
// RFC 7235 credentials after Authorization (or a bare scheme in code and logs).
const AUTH_HEADER = /\b(?:Bearer|Basic|Token|token|Bot|SSWS|ApiKey|Api-Key|Digest|bearer)[ \t]{1,3}(?<v>[A-Za-z0-9._~+/=-]{8,4096})/dg;
/** A literal prefilter for AUTH_HEADER: a leading \b keeps the engine from skipping ahead. */
const AUTH_SCHEME = /Bearer|Basic|Token|token|Bot|SSWS|ApiKey|Api-Key|Digest|bearer/;
const CURL_USER = /(?:^|[\s'"])(?:-u|--user)[ =]["']?[^\s:"']{1,64}:(?<v>[^\s"']{1,128})/dg;
// Command lines and statements that take a password as an argument, one row per grammar: the MySQL
// clients' attached -pPASSWORD, registry logins (docker/podman/helm/oras … login -p|--password),
// sshpass -p, PowerShell's ConvertTo-SecureString "…" -AsPlainText, and SQL's IDENTIFIED BY '…'
// (MySQL, MariaDB, Oracle). CREATE/ALTER … PASSWORD '…' is read by the prose rule.
const CLI_PASSWORDS: readonly RegExp[] = [
  /\b(?:mysql|mysqldump|mariadb|mysqladmin)\b[^\n]{0,120}?[ \t]-p(?<v>[^\s'"-][^\s'"]{2,127})/dg,
  /\b(?:docker|podman|nerdctl|buildah|skopeo|oras|crane|helm[ \t]+registry)[ \t]+login\b[^\n]{0,160}?[ \t](?:-p|--password)(?:[ \t]+|=)(?:(?<q>["'])(?<qv>[^"'\n]{3,128})\k<q>|(?<v>[^\s"'-][^\s"']{2,127}))/dg,
  /\bsshpass[ \t]+-p[ \t]*(?:(?<q>["'])(?<qv>[^"'\n]{3,128})\k<q>|(?<v>[^\s"'-][^\s"']{2,127}))/dg,
  /\bConvertTo-SecureString[ \t]+(?:-String[ \t]+)?(?<q>["'])(?<qv>[^"'\n]{3,128})\k<q>[ \t]+-AsPlainText/dgi,
  /\bIDENTIFIED[ \t]+BY[ \t]+(?:PASSWORD[ \t]+)?(?<q>["'])(?<qv>[^"'\n]{3,128})\k<q>/dgi,
];
/** A literal prefilter for CLI_PASSWORDS. */
const CLI_CUE = /mysql|mariadb|login|sshpass|securestring|identified/i;
// Prose: a password word, optionally "for the …", then "is"/":"/"=" or just a space, then the value.
// The verb or sign between the words and the value: "is", "was set to", ":", "=", an arrow.
const LINK = '(?:[ \\t]+(?:is now|is|was|are|set to|changed to|reset to|to)[ \\t]+|[ \\t]*(?:[=:→—]|->)[ \\t]*)';
/** "… for the guest wifi is X": the words between need the verb, or the first word would be read as the value. */
const FOR_PHRASE = '[ \\t]+(?:for|of|on)[ \\t]+[^\\n.,;:!?"\'`]{1,40}?';
const PROSE_PASSWORD = new RegExp(`\\b(?:password|passwd|passphrase|passcode|pwd|pw)\\b(?:${FOR_PHRASE}${LINK}|${LINK}|[ \\t]+)(?:(?<q>["'“‘\`])(?<qv>[^"'”’\`\\n]{3,64})["'”’\`]|(?<v>[^\\s"'\`,;()]{4,64})(?![^\\s"'\`,;()]))`, 'dgi');
// Not after ':' or '/': a segment of a colon path or URL (arn:…:secret:prod/db, /v1/token/abc…) is no phrase.
// Nor after '-': the last word of a hyphenated header or flag (Idempotency-Key: <uuid>) is read by assignments.ts,
// which knows which owners' keys are not secrets.
const PROSE_KEY = new RegExp(`(?<![:/-])\\b(?:api[ _-]?key|access[ _-]?key|secret[ _-]?key|client[ _-]?secret|auth[ _-]?token|access[ _-]?token|bearer[ _-]?token|token|key|secret)\\b(?:${FOR_PHRASE}${LINK}|${LINK}|[ \\t]+)(?:["'“‘\`](?<qv>[^"'”’\`\\s]{16,256})["'”’\`]|(?<v>[^\\s"'\`,;()]{16,256}))`, 'dgi');

// An account SID (public) followed, as the next argument or value, by a 32-digit hex auth token.
const TWILIO_PAIR = /\bAC[0-9a-f]{32}["']?[ \t]*[,:][ \t]*["'](?<v>[0-9a-f]{32})["']/dg;
// "pass" alone is also a word of everyday English (a boarding pass, a mountain pass): only with a verb
// or a sign before the value, and the value a password's shape.
const PROSE_PASS = new RegExp(`\\bpass\\b${LINK}(?:(?<q>["'“‘\`])(?<qv>[^"'”’\`\\s]{6,64})["'”’\`]|(?<v>[^\\s"'\`,;()]{6,64})(?![^\\s"'\`,;()]))`, 'dgi');

// "the temp one is 'X'": a password named only by the line before it (reset, password); the value quoted,
// or with a password's shape.
const TEMP_ONE = /\b(?:temp|temporary|new|initial|one-time)[ \t]+one[ \t]+(?:is|was)[ \t]+(?:(?<q>["'“‘`])(?<qv>[^"'”’`\s]{4,64})["'”’`]|(?<v>[^\s"'`,;()]{6,64})(?![^\s"'`,;()]))/dgi;
const TEMP_ONE_CUE = /pass|pwd|\bpw\b|reset|credential/i;
// A secret piped into a command that reads it from standard input: echo -n 'X' | kubectl create secret
// … --from-file=password=/dev/stdin, docker login --password-stdin, gh secret set, chpasswd.
const STDIN_SECRET = /\b(?:echo(?:[ \t]+-[ne]{1,2})?|printf(?:[ \t]+'%s')?)[ \t]+(?:(?<q>["'])(?<qv>[^"'\n]{4,128})\k<q>|(?<v>[^\s"'|$][^\s"'|]{3,127}))[ \t]*\|[ \t]*[^\n|]{0,100}?(?:--password-stdin|create[ \t]+secret|secret[ \t]+set|=\/dev\/stdin|passwd[ \t]+--stdin|chpasswd)/dg;
const STDIN_CUE = /stdin|create[ \t]+secret|secret[ \t]+set|chpasswd/;

/** Basic credentials are base64 of "user:password" (RFC 7617 §2). */
function isBasicCredentials(value: string): boolean {
  if (!/^[A-Za-z0-9+/]+=*$/.test(value) || value.length % 4 !== 0) return false;
  try {
    const decoded = atob(value);
    return /^[\x20-\x7e]{1,128}:[\x20-\x7e]{1,128}$/.test(decoded);
  } catch {
    return false;
  }
}

/** A word a person would type in prose, not a password: letters only, one case pattern. */
function plainWord(value: string): boolean {
  return /^[A-Za-z][a-z]*$/.test(value) || /^[A-Z]+$/.test(value) || /^[a-z]+(?:[-'][a-z]+)*$/.test(value);
}

/** Prose that only looks like a value: a word ending a question or an exclamation ("the password policy?"),
 * or a relative path of words (vault's secret/prod/postgres, a key's name in a store). */
function wordOrPath(value: string): boolean {
  return plainWord(value.replace(/[?!]+$/, '')) || /^[a-z][a-z0-9_-]*(?:\/[a-z0-9_.-]+)+\/?$/.test(value);
}

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    yield m;
    if (m[0].length === 0) re.lastIndex++;
  }
}

function groupSpan(m: RegExpExecArray, ...names: string[]): [number, number] | undefined {
  for (const n of names) {
    const g = m.indices?.groups?.[n];
    if (g !== undefined) return g;
  }
  return undefined;
}

/**
 * Secrets found by the phrase around them.
 *
 * @example
 * ```ts
 * findPhrases('connecting to redis://:hunter2x@cache:6379') // → [{ start: 23, end: 31, score: 0.96, pattern: 'url-password' }]
 * ```
 */
export function findPhrases(text: string): Candidate[] {
  const out: Candidate[] = [];
  const push = (span: [number, number] | undefined, score: number, pattern: string, ok: (v: string) => boolean, trim = false): void => {
    if (span === undefined) return;
    let [s, e] = span;
    if (notASecret(text.slice(s, e)) !== undefined) return;
    // In prose, a full stop, comma or bracket after an unquoted value is the sentence's, not the value's.
    if (trim) while (e > s && /[.,:)\]]/.test(text[e - 1]!)) e--;
    const v = text.slice(s, e);
    if (v === '' || notASecret(v) !== undefined || !ok(v)) return;
    out.push({ start: s, end: e, score, pattern });
  };
  if (text.includes('://')) {
    for (const m of matches(URL_PASSWORD, text)) push(groupSpan(m, 'v'), 0.96, 'url-password', (v) => !isReference(v));
  }
  if (AUTH_SCHEME.test(text)) for (const m of matches(AUTH_HEADER, text)) {
    const scheme = m[0].slice(0, m[0].search(/[ \t]/));
    push(groupSpan(m, 'v'), 0.9, 'authorization', (v) => (/^basic$/i.test(scheme) ? isBasicCredentials(v) : looksGenerated(v) || /^eyJ/.test(v)), true);
  }
  if (/-u|--user/.test(text)) for (const m of matches(CURL_USER, text)) push(groupSpan(m, 'v'), 0.9, 'cli-user-password', (v) => !isReference(v) && v.length >= 4);
  if (CLI_CUE.test(text)) {
    for (const re of CLI_PASSWORDS) for (const m of matches(re, text)) push(groupSpan(m, 'qv', 'v'), 0.85, 'cli-password', (v) => !isReference(v));
  }
  // Twilio's documented client call pairs the account SID with its auth token: Client("AC…", "…").
  if (/AC[0-9a-f]{32}/.test(text)) for (const m of matches(TWILIO_PAIR, text)) push(groupSpan(m, 'v'), 0.9, 'twilio-auth-token', () => true);
  if (/pass|pwd|pw\b/i.test(text)) {
    for (const m of matches(PROSE_PASSWORD, text)) {
      // "password=…" is an assignment (assignments.ts reads it, and stops at "&" in a query string).
      if (/^\w+=/.test(m[0])) continue;
      // "-field=password secret/…", "--type=password": the word is itself a value there, not a label.
      if (text[m.index - 1] === '=') continue;
      const quoted = groupSpan(m, 'qv');
      if (quoted !== undefined) push(quoted, 0.8, 'prose-password', (v) => !/\s/.test(v) && !isReference(v) && !isPathOrUrl(v));
      else push(groupSpan(m, 'v'), 0.75, 'prose-password', (v) => !wordOrPath(v) && !isReference(v) && !isPathOrUrl(v) && /[\d\W_]|[a-z][A-Z]/.test(v) && !/^\d{1,6}$/.test(v), true);
    }
  }
  if (/pass\b/i.test(text)) {
    for (const m of matches(PROSE_PASS, text)) {
      // Lower-case letters with digits or signs: codes people read out (BA0117, a gate, a seat) are upper case.
      const ok = (v: string): boolean => !plainWord(v) && !isReference(v) && !isPathOrUrl(v) && /[\d\W_]/.test(v) && /[a-z]/.test(v);
      push(groupSpan(m, 'qv'), 0.75, 'prose-password', ok);
      push(groupSpan(m, 'v'), 0.75, 'prose-password', ok, true);
    }
  }
  if (/\bone\b/i.test(text) && TEMP_ONE_CUE.test(text)) {
    for (const m of matches(TEMP_ONE, text)) {
      if (!TEMP_ONE_CUE.test(text.slice(Math.max(0, m.index - 100), m.index))) continue;
      push(groupSpan(m, 'qv'), 0.8, 'prose-password', (v) => !isReference(v) && !isPathOrUrl(v));
      push(groupSpan(m, 'v'), 0.75, 'prose-password', (v) => !plainWord(v) && !isReference(v) && !isPathOrUrl(v) && /[\d\W_]/.test(v), true);
    }
  }
  if (STDIN_CUE.test(text)) {
    for (const m of matches(STDIN_SECRET, text)) push(groupSpan(m, 'qv', 'v'), 0.85, 'stdin-secret', (v) => !isReference(v) && !isPathOrUrl(v));
  }
  if (/key|token|secret/i.test(text)) {
    for (const m of matches(PROSE_KEY, text)) push(groupSpan(m, 'qv', 'v'), 0.8, 'prose-key', (v) => looksGenerated(v) && !isReference(v), true);
  }
  return out;
}
