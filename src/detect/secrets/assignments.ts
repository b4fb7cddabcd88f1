// Secrets assigned to a name: DB_PASSWORD=…, "apiKey": "…", client_secret: …, <dbPassword>…</dbPassword>,
// --token …, Password=…; in .env files, YAML, JSON, TOML, INI, properties, XML, code and command lines.
// The name decides what the value must look like: after a password-like name any value that is not a
// reference or placeholder is a secret ("hunter2" is a password); after a key- or token-like name the
// value must look machine-generated (length, alphabet, entropy), because "token: required" and
// "key: order-17" are not credentials. Names of facts about a credential (password_min_length,
// token_ttl, key_id, publishable_key) are not secret names at all.
//
// Linear-time: one pass over keyword hits; each hit reads a bounded window around it.
import type { Candidate } from '../types.js';
import { isCodeIdentifier, isPathOrUrl, looksGenerated, notASecret } from './not-a-secret.js';

const KEYWORD = /pass|pwd|secret|token|key|auth|cred|\bpw\b|\bsig\b/gi;
const NAME_CHAR = /[A-Za-z0-9_.-]/;
const MAX_NAME = 64;
const MAX_VALUE = 300;

type Kind = 'password' | 'key';

/** Words of an identifier: snake, kebab, dotted and camelCase split, lower-cased. */
function nameWords(name: string): string[] {
  return name.replace(/^-+/, '').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[_.\-\s]+/).filter((w) => w !== '');
}

/** Key-like compounds written as one word (APIKEY, accessToken split already) that end a secret name. */
const KEY_COMPOUND = /(?:api|access|secret|private|signing|master|auth|account|encryption|client|app|license|session|service|shared|storage|webhook|deploy)key$/;
/** Owners whose "key" is not a secret: database keys, public halves, cache and sort keys. */
const NOT_SECRET_KEY_OWNER = new Set(['public', 'pub', 'publishable', 'primary', 'foreign', 'partition', 'sort', 'cache', 'idempotency', 'hot', 'short', 'object',
  's3', 'routing', 'row', 'unique', 'composite', 'natural', 'surrogate', 'lookup', 'map', 'dict', 'index', 'translation', 'i18n', 'message', 'group', 'dedup',
  'dedupe', 'ssh', 'gpg', 'pgp', 'host', 'registry', 'metric', 'label', 'sharding', 'shard', 'hash', 'record', 'entity', 'item', 'config', 'setting', 'keyboard', 'hot']);

/** What a name says its value is: a password, a key or token, or (undefined) something else. */
/** Words that qualify a secret's name without changing what it is: SECRET_KEY_BASE, API_KEY_PROD, DB_PASSWORD_2. */
const QUALIFIER = /^(?:base|value|val|b64|base64|hex|raw|str|string|plain|plaintext|encoded|prod|production|dev|development|staging|stage|test|testing|qa|uat|live|sandbox|local|old|new|next|prev|previous|current|primary|secondary|backup|v\d+|\d+)$/;

export function secretNameKind(name: string): Kind | undefined {
  const words = nameWords(name);
  while (words.length > 1 && QUALIFIER.test(words[words.length - 1]!)) words.pop();
  const tail = words[words.length - 1];
  if (tail === undefined) return undefined;
  if (words.includes('public') || words.includes('publishable')) return undefined;
  if (/(?:password|passwd|passphrase|passcode)$/.test(tail) || tail === 'pass' || tail === 'pwd' || tail === 'pw') return 'password';
  if (tail.endsWith('secret')) return 'password';
  if (tail === 'token' || tail.endsWith('token') || tail === 'apikey' || KEY_COMPOUND.test(tail)) return 'key';
  if (tail === 'credential' || tail === 'credentials' || tail === 'creds' || tail === 'auth' || tail === 'pat' || tail === 'sig') return 'key';
  if (tail === 'key') {
    const owner = words[words.length - 2];
    if (owner !== undefined && NOT_SECRET_KEY_OWNER.has(owner)) return undefined;
    return 'key';
  }
  return undefined;
}

/** A value as written after the separator: its bounds and whether it was quoted. */
interface Value { readonly start: number; readonly end: number; readonly quoted: boolean }

