// Value-shape predicates used by the column types (column-types.ts). Each takes one trimmed,
// non-empty value and answers yes or no; none keeps state. Patterns are anchored and linear-time.
import {
  COUNTRY_CODES, COUNTRY_CODES3, COUNTRY_NAMES, GENERIC_TLDS, OCCUPATION_NOUNS, STATUS_WORDS, STREET_SUFFIX_RE, STREET_WORDS,
  US_STATE_CODES, US_STATES, VEHICLE_MAKES, vocabKey,
} from './vocab.js';

export function words(v: string): string[] {
  return v.split(/\s+/).filter((w) => w.length > 0);
}

export function digitCount(v: string): number {
  let n = 0;
  for (let i = 0; i < v.length; i++) { const c = v.charCodeAt(i); if (c >= 48 && c <= 57) n++; }
  return n;
}

const hasLetter = (v: string): boolean => /\p{L}/u.test(v);

/** A plain number: optional sign, digits, optional decimals (dot or comma). */
export function numberValue(v: string): number | undefined {
  if (!/^[+-]?\d{1,12}(?:[.,]\d{1,12})?$/.test(v)) return undefined;
  return Number(v.replace(',', '.'));
}

/** Words made of letters, marks, apostrophes, hyphens, dots and spaces ("Doe, Jane (née Roe)" too): how names look. */
const NAME_LIKE_RE = /^\p{L}[\p{L}\p{M}'’`.\-, ()]{0,78}$/u;
export function nameLike(v: string, maxWords = 5): boolean {
  return NAME_LIKE_RE.test(v) && words(v).length <= maxWords && !STATUS_WORDS.has(v.toLowerCase());
}

/** Place names may also carry a parenthesised qualifier or a comma ("Cyprus (Anglicized)", "Paris, TX"), or be a short code ("QE", "NSW"). */
const PLACE_RE = /^\p{L}[\p{L}\p{M}'’`.\-(), ]{0,78}$/u;
export function placeLike(v: string): boolean {
  if (/^[A-Z]{1,3}$|^[A-Z]{1,2}-?[A-Z0-9]{1,3}$/.test(v) && /[A-Z]/.test(v)) return !STATUS_WORDS.has(v.toLowerCase());
  return PLACE_RE.test(v) && words(v).length <= 6 && !STATUS_WORDS.has(v.toLowerCase());
}

/** Short text with letters: company names, job titles, vehicle models. */
export function shortText(v: string, maxWords: number): boolean {
  return hasLetter(v) && v.length <= 120 && words(v).length <= maxWords && !STATUS_WORDS.has(v.toLowerCase()) && !/[\r\n]/.test(v);
}

/** A single token with no spaces: usernames, handles. */
export function tokenLike(v: string): boolean {
  return /^@?[\p{L}\p{N}][\p{L}\p{N}._\-]{1,63}$/u.test(v) && !STATUS_WORDS.has(v.toLowerCase());
}

/** Lossy spreadsheet exports of long numbers ("5.54563E+15"): the digits are gone, so no checksum can run. */
export function scientificNotation(v: string): boolean {
  return /^\d(?:[.,]\d{1,14})?e\+?\d{1,2}$/i.test(v);
}

/** Digits with the usual separators, six to fifteen of them: how phone numbers look in any country. */
export function phoneLike(v: string): boolean {
  if (!/^(?:\+|00)?[\d\s().\-/]{5,24}(?:\s?(?:x|ext\.?)\s?\d{1,6})?$/i.test(v)) return false;
  const d = digitCount(v.replace(/(?:x|ext\.?)\s?\d{1,6}$/i, ''));
  if (d < 6 || d > 15) return false;
  return !/^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/.test(v); // dates
}

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const DATE_RES: readonly RegExp[] = [
  /^\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i,
  /^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2}(?:\d{2})?$/,
  /^\d{4}[/.]\d{1,2}[/.]\d{1,2}$/,
  /^\d{8}$/,
  new RegExp(`^\\d{1,2}(?:st|nd|rd|th)?[\\s\\-]${MONTH}[\\s\\-,]{1,2}\\d{2,4}$`, 'i'),
  new RegExp(`^${MONTH}[\\s\\-/]\\d{1,2}(?:st|nd|rd|th)?[\\s\\-/,]{1,2}\\d{2,4}$`, 'i'),
];
/** A calendar date (with or without time) in a common spelling. */
export function dateLike(v: string): boolean {
  if (!DATE_RES.some((re) => re.test(v))) return false;
  if (/^\d{8}$/.test(v)) return /^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/.test(v);
  return true;
}

/** Month and year, as on a payment card: 1/2020, 01/20, 2020-01, Jan-20. */
export function expiryLike(v: string): boolean {
  return /^(?:0?[1-9]|1[0-2])\s?[/\-.]\s?(?:\d{2}|\d{4})$/.test(v)
    || /^(?:19|20)\d{2}[/\-](?:0?[1-9]|1[0-2])$/.test(v)
    || new RegExp(`^${MONTH}[\\s\\-/]?\\d{2}(?:\\d{2})?$`, 'i').test(v);
}

const NUMBER_TOKEN_RE = /^(?:no\.?|nr\.?|#)?\d{1,5}[a-z]?(?:[-/]\d{1,5}[a-z]?)?,?$/i;
const PO_BOX_RE = /^(?:p\.?\s?o\.?\s?box|post\s?office\s?box|postfach|apartado(?: de correos)?|caixa postal|casilla|bp|cp)\s*\d+/i;
/** A street address: a house number and a street-type word ("1659 Hoog St", "Via Pisanelli 104", "Mattenstrasse 108"), or a PO box. */
export function addressLike(v: string): boolean {
  if (PO_BOX_RE.test(v)) return true;
  const ws = words(v);
  if (ws.length < 2 || ws.length > 14 || !ws.some((w) => NUMBER_TOKEN_RE.test(w))) return false;
  return ws.some((w) => {
    const k = w.toLowerCase().replace(/[.,]/g, '');
    return k.length > 0 && !/^\d/.test(k) && (STREET_WORDS.has(k) || (k.length > 5 && STREET_SUFFIX_RE.test(k)));
  });
}

/** A job title whose last word is an occupation noun ("Chemical engineer", "Desk clerk"). */
export function occupationLike(v: string): boolean {
  const ws = words(v.toLowerCase().replace(/[(),/]/g, ' '));
  if (ws.length === 0 || ws.length > 7 || /\d/.test(v)) return false;
  return ws.some((w) => OCCUPATION_NOUNS.has(w) || OCCUPATION_NOUNS.has(w.replace(/s$/, '')));
}

/** ISO 3779 transliteration of VIN letters to values (I, O and Q are not used). */
const VIN_LETTERS: Readonly<Record<string, number>> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
/** A vehicle identification number with the North American check digit (49 CFR 565, position 9). */
export function vinValid(v: string): boolean {
  const s = v.toUpperCase();
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(s) || !/[A-Z]/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = s[i]!;
    sum += (c >= '0' && c <= '9' ? Number(c) : VIN_LETTERS[c]!) * VIN_WEIGHTS[i]!;
  }
  const check = sum % 11;
  return s[8] === (check === 10 ? 'X' : String(check));
}

/** "2006 Lexus GS", "Honda Civic 2012", or a valid VIN. */
export function vehicleLike(v: string): boolean {
  if (vinValid(v)) return true;
  const ws = words(v.toLowerCase());
  if (ws.length < 2 || ws.length > 8) return false;
  const i = /^(?:19|20)\d{2}$/.test(ws[0]!) ? 1 : 0;
  return VEHICLE_MAKES.has(ws[i]!) || (ws[i + 1] !== undefined && VEHICLE_MAKES.has(`${ws[i]} ${ws[i + 1]}`));
}

const HOST_RE = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,6}([a-z]{2,24})$/i;
/** File extensions that are also country-code TLDs: "main.py" is a file, not a host in Paraguay. */
const FILE_EXTENSIONS = new Set(['py', 'js', 'sh', 'md', 'pl', 'so', 'ps', 'rs', 'cc', 'ai', 'gz', 'zip', 'mov', 'tf', 'mk', 'cs', 'ts', 'am', 'in', 'ml', 'st']);
/** A host name ending in a known top-level domain, with no scheme, path or user part. */
export function hostLike(v: string, anyTld = false): boolean {
  const m = HOST_RE.exec(v);
  if (!m) return false;
  const tld = m[1]!.toLowerCase();
  if (anyTld) return true;
  return (COUNTRY_CODES.has(tld) || GENERIC_TLDS.has(tld)) && !FILE_EXTENSIONS.has(tld);
}

