// Word tokens for the recognizers that work on words rather than characters (names, places,
// organizations). One linear pass; the last text's tokens are cached, because several recognizers
// tokenize the same text one after another inside one analyze() call.
import { lookupKey } from './gazetteers/key.js';

export interface Token {
  readonly start: number;
  readonly end: number;
  /** Lookup key (lower case, accents removed; see gazetteers/key.ts), without a trailing possessive "'s". */
  readonly lower: string;
  /** Starts with an upper-case letter. */
  readonly cap: boolean;
  /** Two or more letters, all upper case. */
  readonly allCaps: boolean;
  /** First word of a sentence or line: capitalisation says nothing there. */
  readonly sentenceStart: boolean;
  /** Characters between the previous token and this one (trimmed to 8). */
  readonly gapBefore: string;
  /** Touches an e-mail, URL, path or identifier on either side ("jane@", ".com", "_id"). */
  readonly embedded: boolean;
}

export interface Tokens {
  readonly tokens: readonly Token[];
  /** The text has (almost) no capitals, so capitalisation cannot be a cue. */
  readonly caseless: boolean;
}

// Letters with their combining marks; inner apostrophes, hyphens and a period after a capital
// initial stay inside the word ("O'Brien", "Saint-Dié", "J.").
const WORD = /[\p{L}\p{M}]+(?:['’\-][\p{L}\p{M}]+){0,4}/gu;
const UPPER = /^\p{Lu}/u;
const LETTERS_UPPER = /^[\p{Lu}\p{M}'’\-]+$/u;

let cachedText: string | undefined;
let cached: Tokens | undefined;

export function tokenize(text: string): Tokens {
  if (text === cachedText && cached !== undefined) return cached;
  const tokens: Token[] = [];
  let upper = 0;
  let letters = 0;
  let prevEnd = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    let word = m[0];
    const start = m.index;
    let end = start + word.length;
    const possessive = /['’]s$/iu.exec(word);
    if (possessive !== null && word.length > 3) {
      word = word.slice(0, -2);
      end -= 2;
    }
    const gap = text.slice(Math.max(prevEnd, start - 8), start);
    const before = text[start - 1] ?? '';
    const after = text[end] ?? '';
    const after2 = text[end + 1] ?? '';
    const embedded = /[@_/\\:#=&%+\d]/u.test(before) || /[@_/\\=&%\d]/u.test(after) || (after === '.' && /[\p{Ll}\d]/u.test(after2)) || (before === '.' && /[\p{L}\d]/u.test(text[start - 2] ?? ''));
    const sentenceStart = tokens.length === 0 || /[.!?:;\n"“(\[>•*-]\s*$/u.test(text.slice(Math.max(prevEnd, start - 4), start)) || /\n/.test(gap);
    const cap = UPPER.test(word);
    const allCaps = word.length >= 2 && LETTERS_UPPER.test(word);
    letters++;
    if (cap) upper++;
    tokens.push({ start, end, lower: lookupKey(word), cap, allCaps, sentenceStart, gapBefore: gap, embedded });
    prevEnd = m.index + m[0].length;
  }
  const result: Tokens = { tokens, caseless: letters >= 3 ? upper / letters < 0.05 : upper === 0 };
  cachedText = text;
  cached = result;
  return result;
}

/** Only spaces (one or two) between this token and the previous one: they may be one name or place. */
export function joined(t: Token): boolean {
  return /^[ \u00a0]{1,2}$/.test(t.gapBefore);
}
