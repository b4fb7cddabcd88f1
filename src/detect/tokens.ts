// Word tokens for the recognizers that work on words rather than characters (names, places,
// organizations). One linear pass into typed arrays reused from text to text; the last text's tokens
// are cached, because several recognizers tokenize the same text one after another inside one
// analyze() call. A text's tokens are valid until another text is tokenized: never hold them longer.
import { memberships, membershipsAt, membershipsHashed } from './gazetteers/index.js';
import { KEY_HASH_OFFSET, keyHashStep } from './gazetteers/key-table.js';
import { lookupKey } from './gazetteers/key.js';
import { knownCasing } from './casing.js';

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
  /** `gapBefore === gap`, without slicing the gap out of the text. */
  gapIs(gap: string): boolean;
  /** The gap is one or two spaces (see joined()). */
  readonly spaced: boolean;
  /** Touches an e-mail, URL, path or identifier on either side ("jane@", ".com", "_id"). */
  readonly embedded: boolean;
  /** Ended in a possessive "'s" (removed from the token): a name ends here. */
  readonly possessive: boolean;
  /** Bits of the word lists holding `lower` (gazetteers/index.ts memberships()), from one probe. */
  readonly lists: number;
}

/**
 * tokens[k], or undefined outside the array. A read past either end answers undefined in the
 * interpreter but can deoptimise the finder compiled before it met one; the finders look one or two
 * words ahead of and behind each token, so those reads go through here.
 */
export function tokenAt(tokens: readonly Token[], k: number): Token | undefined {
  return k >= 0 && k < tokens.length ? tokens[k] : undefined;
}

/** The token's word is in the list of `bit` (FIRST_NAME, COMMON_WORD, ... of gazetteers/index.ts). */
export function inList(t: Token, bit: number): boolean {
  return (t.lists & bit) !== 0;
}

/** Flags of a token, in one number (the stream's `flags`). */
const CAP = 1;
const ALL_CAPS = 2;
const SENTENCE_START = 4;
const EMBEDDED = 8;
const POSSESSIVE = 16;
const SPACED = 32;

/**
 * The token stream of the last text tokenized, as typed arrays reused from text to text (grown, never
 * shrunk): token k spans text[starts[k], ends[k]), its gap before it starts at gapStarts[k], its six
 * flags are one number, its list bits are -1 until asked. Lookup keys and gaps are made on first use
 * (most words are never looked up) and kept in two arrays of the same indices. A text's tokens then
 * allocate nothing per token: the Token objects the finders read are views of one index each, made
 * once per index and reused by every later text (see tokenize()).
 */
let streamText = '';
let streamCount = 0;
let starts = new Int32Array(256);
let ends = new Int32Array(256);
let gapStarts = new Int32Array(256);
let flagsOf = new Uint8Array(256);
let listsOf = new Int32Array(256);
/**
 * Per token of an ASCII text, the hash of its lookup key (key-table.ts: KEY_HASH_OFFSET, then
 * keyHashStep per lower-cased code), taken while the tokenizer reads the word: its list probe then
 * reads the word's characters once, to compare them, not twice. Unused when `streamAscii` is false.
 */
let hashes = new Int32Array(256);
/** The stream's text is all ASCII: every token's `hashes` entry is its key's hash. */
let streamAscii = false;
const lowers: (string | undefined)[] = [];
const gaps: (string | undefined)[] = [];
/** views[k] reads token k of the stream, whatever text it now holds. */
const views: TokenView[] = [];

/** Room for `n` tokens in the stream's arrays, their content kept. */
function reserve(n: number): void {
  if (n <= starts.length) return;
  const size = Math.max(n, starts.length * 2);
  const grow = <T extends Int32Array | Uint8Array>(a: T, make: (size: number) => T): T => {
    const b = make(size);
    b.set(a);
    return b;
  };
  starts = grow(starts, (k) => new Int32Array(k));
  ends = grow(ends, (k) => new Int32Array(k));
  gapStarts = grow(gapStarts, (k) => new Int32Array(k));
  flagsOf = grow(flagsOf, (k) => new Uint8Array(k));
  listsOf = grow(listsOf, (k) => new Int32Array(k));
  hashes = grow(hashes, (k) => new Int32Array(k));
}

