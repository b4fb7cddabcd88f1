// The words a regular expression's matches must start with, read from its source, and the words a text
// starts: a pattern written `\b(?:mrn|medical\s+record|chart...)` can match only where a word of the
// text begins with "mrn", "med" or "cha", so a text none of whose words begins so is skipped without
// running the regex. Most cued patterns (ages, record numbers, licences, post codes) match in few texts
// and start with such a word list, which the required-character mask cannot tell apart (every text
// holds an 'm', a 'p', a 'c').
// Conservative by construction: only a source that starts with `\b` and then literal characters (in
// groups and alternations, lookarounds passed over) gives keys; a key is the first two or three
// characters lower-cased; anything it does not read ends a key there, and a branch with fewer than two
// characters read gives no keys at all for the regex. Under the `iu` flags 's' and 'k' also match 'ſ'
// and the Kelvin sign, so a key ends before them (the source is read with regex-source.ts). Never
// claims a start a match can avoid: unit/detect/word-starts checks it on every match of every default
// pattern over the development sets.

import { atLookaround, enterGroup, leaveGroup, mayBeNonAscii, readerOf, readQuantifier, skipBracketed, Unread, type Reader } from './regex-source.js';

/** Bits of each of the two key tables (a power of two): keys are hashed, a collision only lets a text through. */
const TABLE_BITS = 4096;

/** A key of two or three character codes (lower-cased ASCII) as its bit in a table of TABLE_BITS. */
function keyBit(a: number, b: number, c: number): number {
  return (Math.imul((a << 14) | (b << 7) | c, 0x9e3779b1) >>> 20) & (TABLE_BITS - 1);
}

/**
 * A pattern's start keys made ready for the look-up: the bits of its keys of two characters and of
 * three, each list a bit per key; a match starts with one of these keys.
 */
export interface WordStarts {
  readonly two: Int32Array;
  readonly three: Int32Array;
}

/** A path through the source: the characters read so far and whether more may still be added. */
interface Path {
  readonly p: string;
  readonly open: boolean;
}

const KEY = 3;

/** Paths of the alternatives of a group, read up to its ')'. */
function readAlternatives(r: Reader): Path[] {
  const out = readSequence(r);
  while (r.src[r.i] === '|') {
    r.i++;
    out.push(...readSequence(r));
  }
  return out;
}

/** Paths of one sequence of atoms, read up to '|', an unmatched ')' or the end. */
function readSequence(r: Reader): Path[] {
  const src = r.src;
  let paths: Path[] = [{ p: '', open: true }];
  while (r.i < src.length) {
    const c = src[r.i]!;
    if (c === '|' || c === ')') break;
    /** The atom's own paths; undefined when it ends every open path (a class, `.`, an escape like \s). */
    let atom: Path[] | undefined;
    if (c === '(') {
      if (atLookaround(r)) {
        // A lookaround matches no character: passed over (what it asks only removes matches).
        r.i = skipBracketed(src, r.i);
        if (readQuantifier(r) !== undefined) throw new Unread();
        continue;
      }
      enterGroup(r);
      atom = readAlternatives(r);
      leaveGroup(r);
    } else if (c === '[') {
      r.i = skipBracketed(src, r.i);
    } else if (c === '\\') {
      const e = src[r.i + 1];
      if (e === undefined) throw new Unread();
      r.i += 2;
      // \p{..}, \u...., \x.., \k<..>: their arguments hold no '|' or ')', read on as ended atoms.
      if (!/[A-Za-z0-9]/.test(e)) atom = literal(r, e.charCodeAt(0));
    } else if (']{}*+?'.includes(c)) {
      throw new Unread();
    } else {
      r.i++;
      if (c !== '.' && c !== '^' && c !== '$') atom = literal(r, c.charCodeAt(0));
    }
    // A quantified atom may repeat or be absent: the paths end before it.
    if (readQuantifier(r) !== undefined) atom = undefined;
    paths = paths.flatMap((path): Path[] => {
      if (!path.open) return [path];
      if (atom === undefined) return [{ p: path.p, open: false }];
      return atom.map((a) => (path.p.length + a.p.length >= KEY ? { p: (path.p + a.p).slice(0, KEY), open: false } : { p: path.p + a.p, open: a.open }));
    });
  }
  return paths;
}