/** A browser or HTTP client: product/version tokens and usually a (platform; comment). */
export function userAgentLike(v: string): boolean {
  if (!/^[A-Za-z][\w.!-]{1,40}\/[\w.+-]{1,30}(?:\s|$)/.test(v)) return false;
  return v.includes('(') || /\s[A-Za-z][\w.!-]{1,40}\/\d/.test(v);
}

export const UUID_RE = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

/** Parcel tracking numbers with a carrier's distinctive structure: UPS 1Z…, USPS 9x…, UPU S10 (RR123456785CH). */
export function trackingLike(v: string): boolean {
  const s = v.replace(/\s/g, '').toUpperCase();
  if (/^1Z[0-9A-Z]{16}$/.test(s)) return true;
  if (/^9[2-5]\d{20}$/.test(s)) return true;
  const m = /^[A-Z]{2}(\d{8})(\d)[A-Z]{2}$/.exec(s);
  if (m) {
    const w = [8, 6, 4, 2, 3, 5, 9, 7];
    const r = 11 - (w.reduce((a, x, i) => a + x * Number(m[1]![i]), 0) % 11);
    return Number(m[2]) === (r === 10 ? 0 : r === 11 ? 5 : r);
  }
  return false;
}

/** Password hashes in modular crypt or Django format ($2b$…, $argon2id$…, pbkdf2_sha256$…). */
export function passwordHashLike(v: string): boolean {
  return /^\$(?:2[abxy]?|argon2(?:id|i|d)|[156y]|pbkdf2(?:-sha\d{1,3})?|scrypt|7)\$\S{8,}$/.test(v)
    || /^(?:pbkdf2_sha\d{3}|bcrypt(?:_sha256)?|argon2|sha1|md5|scrypt)\$\S{8,}$/.test(v);
}

