// The ASCII characters a regular expression's matches must contain, read from its source, as sets:
// every match contains at least one character of each set. A literal no quantifier makes optional
// gives a set of one ('/', ':'), or of its two cases under the `i` flag ({b, B}); a class of ASCII
// characters gives its members ([mf]); a group, capturing or not, gives what its body requires; an
// alternation gives the sets every branch requires ("zip|postal|post" → {p, P}) and the union of one
// set from each branch ("bc1|3" → {b, B, 3}). The engine tests a text's characters once (one pass, a
// 128-bit presence mask) and skips a pattern or a `requires` test when the text holds no character of
// one of its sets, without running the regex.
// Conservative by construction: lookarounds, `.`, `\d`, `\w`, `\s`, negated classes and classes that
// can match a non-ASCII character give no set; an escape it does not read (\p{..}, \u...., \x..,
// back-references) or a construct it does not understand gives no set at all for the whole regex.
// The source is read with regex-source.ts. Never claims a set a match can avoid:
// unit/detect/required-chars checks it on every pattern.

import { atLookaround, enterGroup, leaveGroup, mayBeNonAscii, readerOf, readQuantifier, skipBracketed, Unread, type Reader } from './regex-source.js';

const CLASS_ESCAPES = 'dDsSwW';
/** The control characters of `\n`, `\r`, `\t`, `\f`, `\v`. */
const CONTROL_ESCAPES: Readonly<Record<string, number>> = { n: 10, r: 13, t: 9, f: 12, v: 11 };

/**
 * A set of ASCII codes as a 128-bit mask, four 32-bit words: bit (code & 31) of word (code >> 5).
 * Sets are compared and joined as masks while reading; an empty mask stands for "no set".
 */
type Mask = [number, number, number, number];

function emptyMask(): Mask {
  return [0, 0, 0, 0];
}

function isEmpty(m: Mask): boolean {
  return (m[0] | m[1] | m[2] | m[3]) === 0;
}

function addCode(m: Mask, code: number): void {
  m[code >>> 5] |= 1 << (code & 31);
}

/** a ⊆ b. */
function subset(a: Mask, b: Mask): boolean {
  return ((a[0] & ~b[0]) | (a[1] & ~b[1]) | (a[2] & ~b[2]) | (a[3] & ~b[3])) === 0;
}

function union(a: Mask, b: Mask): Mask {
  return [a[0] | b[0], a[1] | b[1], a[2] | b[2], a[3] | b[3]];
}

function codesOf(m: Mask): number[] {
  const out: number[] = [];
  for (let code = 0; code < 128; code++) if ((m[code >>> 5]! & (1 << (code & 31))) !== 0) out.push(code);
  return out;
}

/**
 * How often a character is in running English text, roughly (letter frequencies in per cent; capitals,
 * digits and most punctuation rarer): used only to choose, per branch of an alternation, the set a
 * text is least likely to hold. It never decides whether a set is required.
 */
const LOWER_FREQUENCY = [8.2, 1.5, 2.8, 4.3, 12.7, 2.2, 2.0, 6.1, 7.0, 0.15, 0.8, 4.0, 2.4, 6.7, 7.5, 1.9, 0.1, 6.0, 6.3, 9.1, 2.8, 1.0, 2.4, 0.15, 2.0, 0.07];
function frequency(code: number): number {
  if (code >= 97 && code <= 122) return LOWER_FREQUENCY[code - 97]!;
  if (code === 32) return 18;
  if (code >= 65 && code <= 90) return 0.4;
  if (code >= 48 && code <= 57) return 0.5;
  if (code === 44 || code === 46) return 1;
  return 0.2;
}
function weight(m: Mask): number {
  let w = 0;
  for (const code of codesOf(m)) w += frequency(code);
  return w;
}

