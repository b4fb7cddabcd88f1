// Token boundaries, one rule for every recognizer: an entity neither starts nor ends inside a run of
// letters and digits, and does not sit inside an opaque identifier (a UUID, a base64 or base64url
// blob, a path of hex ids) whose pieces are joined by - _ + / =. A 9-digit run inside a SHA-1 digest
// is not an SSN; "4111111111111111" inside a base64 blob is not a card. A recognizer whose own
// grammar marks its edges (e-mail addresses, URLs, secrets with a known prefix) sets `cutsWords`.
// Pure, and O(1) per candidate apart from the bounded look along an opaque run.

/** Letters (any script), combining marks and digits: what a word or an identifier is made of. */
const ALNUM_NON_ASCII = /[\p{L}\p{M}\p{N}]/u;

function isAlnumCode(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
  return ALNUM_NON_ASCII.test(String.fromCharCode(c));
}

function isAlnumAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  // A surrogate pair: test the whole code point (letters outside the BMP exist).
  if (c >= 0xd800 && c <= 0xdfff) {
    const cp = text.codePointAt(c <= 0xdbff ? i : i - 1) ?? c;
    return ALNUM_NON_ASCII.test(String.fromCodePoint(cp));
  }
  return isAlnumCode(c);
}

/** Characters that join the pieces of an identifier: UUID dashes, base64's + / =, base64url's - _. */
function isJoiner(c: number): boolean {
  return c === 45 || c === 95 || c === 43 || c === 47 || c === 61; // - _ + / =
}

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isAsciiLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

/** How far along an opaque run to look on each side: a SHA-512 hex digest is 128 characters. */
const OPAQUE_REACH = 128;
/** An opaque run is at least this long, finding included... */
const OPAQUE_MIN_LENGTH = 16;
/** ...and, outside the finding, has at least this many places where a letter touches a digit. */
const OPAQUE_MIN_MIXES = 2;
/** Or, outside the finding, it is hex in dash-joined groups (a UUID) with this many hex digits. */
const OPAQUE_MIN_HEX = 12;

function isHexLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 102;
}

/** Letter-digit contacts inside the pieces of text[a, b): "7e4f" has three, "report-2020" none. */
function mixes(text: string, a: number, b: number): number {
  let n = 0;
  for (let i = a + 1; i < b; i++) {
    const x = text.charCodeAt(i - 1);
    const y = text.charCodeAt(i);
    if ((isAsciiDigit(x) && isAsciiLetter(y)) || (isAsciiLetter(x) && isAsciiDigit(y))) n++;
  }
  return n;
}

/**
 * Dash-joined hex groups right beside the finding (a UUID around a piece of it), at most a..b:
 * true when they hold OPAQUE_MIN_HEX hex digits, letters and digits both.
 */
function hexGroupsAround(text: string, a: number, start: number, end: number, b: number): boolean {
  let hex = 0;
  let letters = 0;
  let digits = 0;
  const count = (c: number): boolean => {
    if (c === 45) return true;
    if (isAsciiDigit(c)) digits++;
    else if (isHexLetter(c)) letters++;
    else return false;
    hex++;
    return true;
  };
  for (let i = start - 1; i >= a && count(text.charCodeAt(i)); i--);
  for (let i = end; i < b && count(text.charCodeAt(i)); i++);
  return hex >= OPAQUE_MIN_HEX && letters > 0 && digits > 0;
}

/** An identifier rather than words and numbers joined by punctuation ("report-2020-01-01-final"). */
function opaque(text: string, a: number, start: number, end: number, b: number): boolean {
  return mixes(text, a, start) + mixes(text, end, b) >= OPAQUE_MIN_MIXES || hexGroupsAround(text, a, start, end, b);
}

function isRunCode(c: number): boolean {
  return (c < 128 && (isAsciiDigit(c) || isAsciiLetter(c))) || isJoiner(c);
}

/**
 * Why the span [start, end) may not be an entity because of where it stands, or undefined when its
 * edges are token edges.
 *
 * @example
 * ```ts
 * cutsToken('digest 7e4f763f972bd131ec752e6074f2bfd304940849', 39, 48) // → 'ends inside a word or number'
 * cutsToken('SSN 536-22-1234', 4, 15) // → undefined
 * ```
 */
export function cutsToken(text: string, start: number, end: number): string | undefined {
  if (isAlnumAt(text, start - 1) && isAlnumAt(text, start)) return 'starts inside a word or number';
  if (isAlnumAt(text, end - 1) && isAlnumAt(text, end)) return 'ends inside a word or number';
  const before = start > 0 ? text.charCodeAt(start - 1) : -1;
  const after = end < text.length ? text.charCodeAt(end) : -1;
  if (!isJoiner(before) && !isJoiner(after)) return undefined;
  // Joined to its neighbours by - _ + / =: look at the whole run for an opaque identifier.
  let a = start;
  while (a > 0 && start - a < OPAQUE_REACH && isRunCode(text.charCodeAt(a - 1))) a--;
  let b = end;
  while (b < text.length && b - end < OPAQUE_REACH && isRunCode(text.charCodeAt(b))) b++;
  if (a === start && b === end) return undefined;
  if (b - a < OPAQUE_MIN_LENGTH) return undefined;
  return opaque(text, a, start, end, b) ? 'inside an opaque identifier (UUID, digest, base64)' : undefined;
}