/**
 * Token k of the stream. Valid until the next text is tokenized: a finder reads its text's tokens
 * from start to end before it returns, and never tokenizes another text meanwhile.
 */
class TokenView implements Token {
  constructor(private readonly k: number) {}

  get start(): number { return starts[this.k]!; }
  get end(): number { return ends[this.k]!; }
  get cap(): boolean { return (flagsOf[this.k]! & CAP) !== 0; }
  get allCaps(): boolean { return (flagsOf[this.k]! & ALL_CAPS) !== 0; }
  get sentenceStart(): boolean { return (flagsOf[this.k]! & SENTENCE_START) !== 0; }
  get embedded(): boolean { return (flagsOf[this.k]! & EMBEDDED) !== 0; }
  get possessive(): boolean { return (flagsOf[this.k]! & POSSESSIVE) !== 0; }
  get spaced(): boolean { return (flagsOf[this.k]! & SPACED) !== 0; }

  gapIs(gap: string): boolean {
    const k = this.k;
    const known = gaps[k];
    if (known !== undefined) return known === gap;
    const at = gapStarts[k]!;
    return starts[k]! - at === gap.length && streamText.startsWith(gap, at);
  }

  get lower(): string {
    const k = this.k;
    return lowers[k] ?? (lowers[k] = lookupKey(streamText.slice(starts[k]!, ends[k]!)));
  }

  get lists(): number {
    const k = this.k;
    let bits = listsOf[k]!;
    if (bits < 0) {
      if (streamAscii) listsOf[k] = bits = membershipsHashed(streamText, starts[k]!, ends[k]!, hashes[k]!);
      else {
        const lower = lowers[k];
        listsOf[k] = bits = lower !== undefined ? memberships(lower) : membershipsAt(streamText, starts[k]!, ends[k]!);
      }
    }
    return bits;
  }

  get gapBefore(): string {
    const k = this.k;
    return gaps[k] ?? (gaps[k] = streamText.slice(gapStarts[k]!, starts[k]!));
  }
}

/** Appends a token to the stream (its key, gap and list bits not yet known; `hash` its key's hash in an ASCII text). */
function pushToken(start: number, end: number, gapStart: number, flags: number, hash: number): void {
  const k = streamCount++;
  if (k >= starts.length) reserve(k + 1);
  starts[k] = start;
  ends[k] = end;
  gapStarts[k] = gapStart;
  flagsOf[k] = flags;
  listsOf[k] = -1;
  hashes[k] = hash;
  if (k < lowers.length) {
    lowers[k] = undefined;
    gaps[k] = undefined;
  } else {
    lowers.push(undefined);
    gaps.push(undefined);
  }
}

export interface Tokens {
  readonly tokens: readonly Token[];
  /** The text has (almost) no capitals, so capitalisation cannot be a cue. */
  readonly caseless: boolean;
}