/** Keeps the sets no other set implies (a set holding another is required whenever that one is). */
function prune(sets: readonly Mask[]): Mask[] {
  const out: Mask[] = [];
  sets.forEach((s, i) => {
    // Of two equal sets, the first is kept.
    const implied = sets.some((t, j) => j !== i && subset(t, s) && (!subset(s, t) || j < i));
    if (!implied) out.push(s);
  });
  return out;
}

/** The set of one literal character: itself, both cases under `i`; undefined when a match may hold it as a non-ASCII character. */
function literalSet(r: Reader, code: number): Mask | undefined {
  if (mayBeNonAscii(r, code)) return undefined;
  const m = emptyMask();
  const lower = code | 32;
  if (r.fold && lower >= 97 && lower <= 122) {
    addCode(m, lower);
    addCode(m, lower - 32);
  } else {
    addCode(m, code);
  }
  return m;
}

/**
 * The set of a class [...] starting at r.i (r.i is left after it): its members when they are all
 * ASCII characters the reader knows; undefined for a negated class, one with \d, \w, \s, \p{..} or
 * another escape, or a member a match may hold as a non-ASCII character.
 */
function readClass(r: Reader): Mask | undefined {
  const src = r.src;
  let i = r.i + 1;
  let known = src[i] !== '^';
  const m = emptyMask();
  const codes: number[] = [];
  /** The code of the class member at i (i left after it), or -1 when it is no single known character. */
  const member = (): number => {
    const c = src[i];
    if (c === undefined) throw new Unread();
    if (c !== '\\') {
      i++;
      return c.charCodeAt(0);
    }
    const e = src[i + 1];
    if (e === undefined) throw new Unread();
    i += 2;
    if (CONTROL_ESCAPES[e] !== undefined) return CONTROL_ESCAPES[e]!;
    if (/[A-Za-z0-9]/.test(e)) {
      // \d, \w, \s... or an escape not read here (\p{..}, \u...., \x..): skipped as one character
      // after the backslash, which cannot be ']' for any of them, so the class still ends right.
      if (!CLASS_ESCAPES.includes(e) && e !== 'b') known = false;
      return -1;
    }
    return e.charCodeAt(0);
  };
  if (src[i] === '^') i++;
  for (;;) {
    if (i >= src.length) throw new Unread();
    if (src[i] === ']') break;
    const from = member();
    if (src[i] === '-' && src[i + 1] !== ']' && i + 1 < src.length) {
      i++;
      const to = member();
      if (from < 0 || to < 0 || to < from) {
        known = false;
        continue;
      }
      for (let code = from; code <= to; code++) codes.push(code);
    } else if (from < 0) {
      known = false;
    } else {
      codes.push(from);
    }
  }
  r.i = i + 1;
  if (!known || codes.length === 0) return undefined;
  for (const code of codes) {
    const set = literalSet(r, code);
    if (set === undefined) return undefined;
    m[0] |= set[0];
    m[1] |= set[1];
    m[2] |= set[2];
    m[3] |= set[3];
  }
  return m;
}

/** The sets a disjunction (branches separated by '|') requires, read up to an unmatched ')' or the end. */
function readDisjunction(r: Reader): Mask[] {
  const branches: Mask[][] = [readSequence(r)];
  while (r.src[r.i] === '|') {
    r.i++;
    branches.push(readSequence(r));
  }
  if (branches.length === 1) return branches[0]!;
  // A set every branch requires (a branch holding one of its subsets requires it too).
  const common: Mask[] = [];
  for (const branch of branches) {
    for (const s of branch) if (branches.every((b) => b.some((t) => subset(t, s)))) common.push(s);
  }
  // The union of each branch's rarest set, when every branch requires one.
  if (branches.every((b) => b.length > 0)) {
    let joined = emptyMask();
    for (const b of branches) joined = union(joined, b.reduce((best, s) => (weight(s) < weight(best) ? s : best)));
    common.push(joined);
  }
  return prune(common);
}

