// Reading a regular expression's source text, for the prefilters that learn from it what every match
// must hold (required-chars.ts: characters; word-starts.ts: the words a match starts). Both walk the
// same syntax and must agree on it: where a class or group ends, what a quantifier allows, which group
// openings they understand, and which literal characters a match may hold as a non-ASCII character.
// Conservative by construction: whatever is not read here throws Unread, and the caller then claims
// nothing for the whole regex. Never used on a `v`-flag source (its classes nest).

/** Thrown inside a reader for a construct it does not read: the regex then gets no prefilter at all. */
export class Unread extends Error {}

/** A position in a regex's source and the flags that change what a literal matches. */
export interface Reader {
  readonly src: string;
  i: number;
  /** The `i` flag. */
  readonly fold: boolean;
  /** The `u` flag: under `iu`, 's' and 'k' also match 'ſ' (U+017F) and the Kelvin sign (U+212A). */
  readonly unicode: boolean;
}

/** A reader of `re`'s source from index `i`. */
export function readerOf(re: RegExp, i = 0): Reader {
  return { src: re.source, i, fold: re.flags.includes('i'), unicode: re.flags.includes('u') };
}

/**
 * Whether a match may hold the literal character `code` as a non-ASCII character: any code past 127,
 * and under the `iu` flags 's' and 'k' (either case), which also match 'ſ' and the Kelvin sign.
 */
export function mayBeNonAscii(r: Reader, code: number): boolean {
  if (code >= 128) return true;
  const lower = code | 32;
  return r.fold && r.unicode && (lower === 115 || lower === 107);
}

/** The index after the class `[...]` or group `(...)` that starts at i (escapes and classes within followed). */
export function skipBracketed(src: string, i: number): number {
  let depth = 0;
  let inClass = false;
  for (; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (inClass) {
      if (c === ']') {
        inClass = false;
        if (depth === 0) return i + 1;
      }
    } else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  throw new Unread();
}

const QUANTIFIER = /^\{(\d+)(?:,\d*)?\}/;

/**
 * Reads a quantifier at r.i, if any (and its lazy '?'): the fewest times it lets the atom before it
 * occur (0 for ?, * and {0,..}; 1 for +), undefined when there is none.
 */
export function readQuantifier(r: Reader): number | undefined {
  const q = r.src[r.i];
  let min: number;
  if (q === '?' || q === '*') {
    min = 0;
    r.i++;
  } else if (q === '+') {
    min = 1;
    r.i++;
  } else if (q === '{') {
    const m = QUANTIFIER.exec(r.src.slice(r.i));
    if (m === null) throw new Unread();
    min = Number(m[1]);
    r.i += m[0].length;
  } else {
    return undefined;
  }
  if (r.src[r.i] === '?') r.i++; // lazy
  return min;
}

/** A lookaround starts at r.i: (?=, (?!, (?<= or (?<!. */
export function atLookaround(r: Reader): boolean {
  return /^\(\?<?[=!]/.test(r.src.slice(r.i, r.i + 4));
}

/**
 * Enters the group (not a lookaround) that starts at r.i: r.i is left at its body. A plain, `(?:` or
 * named `(?<name>` group is read; a modifier group or any other `(?` syntax throws Unread.
 */
export function enterGroup(r: Reader): void {
  const src = r.src;
  if (src.startsWith('(?:', r.i)) r.i += 3;
  else if (src.startsWith('(?<', r.i)) {
    const close = src.indexOf('>', r.i);
    if (close < 0) throw new Unread();
    r.i = close + 1;
  } else if (src[r.i + 1] === '?') throw new Unread();
  else r.i++;
}

/** Leaves the group whose body was read up to r.i: throws Unread unless its ')' is there. */
export function leaveGroup(r: Reader): void {
  if (r.src[r.i] !== ')') throw new Unread();
  r.i++;
}