/** A literal character as the paths of its atom: itself lower-cased, or none when a match may hold it as another character. */
function literal(r: Reader, code: number): Path[] | undefined {
  if (mayBeNonAscii(r, code)) return undefined;
  const lower = code >= 65 && code <= 90 ? code + 32 : code;
  return [{ p: String.fromCharCode(lower), open: true }];
}

function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * The lower-cased first two or three characters one of which every match of `re` starts with, at the
 * start of a word (each key's first character is a word character after the leading `\b`); undefined
 * when the source does not show them.
 *
 * @example
 * ```ts
 * startKeys(/\b(?:MRN|med\.?\s+rec)\s*\d+/i) // → ['mrn', 'med']
 * startKeys(/\bDLN?:/)                     // → ['dl']
 * startKeys(/(?<!\w)age/)                  // → undefined
 * ```
 */
export function startKeys(re: RegExp): string[] | undefined {
  if (re.flags.includes('v') || !re.source.startsWith('\\b')) return undefined;
  const r = readerOf(re, 2);
  let paths: Path[];
  try {
    // One sequence: in `\bab|cd` the \b belongs to the first branch only.
    paths = readSequence(r);
    if (r.i !== r.src.length) return undefined;
  } catch (e) {
    if (e instanceof Unread) return undefined;
    throw e;
  }
  if (paths.some((x) => x.p.length < 2 || !isWordCode(x.p.charCodeAt(0)))) return undefined;
  return [...new Set(paths.map((x) => x.p))];
}

/** startKeys(re) as bits of the two tables, undefined when it has none. */
export function wordStartsOf(re: RegExp): WordStarts | undefined {
  const keys = startKeys(re);
  if (keys === undefined) return undefined;
  const bit = (k: string): number => keyBit(k.charCodeAt(0), k.charCodeAt(1), k.length > 2 ? k.charCodeAt(2) : 0);
  return { two: Int32Array.from(keys.filter((k) => k.length === 2).map(bit)), three: Int32Array.from(keys.filter((k) => k.length === 3).map(bit)) };
}

/**
 * The keys of every word start of `text` (a word character after none, ASCII \b) into the two
 * tables (TABLE_BITS bits each, cleared here): its first two characters, and its first three,
 * lower-cased. Characters past 127 are left out: no key holds one.
 */
export function markWordStarts(text: string, two: Int32Array, three: Int32Array): void {
  two.fill(0);
  three.fill(0);
  let prevWord = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const word = isWordCode(c);
    if (word && !prevWord && i + 1 < n) {
      const a = c >= 65 && c <= 90 ? c + 32 : c;
      let b = text.charCodeAt(i + 1);
      if (b < 128) {
        if (b >= 65 && b <= 90) b += 32;
        const k2 = keyBit(a, b, 0);
        two[k2 >>> 5]! |= 1 << (k2 & 31);
        if (i + 2 < n) {
          let d = text.charCodeAt(i + 2);
          if (d < 128) {
            if (d >= 65 && d <= 90) d += 32;
            const k3 = keyBit(a, b, d);
            three[k3 >>> 5]! |= 1 << (k3 & 31);
          }
        }
      }
    }
    prevWord = word;
  }
}

/** The text (its tables from markWordStarts) has a word starting with one of the pattern's keys. */
export function startsOneOf(starts: WordStarts, two: Int32Array, three: Int32Array): boolean {
  const a = starts.two;
  for (let k = 0; k < a.length; k++) if ((two[a[k]! >>> 5]! & (1 << (a[k]! & 31))) !== 0) return true;
  const b = starts.three;
  for (let k = 0; k < b.length; k++) if ((three[b[k]! >>> 5]! & (1 << (b[k]! & 31))) !== 0) return true;
  return false;
}

/** Int32 words of one key table. */
export const TABLE_WORDS = TABLE_BITS / 32;