/** The sets a sequence of terms requires, read up to '|', an unmatched ')' or the end. */
function readSequence(r: Reader): Mask[] {
  const src = r.src;
  const sets: Mask[] = [];
  while (r.i < src.length) {
    const c = src[r.i]!;
    if (c === '|' || c === ')') break;
    let atom: Mask[] = [];
    if (c === '^' || c === '$') {
      r.i++;
      continue;
    }
    if (c === '(') {
      if (atLookaround(r)) {
        // A lookaround: what it looks at is no part of the match, so it is passed over unread.
        r.i = skipBracketed(src, r.i);
        readQuantifier(r);
        continue;
      }
      enterGroup(r); // a modifier group or other `(?` syntax is not read: Unread
      atom = readDisjunction(r);
      leaveGroup(r);
    } else if (c === '[') {
      const set = readClass(r);
      if (set !== undefined) atom = [set];
    } else if (c === '\\') {
      const e = src[r.i + 1];
      if (e === undefined) throw new Unread();
      r.i += 2;
      if (e === 'b' || e === 'B') continue; // an assertion
      if (CONTROL_ESCAPES[e] !== undefined) atom = [literalSet(r, CONTROL_ESCAPES[e]!)!];
      else if (/[A-Za-z0-9]/.test(e)) {
        // \p{..}, \u...., \x.., \c., \k<..>, \0 and back-references: not read, no sets.
        if (!CLASS_ESCAPES.includes(e)) throw new Unread();
      } else {
        const set = literalSet(r, e.charCodeAt(0));
        if (set !== undefined) atom = [set];
      }
    } else if (c === '.') {
      r.i++;
    } else if (']{}*+?'.includes(c)) {
      throw new Unread();
    } else {
      r.i++;
      const set = literalSet(r, c.charCodeAt(0));
      if (set !== undefined) atom = [set];
    }
    if (readQuantifier(r) !== 0) sets.push(...atom);
  }
  return prune(sets);
}

/**
 * The sets of ASCII characters every match of `re` contains one of, each as its characters sorted
 * (at most `limit`, the rarest first); [] when none is known.
 *
 * @example
 * ```ts
 * requiredSets(/(?<![\w/.-])\d{1,2}\/\d{1,2}\/\d{4}/) // → ['/']
 * requiredSets(/zip|postal|post/i)                    // → ['Pp']
 * requiredSets(/[mf]\d/)                              // → ['fm']
 * ```
 */
export function requiredSets(re: RegExp, limit = 8): string[] {
  // A `v` class may nest classes, which readClass does not follow.
  if (re.flags.includes('v')) return [];
  const r = readerOf(re);
  let sets: Mask[];
  try {
    sets = readDisjunction(r);
    if (r.i !== r.src.length) return []; // an unmatched ')'
  } catch (e) {
    if (e instanceof Unread) return [];
    throw e;
  }
  return sets
    .filter((s) => !isEmpty(s))
    .map((s) => ({ s, w: weight(s) }))
    .sort((a, b) => a.w - b.w)
    .slice(0, limit)
    .map(({ s }) => String.fromCharCode(...codesOf(s)));
}

/**
 * The ASCII characters every match of `re` contains (sorted, each once): its required sets of one
 * character. '' when none is known.
 *
 * @example
 * ```ts
 * requiredChars(/(?<![\w/.-])\d{1,2}\/\d{1,2}\/\d{4}/) // → '/'
 * requiredChars(/jan|feb/i)                              // → ''
 * ```
 */
export function requiredChars(re: RegExp): string {
  return requiredSets(re, Infinity).filter((s) => s.length === 1).sort().join('');
}

/** The characters as a 128-bit mask: four 32-bit words, bit (code & 31) of word (code >> 5). */
export function charMask(chars: string): [number, number, number, number] {
  const mask: [number, number, number, number] = [0, 0, 0, 0];
  for (let i = 0; i < chars.length; i++) {
    const code = chars.charCodeAt(i);
    if (code < 128) mask[code >>> 5] |= 1 << (code & 31);
  }
  return mask;
}