const QUOTES = new Set(['"', "'", '`']);
/** Characters that end an unquoted value; "&" too in a query string (?user=u&password=p&ssl=1). */
const UNQUOTED_END = /[\s"'`,;<>{}()[\]]/;
const QUERY_END = /[\s"'`,;<>{}()[\]&#]/;

function readValue(text: string, at: number, xml: boolean, query: boolean): Value | undefined {
  if (xml) {
    let e = at;
    while (e < text.length && e - at <= MAX_VALUE && text[e] !== '<' && text[e] !== '\n') e++;
    return text[e] === '<' && e > at ? { start: at, end: e, quoted: true } : undefined;
  }
  const q = text[at];
  if (q !== undefined && QUOTES.has(q)) {
    let e = at + 1;
    while (e < text.length && e - at <= MAX_VALUE && text[e] !== q && text[e] !== '\n') e++;
    return text[e] === q && e > at + 1 ? { start: at + 1, end: e, quoted: true } : undefined;
  }
  let e = at;
  const end = query ? QUERY_END : UNQUOTED_END;
  while (e < text.length && e - at <= MAX_VALUE && !end.test(text[e]!)) e++;
  // A run longer than any credential is not a value (base64 blobs are found by their own shape).
  if (e - at > MAX_VALUE) return undefined;
  // A value may end with sentence punctuation that is not part of it ("token=abc123def456.").
  while (e > at && /[.,:]/.test(text[e - 1]!)) e--;
  return e > at ? { start: at, end: e, quoted: false } : undefined;
}

/** Reads the separator after a name: =, :, :=, =>, an XML tag end, or (for --flags) a space. */
function separatorEnd(text: string, at: number, flag: boolean, xml: boolean): number | undefined {
  let i = at;
  if (xml) return text[i] === '>' ? i + 1 : undefined;
  if (text[i] === '"' || text[i] === "'") i++;
  let spaces = 0;
  while ((text[i] === ' ' || text[i] === '\t') && spaces < 4) { i++; spaces++; }
  const two = text.slice(i, i + 2);
  if (two === ':=' || two === '=>' || two === '->') i += 2;
  else if (text[i] === '=' || text[i] === ':') i++;
  else if (flag && spaces === 1) return i;
  else return undefined;
  // "KEY: |" starts a YAML block, "key == value" is a comparison, "key::Type" a path.
  if (text[i] === '=' || text[i] === ':') return undefined;
  spaces = 0;
  while ((text[i] === ' ' || text[i] === '\t') && spaces < 4) { i++; spaces++; }
  return i;
}

/** Whether a value found after a name of this kind is a secret. */
export function acceptValue(kind: Kind, value: string, quoted: boolean, name: string): boolean {
  if (kind === 'password' && (value.length < 4 || value.length > 128)) return false;
  if (notASecret(value) !== undefined) return false;
  if (isPathOrUrl(value)) return false;
  if (!quoted && isCodeIdentifier(value)) return false;
  if (kind === 'key') {
    if (!looksGenerated(value)) return false;
    // A bare "key", "auth" or "sig" names many things (dictionary keys, map entries): only a value with
    // a key's full alphabet, or a long hex or base64 run, counts there.
    if (/^-*(?:key|auth|sig|pat)$/i.test(name)) return /[a-z]/.test(value) && /[A-Z]/.test(value) && /\d/.test(value) || /^[0-9a-f]{32,}$/i.test(value) || /^[A-Za-z0-9+/]{32,}={0,2}$/.test(value);
    return true;
  }
  if (value.length < 4 || value.length > 128) return false;
  if (/\s/.test(value) && !/passphrase/i.test(name)) return false;
  // The value repeats the name (password: password, PASSWORD=${PASSWORD} handled as a reference).
  if (value.toLowerCase() === name.toLowerCase()) return false;
  // Plain numbers are rarely passwords in config: ports, lengths, counts, booleans 0/1.
  if (/^\d{1,5}$/.test(value)) return false;
  return true;
}

/** A query-string value as its application reads it (RFC 3986 §2.1): sig=kBt…%2BRQ…%3D is base64. */
function percentDecoded(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Secrets assigned to a secret-like name, as candidates covering the value only.
 *
 * @example
 * ```ts
 * findAssignments('DB_PASSWORD="s3cr3t!"\nPORT=8080') // → [{ start: 13, end: 20, score: 0.85, pattern: 'assignment:password' }]
 * ```
 */
export function findAssignments(text: string): Candidate[] {
  const out: Candidate[] = [];
  KEYWORD.lastIndex = 0;
  for (let m = KEYWORD.exec(text); m !== null; m = KEYWORD.exec(text)) {
    let ns = m.index;
    while (ns > 0 && m.index - ns < MAX_NAME && NAME_CHAR.test(text[ns - 1]!)) ns--;
    let ne = m.index + m[0].length;
    while (ne < text.length && ne - ns < MAX_NAME && NAME_CHAR.test(text[ne]!)) ne++;
    KEYWORD.lastIndex = ne;
    // Trailing dots and dashes belong to the sentence, not the name.
    while (ne > m.index + m[0].length && /[.-]/.test(text[ne - 1]!)) ne--;
    // The separator is the cheap test, so it comes first: most keyword hits in prose have none.
    // A segment of a colon path (arn:aws:secretsmanager:…:secret:prod/db) is no setting's name.
    if (text[ns - 1] === ':') continue;
    const xml = text[ns - 1] === '<';
    const flag = text[ns] === '-';
    let at: number | undefined;
    if (text[ns - 1] === '{' && text[ns - 2] === '$') {
      // A shell or Compose expansion names a variable, it assigns nothing: ${DB_PASSWORD:?unset} is an
      // error message, ${X:+alt} an alternative; only a default (${DB_PASSWORD:-value}) is a value.
      if (text.slice(ne, ne + 2) !== ':-') continue;
      at = ne + 2;
    } else {
      at = separatorEnd(text, ne, flag, xml);
    }
    if (at === undefined) continue;
    const name = text.slice(ns, ne);
    const kind = secretNameKind(name);
    if (kind === undefined) continue;
    const query = text[ns - 1] === '?' || text[ns - 1] === '&';
    const v = readValue(text, at, xml, query);
    if (v === undefined) continue;
    // An unquoted word followed by "(" is a call (@Microsoft.KeyVault(SecretUri=…), vault("…")), not a literal.
    if (!v.quoted && text[v.end] === '(') continue;
    const value = text.slice(v.start, v.end);
    if (!acceptValue(kind, query ? percentDecoded(value) : value, v.quoted, name)) continue;
    out.push({ start: v.start, end: v.end, score: 0.85, pattern: `assignment:${kind}` });
    KEYWORD.lastIndex = Math.max(KEYWORD.lastIndex, v.end);
  }
  return out;
}