// Letters with their combining marks; inner apostrophes, hyphens and a period after a capital
// initial stay inside the word ("O'Brien", "Saint-Dié", "J.").
const WORD = /[\p{L}\p{M}]+(?:['’\-][\p{L}\p{M}]+){0,4}/gu;
/** Characters that, touching a word, make it part of an address, path or identifier. */
const EMBED_BEFORE = new Set('@_/\\:#=&%+0123456789');
const EMBED_AFTER = new Set('@_/\\=&%0123456789');
/** Characters that end a sentence or a field, so the next word's capital means nothing. */
const BOUNDARY = new Set('.!?:;\n"“([>•*-');
/** BOUNDARY by character code: a table for ASCII, a set for the others ('“', '•'). */
const BOUNDARY_ASCII = new Uint8Array(128);
const BOUNDARY_OTHER = new Set<number>();
for (const c of BOUNDARY) {
  const code = c.charCodeAt(0);
  if (code < 128) BOUNDARY_ASCII[code] = 1;
  else BOUNDARY_OTHER.add(code);
}
function isBoundary(code: number): boolean {
  return code < 128 ? BOUNDARY_ASCII[code] === 1 : BOUNDARY_OTHER.has(code);
}

/** The character text[i] (of code `code`) is an upper-case letter. */
function isUpperAt(text: string, i: number, code: number): boolean {
  if (code < 128) return code >= 65 && code <= 90;
  const c = text[i]!;
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

/** Per ASCII code: 1 when in EMBED_BEFORE, 2 when in EMBED_AFTER (both are ASCII). */
const EMBED = new Uint8Array(128);
for (const c of EMBED_BEFORE) EMBED[c.charCodeAt(0)]! |= 1;
for (const c of EMBED_AFTER) EMBED[c.charCodeAt(0)]! |= 2;
/** Bit `bit` of EMBED for the character at text[i]; false outside the text. */
function embedAt(text: string, i: number, bit: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const code = text.charCodeAt(i);
  return code < 128 && (EMBED[code]! & bit) !== 0;
}
/** A digit or a lower-case letter at text[i] (a space past either end); ASCII from its code, without case mapping. */
function isLowerOrDigitAt(text: string, i: number): boolean {
  const code = i >= 0 && i < text.length ? text.charCodeAt(i) : 32;
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 97 && code <= 122);
  const c = text[i]!;
  return c !== c.toUpperCase() && c === c.toLowerCase();
}
/** A digit or a letter with case at text[i] (a space past either end). */
function isLetterOrDigitAt(text: string, i: number): boolean {
  const code = i >= 0 && i < text.length ? text.charCodeAt(i) : 32;
  if (code < 128) return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
  const c = text[i]!;
  return c.toLowerCase() !== c.toUpperCase();
}

/**
 * text.charCodeAt(i), or -1 outside the text (no character matches it). charCodeAt past either end
 * answers NaN in the interpreter but deoptimises optimised code ("out of bounds"): the tokenizer reads
 * one past a word at every text's end, so each such read goes through here.
 */
function codeAt(text: string, i: number): number {
  return i >= 0 && i < text.length ? text.charCodeAt(i) : -1;
}

function isSpaceOrNbsp(c: number): boolean {
  return c === 32 || c === 0xa0;
}

let cachedText: string | undefined;
let cached: Tokens | undefined;

/** The last text asked about by isAsciiText/asciiLower, and its answers. */
let factsText: string | undefined;
let factsAscii = false;
/** factsText lower-cased when ASCII, undefined when not, null until asked. */
let factsLower: string | undefined | null = null;

/**
 * Whether `text` is all ASCII, kept for the last text: the tokenizer, the cue scan and the engine's
 * context look-up ask about the same text in one analyze() call.
 */
export function isAsciiText(text: string): boolean {
  if (text !== factsText) {
    factsText = text;
    factsAscii = !NON_ASCII.test(text);
    factsLower = null;
  }
  return factsAscii;
}

/** `text` lower-cased when it is all ASCII (slices of it then equal lower-cased slices), else undefined; kept for the last text. */
export function asciiLower(text: string): string | undefined {
  const ascii = isAsciiText(text);
  if (factsLower === null) factsLower = ascii ? text.toLowerCase() : undefined;
  return factsLower;
}

function isAsciiLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

/**
 * The runs of letters of the last ASCII text tokenized that may open a cue phrase (their hash is in
 * cueFilter and no digit is before them), as start, end pairs in text order: the tokenizer visits every
 * run of letters, so the cue scan (scanCueRuns) looks only at these instead of passing over the text
 * again. Valid for `cueRunsText` while cueFilter is as it was (`cueRunsVersion`).
 */
let cueRuns = new Int32Array(64);
let cueRunCount = 0;
let cueRunsText: string | undefined;
let cueRunsVersion = -1;

/** Records the run of letters text[start, end) of cueHash `h` (unmasked) when it may open a cue phrase. */
function noteCueRun(text: string, start: number, end: number, h: number): void {
  h &= CUE_FILTER_BITS - 1;
  if ((cueFilter[h >>> 3]! & (1 << (h & 7))) === 0) return;
  const before = start > 0 ? text.charCodeAt(start - 1) : 32;
  if (before >= 48 && before <= 57) return;
  if (cueRunCount + 2 > cueRuns.length) {
    const grown = new Int32Array(cueRuns.length * 2);
    grown.set(cueRuns);
    cueRuns = grown;
  }
  cueRuns[cueRunCount++] = start;
  cueRuns[cueRunCount++] = end;
}

/** Set by nextAsciiWord: the end of the word it found. */
let asciiWordEnd = 0;
/** Set by nextAsciiWord: the upper-case letters of the text up to the end of the word it found. */
let asciiUpper = 0;
/** Set by nextAsciiWord: the letters of the text up to the end of the word it found. */
let asciiLetters = 0;
/** Set by nextAsciiWord: the hash of the lookup key of the word it found (see `hashes`). */
let asciiWordHash = 0;

/** The hash of the lookup key of the ASCII word text[start, end) (see `hashes`). */
function asciiKeyHash(text: string, start: number, end: number): number {
  let h = KEY_HASH_OFFSET;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    h = keyHashStep(h, c >= 65 && c <= 90 ? c + 32 : c);
  }
  return h;
}

/**
 * In an ASCII text, the start of the next match of WORD at or after `from` (-1 when none), its end in
 * asciiWordEnd: letters, then up to four times an apostrophe or hyphen followed by letters, as the
 * regex matches them there (no \p{M} and no ’ in ASCII). Every letter of the text is inside a match,
 * so the letters counted on the way (asciiLetters, asciiUpper) are the text's.
 */
function nextAsciiWord(text: string, from: number): number {
  const n = text.length;
  let i = from;
  while (i < n && !isAsciiLetter(text.charCodeAt(i))) i++;
  if (i >= n) return -1;
  const start = i;
  let key = KEY_HASH_OFFSET; // the word's lookup-key hash: its letters lower-cased, its joins as they are
  for (let joins = 0; ; joins++) {
    const run = i;
    let h = 0; // cueHash of the run lower-cased
    for (let c = codeAt(text, i); i < n && isAsciiLetter(c); c = codeAt(text, ++i)) {
      asciiLetters++;
      if (c <= 90) asciiUpper++;
      h = (Math.imul(h, 31) + (c | 32)) | 0;
      key = keyHashStep(key, c | 32);
    }
    noteCueRun(text, run, i, h);
    const j = codeAt(text, i);
    if (joins === 4 || (j !== 39 && j !== 45) || !isAsciiLetter(codeAt(text, i + 1))) break;
    key = keyHashStep(key, j);
    i++;
  }
  asciiWordHash = key;
  asciiWordEnd = i;
  return start;
}

/** `text.slice(start, end) === text.slice(start, end).toUpperCase()` from the character codes when ASCII (see isAllUpper). */
function isAllUpperAt(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128) {
      const word = text.slice(start, end);
      return word === word.toUpperCase();
    }
    if (code >= 97 && code <= 122) return false;
  }
  return true;
}