/** Heights with a unit: 5' 5", 5 ft 10 in, 180 cm, 1.80 m. */
export function heightWithUnit(v: string): boolean {
  return /^[3-8]\s?(?:'|′|ft\.?|feet)\s?(?:\d{1,2}(?:\.\d)?\s?(?:"|''|″|in\.?|inches)?)?$/i.test(v)
    || /^\d{2,3}(?:[.,]\d{1,2})?\s?cm$/i.test(v)
    || /^[12][.,]\d{1,2}\s?m$/i.test(v);
}

/** Weights with a unit: 75 kg, 165 lb, 11 st 4 lb. */
export function weightWithUnit(v: string): boolean {
  return /^\d{1,3}(?:[.,]\d{1,2})?\s?(?:kg|kgs|kilo(?:gram)?s?|lbs?|pounds?)$/i.test(v) || /^\d{1,2}\s?st(?:\s?\d{1,2}\s?lbs?)?$/i.test(v);
}

/** "lat, lon" pairs in range, or a WKT point. */
export function coordinatePairLike(v: string): boolean {
  const m = /^\(?\s*(-?\d{1,2}\.\d{2,10})\s*[,;]\s*(-?\d{1,3}\.\d{2,10})\s*\)?$/.exec(v);
  if (m) return Math.abs(Number(m[1])) <= 90 && Math.abs(Number(m[2])) <= 180;
  return /^POINT\s?\(\s?-?\d{1,3}(?:\.\d+)?\s-?\d{1,3}(?:\.\d+)?\s?\)$/i.test(v);
}

/** A decimal degree within ±limit, with at least two decimals (whole numbers are rarely coordinates). */
export function degreesLike(v: string, limit: number): boolean {
  if (!/^[+-]?\d{1,3}\.\d{2,12}$/.test(v)) return false;
  return Math.abs(Number(v)) <= limit;
}

export function countryLike(v: string): boolean {
  if (/^[A-Z]{2}$/.test(v)) return COUNTRY_CODES.has(v.toLowerCase());
  if (/^[A-Z]{3}$/.test(v)) return COUNTRY_CODES3.has(v.toLowerCase());
  return COUNTRY_NAMES.has(vocabKey(v));
}

export function usStateLike(v: string): boolean {
  if (/^[A-Z]{2}$/.test(v)) return US_STATE_CODES.has(v.toLowerCase());
  return US_STATES.has(vocabKey(v));
}

/** ABA routing number checksum: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
export function abaValid(v: string): boolean {
  if (!/^\d{9}$/.test(v)) return false;
  const d = [...v].map(Number);
  return (3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!)) % 10 === 0 && /^(?:0[0-9]|1[0-2]|2[1-9]|3[0-2]|6[1-9]|7[0-2]|80)/.test(v);
}