/** 2 when the word text[start, end) of four or more characters ends in a possessive "'s" or "’s", else 0. */
function possessiveCut(text: string, start: number, end: number): number {
  if (end - start <= 3) return 0;
  const last = text.charCodeAt(end - 1);
  if (last !== 115 && last !== 83) return 0;
  const q = text.charCodeAt(end - 2);
  return q === 39 || q === 0x2019 ? 2 : 0;
}

export function tokenize(text: string): Tokens {
  if (text === cachedText && cached !== undefined) return cached;
  const before = streamCount;
  streamText = text;
  streamAscii = false; // set below, with the tokens' hashes
  streamCount = 0;
  let upper = 0;
  let prevEnd = 0;
  // ASCII texts (most) are split by character code, not by the Unicode regex: no match array and no
  // word string per token, and the letters are counted on the way for textCasing.
  const ascii = isAsciiText(text);
  asciiLetters = 0;
  asciiUpper = 0;
  cueRunCount = 0;
  cueRunsText = undefined;
  WORD.lastIndex = 0;
  for (;;) {
    let start: number;
    let matchEnd: number;
    let hash = 0;
    if (ascii) {
      start = nextAsciiWord(text, prevEnd);
      if (start < 0) break;
      matchEnd = asciiWordEnd;
      hash = asciiWordHash;
    } else {
      const m = WORD.exec(text);
      if (m === null) break;
      start = m.index;
      matchEnd = start + m[0].length;
    }
    // Both statements run for every word: arithmetic only under "a possessive was found" would have
    // no type feedback when tokenize is first optimised, and the first possessive would deoptimise it.
    const cut = possessiveCut(text, start, matchEnd);
    const end = matchEnd - cut;
    // The key of a possessive word is hashed again without its "'s" (in every word's code, see above).
    if (ascii && cut !== 0) hash = asciiKeyHash(text, start, end);
    let flags = cut !== 0 ? POSSESSIVE : 0;
    const gapStart = Math.max(prevEnd, start - 8);
    if (embedAt(text, start - 1, 1) || embedAt(text, end, 2)
      || (codeAt(text, end) === 46 && isLowerOrDigitAt(text, end + 1)) // "."
      || (codeAt(text, start - 1) === 46 && isLetterOrDigitAt(text, start - 2))) flags |= EMBEDDED;
    let sentenceStart = streamCount === 0;
    if (!sentenceStart) {
      let k = start - 1;
      for (let c = text.charCodeAt(k); k >= prevEnd && k >= start - 4 && (c === 32 || c === 9 || c === 0xa0); c = text.charCodeAt(--k));
      sentenceStart = k >= prevEnd && isBoundary(text.charCodeAt(k));
      if (!sentenceStart) for (let q = gapStart; q < start; q++) if (text.charCodeAt(q) === 10) { sentenceStart = true; break; }
    }
    if (sentenceStart) flags |= SENTENCE_START;
    if (isUpperAt(text, start, text.charCodeAt(start))) {
      flags |= CAP;
      upper++;
      if (end - start >= 2 && isAllUpperAt(text, start, end)) flags |= ALL_CAPS;
    }
    const gap = start - gapStart;
    if ((gap === 1 || gap === 2) && isSpaceOrNbsp(text.charCodeAt(gapStart)) && (gap === 1 || isSpaceOrNbsp(text.charCodeAt(gapStart + 1)))) flags |= SPACED;
    pushToken(start, end, gapStart, flags, hash);
    prevEnd = matchEnd;
  }
  const n = streamCount;
  streamAscii = ascii;
  // The keys and gaps of the previous text's later tokens are dropped, not kept until a longer text.
  for (let k = n; k < before; k++) {
    lowers[k] = undefined;
    gaps[k] = undefined;
  }
  while (views.length < n) views.push(new TokenView(views.length));
  const tokens = views.slice(0, n);
  const result: Tokens = { tokens, caseless: n >= 3 ? upper / n < 0.05 : upper === 0 };
  if (ascii) {
    knownCasing(text, asciiUpper, asciiLetters - asciiUpper);
    cueRunsText = text;
    cueRunsVersion = cueFilterVersion;
  }
  cachedText = text;
  cached = result;
  return result;
}

/** Only spaces (one or two) between this token and the previous one: they may be one name or place. */
export function joined(t: Token): boolean {
  return t.spaced;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const NON_ASCII = /[^\x00-\x7f]/;
/** A cue-phrase list as registered on its first use. */
interface CueList {
  /** The case-insensitive regex, for texts that are not ASCII (and lists the table cannot hold). */
  readonly any: RegExp;
  /** Index in `fastLists` when the list is in the phrase table (ASCII phrases of the simple shape), else -1. */
  readonly fast: number;
}
const cueLists = new WeakMap<readonly string[], CueList>();
/** The lists held by the phrase table, in registration order. */
const fastLists: { readonly optionalThe: boolean }[] = [];
/**
 * The phrase table: a phrase's first run of letters (lower case) → its phrases, each with its list, in
 * each list's alternation order (longest phrase first, as the regex tries them).
 */
const cueTable = new Map<string, { readonly list: number; readonly phrase: string }[]>();
/**
 * A filter over the table's first words, by a hash of their letters (cueHash): a word whose bit is
 * clear is no key, so most words of a text are passed over without being sliced out and looked up.
 */
const CUE_FILTER_BITS = 1 << 14;
const cueFilter = new Uint8Array(CUE_FILTER_BITS >>> 3);
/** Counts the lists added to cueFilter: runs noted before a change are not all the candidates. */
let cueFilterVersion = 0;
/** The hash cueFilter is indexed by, of the lower-case ASCII letters lower[i, e). */
function cueHash(lower: string, i: number, e: number): number {
  let h = 0;
  for (let k = i; k < e; k++) h = (Math.imul(h, 31) + lower.charCodeAt(k)) | 0;
  return h & (CUE_FILTER_BITS - 1);
}
let cueText: string | undefined;
/** The last text lower-cased, when it is ASCII. */
let cueLower: string | undefined;
/** The last text's ends for the lists answered by their regex; made when the first such list is asked. */
let cueCache: Map<readonly string[], ReadonlySet<number>> | undefined;
/** The ends of a table list with no cue in the text: one shared empty set, not one per list and text. */
const NO_ENDS: ReadonlySet<number> = new Set<number>();
/** Per entry of fastLists: the last text's cue ends, once that text is scanned (empty until then). */
let fastEnds: readonly ReadonlySet<number>[] = [];
/** What nothing is scanned yet is: fastEnds before a text's first question. */
const UNSCANNED: readonly ReadonlySet<number>[] = [];
/**
 * The scan's answer (an entry per list) and per list the set its ends go into, reused from text to
 * text: a text's cue ends, like its tokens, are valid until the next text is scanned.
 */
let scanAnswer: ReadonlySet<number>[] = [];
const scanSets: Set<number>[] = [];

function alternation(phrases: readonly string[]): string[] {
  return [...phrases].sort((a, b) => b.length - a.length);
}

/** A phrase the table holds: ASCII, starting with a letter, single spaces between words. */
const TABLE_PHRASE = /^[a-z](?:[\x21-\x7e]| (?! ))*$/;

function registerCues(phrases: readonly string[], optionalThe: boolean): CueList {
  const body = alternation(phrases).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|');
  // No lookbehind in front: V8 then scans for the phrases' first letters instead of testing a
  // lookbehind at every position. The word boundary before a match is checked by the caller.
  const any = new RegExp(`(?:${body})${optionalThe ? '(?:\\s+the)?' : ''}\\s*`, 'giu');
  const lower = phrases.map((p) => p.toLowerCase());
  let fast = -1;
  if (lower.every((p) => TABLE_PHRASE.test(p) && !p.endsWith(' '))) {
    fast = fastLists.length;
    fastLists.push({ optionalThe });
    fastEnds = UNSCANNED; // a list joined: the last text is scanned again
    cueFilterVersion++;
    for (const phrase of alternation(lower)) {
      let e = 1;
      while (e < phrase.length && isAsciiLower(phrase.charCodeAt(e))) e++;
      const first = phrase.slice(0, e);
      let entries = cueTable.get(first);
      if (entries === undefined) cueTable.set(first, entries = []);
      const h = cueHash(first, 0, first.length);
      cueFilter[h >>> 3]! |= 1 << (h & 7);
      entries.push({ list: fast, phrase });
    }
  }
  const list: CueList = { any, fast };
  cueLists.set(phrases, list);
  return list;
}

function isAsciiLower(c: number): boolean {
  return c >= 97 && c <= 122;
}
/** `\s` on an ASCII character (NaN past the end is none). */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * End of `phrase` matched at `i` of the lower-cased ASCII text, as the list's regex matches it there
 * (a space in the phrase is any run of white space; then an optional "the", then white space), or -1.
 */
function phraseEnd(lower: string, i: number, phrase: string, optionalThe: boolean): number {
  let j = i;
  for (let k = 0; k < phrase.length; k++) {
    const p = phrase.charCodeAt(k);
    if (p === 32) {
      if (!isSpace(codeAt(lower, j))) return -1;
      do j++; while (isSpace(codeAt(lower, j)));
    } else if (codeAt(lower, j) === p) j++;
    else return -1;
  }
  if (optionalThe && isSpace(codeAt(lower, j))) {
    let q = j + 1;
    while (isSpace(codeAt(lower, q))) q++;
    if (lower.startsWith('the', q)) j = q + 3;
  }
  while (isSpace(codeAt(lower, j))) j++;
  return j;
}

/** scanCues's per-list resume positions, kept between texts (a typed array per text costs more than the scan of a short one). */
let scanResume = new Int32Array(0);

/** Per fast list, no ends yet, with the resume positions cleared: the start of a scan. */
function startScan(): ReadonlySet<number>[] {
  if (scanResume.length === fastLists.length) scanResume.fill(0);
  else scanResume = new Int32Array(fastLists.length);
  if (scanAnswer.length !== fastLists.length) scanAnswer = new Array<ReadonlySet<number>>(fastLists.length);
  return scanAnswer.fill(NO_ENDS);
}

/** Tries the table's phrases at the word lower[i, e) (whose hash passed cueFilter), adding each match's end to `ends`. */
function cuesAt(lower: string, i: number, e: number, ends: ReadonlySet<number>[]): void {
  const entries = cueTable.get(lower.slice(i, e));
  if (entries === undefined) return;
  const resume = scanResume;
  for (const { list, phrase } of entries) {
    if (i < resume[list]!) continue; // inside this list's previous match, or matched here already
    const end = phraseEnd(lower, i, phrase, fastLists[list]!.optionalThe);
    if (end < 0) continue;
    let found = ends[list]!;
    if (found === NO_ENDS) {
      const set = (scanSets[list] ??= new Set<number>());
      set.clear();
      ends[list] = found = set;
    }
    (found as Set<number>).add(end);
    resume[list] = end;
  }
}

/**
 * Every table list's cue ends in the lower-cased ASCII text, in one pass over its words: the same
 * positions each list's regex finds, scanning left to right and resuming after each match. Only a
 * word start (a letter after no letter or digit) can begin a match the regex keeps; there the phrases
 * whose first run of letters is the word's are tried in the list's order. A phrase of letters only that
 * is a proper prefix of the word ("dr" in "drs") also matches there, but ends inside the word, where no
 * token starts, and comes after every phrase of the word itself: leaving it out changes nothing.
 */
function scanCues(lower: string): ReadonlySet<number>[] {
  const ends = startScan();
  const n = lower.length;
  for (let i = 0; i < n; i++) {
    if (!isAsciiLower(lower.charCodeAt(i))) continue;
    let e = i + 1;
    let h = lower.charCodeAt(i);
    for (let c = codeAt(lower, e); e < n && isAsciiLower(c); c = codeAt(lower, ++e)) h = (Math.imul(h, 31) + c) | 0;
    h &= CUE_FILTER_BITS - 1;
    const before = i > 0 ? lower.charCodeAt(i - 1) : 32;
    if (!(before >= 48 && before <= 57) && (cueFilter[h >>> 3]! & (1 << (h & 7))) !== 0) cuesAt(lower, i, e, ends);
    i = e - 1;
  }
  return ends;
}

/** scanCues from the runs the tokenizer noted (cueRuns): the same words in the same order, without a pass over the text. */
function scanCueRuns(lower: string): ReadonlySet<number>[] {
  const ends = startScan();
  for (let k = 0; k < cueRunCount; k += 2) cuesAt(lower, cueRuns[k]!, cueRuns[k + 1]!, ends);
  return ends;
}

/**
 * Positions right after any of `phrases` (case-insensitive, whole words, any run of spaces inside,
 * trailing spaces skipped, an optional "the" after it): where a cued word would start. For an ASCII
 * text, one pass over its words finds every list's ends at once (scanCues); otherwise one regex pass
 * per text and phrase list. Cached for the last text.
 */
export function cueEnds(text: string, phrases: readonly string[], options: { optionalThe?: boolean } = {}): ReadonlySet<number> {
  if (text !== cueText) {
    cueText = text;
    cueLower = asciiLower(text);
    cueCache = undefined;
    fastEnds = UNSCANNED;
  }
  const list = cueLists.get(phrases) ?? registerCues(phrases, options.optionalThe === true);
  if (list.fast >= 0 && cueLower !== undefined) {
    // The scan answers every table list at once and is kept for the text: no per-list cache entry.
    if (fastEnds === UNSCANNED) fastEnds = cueRunsText === text && cueRunsVersion === cueFilterVersion ? scanCueRuns(cueLower) : scanCues(cueLower);
    return fastEnds[list.fast]!;
  }
  const cached = cueCache?.get(phrases);
  if (cached !== undefined) return cached;
  const re = list.any;
  const found = new Set<number>();
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m.index === 0 || !LETTER_OR_DIGIT.test(text[m.index - 1]!)) found.add(m.index + m[0].length);
    else re.lastIndex = m.index + 1; // inside a word ("renamed"): try again one character on
    if (m[0].length === 0) re.lastIndex++;
  }
  (cueCache ??= new Map()).set(phrases, found);
  return found;
}
