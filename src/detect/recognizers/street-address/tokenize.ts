// STREET_ADDRESS finder, step one: the text as tokens (words, numbers, punctuation) with the table
// look-ups done once per token, and which lines are written in lower case (where capitals carry no signal).
// Tokens are numbers (start, end, a flags word) in one typed array; the tokenizer makes no string for an
// ASCII token, and the finder asks for a token's text only where its flags cannot answer.
import { ADDRESS_NOUNS, COMPOUND_ENDINGS, DIRECTIONS, DWELL_VERBS, HOUSE_MARKERS, NOT_COMPOUND, NUMBER_LABELS, PARTICLES, PREFIX_TYPES, SECONDARY, SECONDARY_ALONE, SEND_VERBS, SHIP_PREFIX, STOP, SUFFIX_TYPES, UNITS } from './words.js';
import type { Tok } from './model.js';
import { STOREY } from './model.js';

// Character classes for the tokenizer: ASCII from a table, other code points from a small cache.
const OTHER = 0;
const LETTER = 1;
const DIGIT = 2;
const NUMERAL = 3;
const SPACE = 4;
const NEWLINE = 5;
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII[c] = ch === '\n' ? NEWLINE : /\s/.test(ch) ? SPACE : /[A-Za-z]/.test(ch) ? LETTER : /\d/.test(ch) ? DIGIT : OTHER;
}
const CLASSES = new Map<number, number>();

/** Tok's flags, as bits of a token's flags word (Tokens.flags). */
const CAP = 1;
const DOT = 2;
const PLAIN = 4;
const SUFFIX = 8;
const PREFIX = 16;
const COMPOUND = 32;
const OPENS = 64;
const KEY = 128;
const SUPPORT = 256;
const DIGITS = 512;
const SECONDARY_WORD = 1024;
const SECONDARY_ALONE_WORD = 2048;
const PARTICLE = 4096;
const MARKER = 8192;
const STOREY_NUMBER = 16384;
const STOP_WORD = 1 << 15;
const UNIT = 1 << 16;
const LABEL = 1 << 17;
const DIRECTION = 1 << 18;
const ADDRESS_NOUN = 1 << 19;
/** A word in NOT_COMPOUND, in WORD_FLAGS only: cleared before a token takes its flags. */
const NOT_A_COMPOUND = 1 << 20;

/** The word tables a word is in, as bits: WORD_FLAGS is made from them. */
const IS_STOP = 1;
const IS_SUFFIX = 2;
const IS_PREFIX = 4;
const IS_NOT_COMPOUND = 8;
const IS_OPENER = 16;
const IS_KEY = 32;
const IS_SUPPORT = 64;
const IS_SECONDARY = 128;
const IS_SECONDARY_ALONE = 256;
const IS_PARTICLE = 512;
const IS_MARKER = 1024;
const IS_UNIT = 2048;
const IS_LABEL = 4096;
const IS_DIRECTION = 8192;
const IS_ADDRESS_NOUN = 16384;
/**
 * The first words of the shapes that need no street type: a corner ("corner of"), a P.O. box
 * (Shapes.poBoxAt), a military address (militaryAt), a unit alone (secondaryAt). See Tok.key.
 */
const KEY_OPENERS = new Set(['corner', 'p', 'po', 'post', 'postfach', 'postbox', 'postboks', 'apartado', 'pob', 'caixa', 'psc', 'unit', 'cmr', ...SHIP_PREFIX, ...SECONDARY_ALONE]);
/** Words that open a shape in lower case as well (see Tok.opens): the key openers and the particles. */
const OPENERS = new Set([...KEY_OPENERS, ...PARTICLES]);
/** Words that can support a street without a type (see Tok.support): Scan.cueBefore's nouns and verbs, units. */
const SUPPORTS = new Set([...ADDRESS_NOUNS, ...DWELL_VERBS, ...SEND_VERBS, ...SECONDARY]);
const WORD_BITS = new Map<string, number>();
for (const [set, bit] of [[STOP, IS_STOP], [SUFFIX_TYPES, IS_SUFFIX], [PREFIX_TYPES, IS_PREFIX], [NOT_COMPOUND, IS_NOT_COMPOUND], [OPENERS, IS_OPENER], [KEY_OPENERS, IS_KEY], [SUPPORTS, IS_SUPPORT], [SECONDARY, IS_SECONDARY], [SECONDARY_ALONE, IS_SECONDARY_ALONE], [PARTICLES, IS_PARTICLE], [HOUSE_MARKERS, IS_MARKER], [UNITS, IS_UNIT], [NUMBER_LABELS, IS_LABEL], [DIRECTIONS, IS_DIRECTION], [ADDRESS_NOUNS, IS_ADDRESS_NOUN]] as const) {
  for (const word of set) WORD_BITS.set(word, (WORD_BITS.get(word) ?? 0) | bit);
}
/**
 * Per listed word, the token flags its tables give it, worked out once here: one hash probe per word
 * gives them all. A word's other flags (CAP, DOT, PLAIN, COMPOUND, DIGITS) depend on the token.
 */
const WORD_FLAGS = new Map<string, number>();
for (const [word, bits] of WORD_BITS) {
  let flags = 0;
  if ((bits & IS_SUFFIX) !== 0) flags |= SUFFIX;
  if ((bits & IS_PREFIX) !== 0) flags |= PREFIX;
  if ((bits & (IS_OPENER | IS_PREFIX)) !== 0) flags |= OPENS;
  if ((bits & (IS_KEY | IS_SUFFIX | IS_PREFIX)) !== 0) flags |= KEY;
  if ((bits & IS_SUPPORT) !== 0) flags |= SUPPORT;
  if ((bits & IS_SECONDARY) !== 0) flags |= SECONDARY_WORD;
  if ((bits & IS_SECONDARY_ALONE) !== 0) flags |= SECONDARY_ALONE_WORD;
  if ((bits & (IS_PARTICLE | IS_STOP)) === IS_PARTICLE) flags |= PARTICLE;
  if ((bits & IS_MARKER) !== 0) flags |= MARKER;
  if ((bits & IS_STOP) !== 0) flags |= STOP_WORD;
  if ((bits & IS_UNIT) !== 0) flags |= UNIT;
  if ((bits & IS_LABEL) !== 0) flags |= LABEL;
  if ((bits & IS_DIRECTION) !== 0) flags |= DIRECTION;
  if ((bits & IS_ADDRESS_NOUN) !== 0) flags |= ADDRESS_NOUN;
  if ((bits & IS_NOT_COMPOUND) !== 0) flags |= NOT_A_COMPOUND;
  WORD_FLAGS.set(word, flags);
}

/**
 * A filter over WORD_FLAGS's words by length, first and last character, for words beyond ASCII (the
 * others ask asciiWordFlags): most are in no table, and a clear bit passes them over without hashing
 * the word for the map.
 */
const FILTER_BITS = 1 << 13;
const wordFilter = new Uint8Array(FILTER_BITS >>> 3);
function filterBit(word: string): number {
  return (Math.imul(Math.imul(word.length, 31) + word.charCodeAt(0), 31) + word.charCodeAt(word.length - 1)) & (FILTER_BITS - 1);
}
for (const word of WORD_FLAGS.keys()) {
  const b = filterBit(word);
  wordFilter[b >>> 3]! |= 1 << (b & 7);
}
function mayBeListed(word: string): boolean {
  const b = filterBit(word);
  return (wordFilter[b >>> 3]! & (1 << (b & 7))) !== 0;
}

/**
 * WORD_FLAGS's ASCII words again, as an open-addressing table keyed by a hash of their character codes
 * (FNV-1a): tokenize hashes a word's lower-cased codes straight from the text while it checks their
 * case, and compares the text's codes with a listed word only on a full hash match, so a word costs no
 * string at all. Words with other characters ask WORD_FLAGS.
 */
const HASH_SEED = 0x811c9dc5 | 0;
function hashStep(h: number, code: number): number {
  return Math.imul(h ^ code, 0x01000193);
}
/** A power of two, at least four slots a word: most probes for a word in no table meet an empty slot. */
const TABLE_SIZE = 1 << Math.ceil(Math.log2(WORD_FLAGS.size * 4));
const tableWords: string[] = new Array<string>(TABLE_SIZE).fill('');
const tableHashes = new Int32Array(TABLE_SIZE);
/** A slot's word's flags; 0 marks an empty slot (every listed word has a flag): probed without a string. */
const tableFlags = new Int32Array(TABLE_SIZE);
for (const [word, flags] of WORD_FLAGS) {
  let h = HASH_SEED;
  let ascii = true;
  for (let j = 0; j < word.length; j++) {
    const c = word.charCodeAt(j);
    if (c >= 128) ascii = false;
    h = hashStep(h, c);
  }
  if (!ascii) continue;
  let slot = h & (TABLE_SIZE - 1);
  while (tableFlags[slot] !== 0) slot = (slot + 1) & (TABLE_SIZE - 1);
  if (flags === 0) throw new Error(`street-address: listed word ${word} has no flag`);
  tableWords[slot] = word;
  tableHashes[slot] = h;
  tableFlags[slot] = flags;
}
/** COMPOUND_ENDINGS by their last character, longest first. */
const ENDINGS_BY_LAST = new Map<number, string[]>();
for (const ending of [...COMPOUND_ENDINGS].sort((a, b) => b.length - a.length)) {
  const last = ending.charCodeAt(ending.length - 1);
  ENDINGS_BY_LAST.set(last, [...ENDINGS_BY_LAST.get(last) ?? [], ending]);
}
/** A one-word street name: a word ending in one of COMPOUND_ENDINGS after at least three characters. */
function isCompound(low: string): boolean {
  const endings = ENDINGS_BY_LAST.get(low.charCodeAt(low.length - 1));
  if (endings === undefined) return false;
  // The longest ending that fits decides: "…strasse" ends in "strasse", not "gasse" or "str".
  for (const ending of endings) if (low.endsWith(ending)) return low.length - ending.length >= 3;
  return false;
}

function charClass(code: number): number {
  if (code < 128) return ASCII[code]!;
  let c = CLASSES.get(code);
  if (c === undefined) {
    const ch = String.fromCharCode(code);
    c = /[\p{L}\p{M}]/u.test(ch) ? LETTER : /\p{N}/u.test(ch) ? NUMERAL : /\s/.test(ch) ? SPACE : OTHER;
    if (CLASSES.size < 4096) CLASSES.set(code, c);
  }
  return c;
}

/**
 * A token's flags word (Tokens.flags) holds Tok's twenty flags (CAP..ADDRESS_NOUN above) and these: its
 * kind, its line breaks (none, one, two or more), and whether all its characters are ASCII.
 */
export const F_CAP = CAP;
export const F_DOT = DOT;
export const F_PLAIN = PLAIN;
export const F_SUFFIX = SUFFIX;
export const F_PREFIX = PREFIX;
export const F_COMPOUND = COMPOUND;
export const F_OPENS = OPENS;
export const F_KEY = KEY;
export const F_SUPPORT = SUPPORT;
export const F_DIGITS = DIGITS;
export const F_SECONDARY = SECONDARY_WORD;
export const F_SECONDARY_ALONE = SECONDARY_ALONE_WORD;
export const F_PARTICLE = PARTICLE;
export const F_MARKER = MARKER;
export const F_STOREY = STOREY_NUMBER;
export const F_STOP = STOP_WORD;
export const F_UNIT = UNIT;
export const F_LABEL = LABEL;
export const F_DIRECTION = DIRECTION;
export const F_ADDRESS_NOUN = ADDRESS_NOUN;
export const F_WORD = 1 << 21;
export const F_NUMBER = 1 << 22;
/** One line break or more before the token; F_NL_MORE: two or more. */
export const F_NL = 1 << 23;
export const F_NL_MORE = 1 << 24;
/** Every character of the token is ASCII: its lower case is its characters' ASCII lower case. */
export const F_ASCII = 1 << 25;
/**
 * The token's line is lower-cased, where capitals carry no signal. A line of four words or more decides
 * for itself; a shorter line (an address block's "springfield, il") follows the whole text.
 */
export const F_CASELESS = 1 << 26;

/** A Tok over a token of Tokens: its text and lower case made on first use, and only then. */
class TokView implements Tok {
  readonly k: Tok['k'];
  readonly nl: number;
  private raw: string | undefined = undefined;
  private lowered: string | undefined = undefined;
  constructor(private readonly source: string, readonly s: number, readonly e: number, private readonly flags: number) {
    this.k = (flags & F_WORD) !== 0 ? 'w' : (flags & F_NUMBER) !== 0 ? 'n' : 'p';
    this.nl = (flags & F_NL_MORE) !== 0 ? 2 : (flags & F_NL) !== 0 ? 1 : 0;
  }

  /** The token's characters, without an attached abbreviation dot. */
  get text(): string {
    return this.raw ??= this.source.slice(this.s, (this.flags & DOT) !== 0 ? this.e - 1 : this.e);
  }

  get low(): string {
    return this.lowered ??= this.text.toLowerCase();
  }

  get cap(): boolean { return (this.flags & CAP) !== 0; }
  get dot(): boolean { return (this.flags & DOT) !== 0; }
  get plain(): boolean { return (this.flags & PLAIN) !== 0; }
  get suffix(): boolean { return (this.flags & SUFFIX) !== 0; }
  get prefix(): boolean { return (this.flags & PREFIX) !== 0; }
  get compound(): boolean { return (this.flags & COMPOUND) !== 0; }
  get opens(): boolean { return (this.flags & OPENS) !== 0; }
  get key(): boolean { return (this.flags & KEY) !== 0; }
  get support(): boolean { return (this.flags & SUPPORT) !== 0; }
  get digits(): boolean { return (this.flags & DIGITS) !== 0; }
  get secondary(): boolean { return (this.flags & SECONDARY_WORD) !== 0; }
  get secondaryAlone(): boolean { return (this.flags & SECONDARY_ALONE_WORD) !== 0; }
  get particle(): boolean { return (this.flags & PARTICLE) !== 0; }
  get marker(): boolean { return (this.flags & MARKER) !== 0; }
  get storey(): boolean { return (this.flags & STOREY_NUMBER) !== 0; }
  get stop(): boolean { return (this.flags & STOP_WORD) !== 0; }
  get unit(): boolean { return (this.flags & UNIT) !== 0; }
  get label(): boolean { return (this.flags & LABEL) !== 0; }
  get direction(): boolean { return (this.flags & DIRECTION) !== 0; }
  get addressNoun(): boolean { return (this.flags & ADDRESS_NOUN) !== 0; }
}

/** ASCII lower case of a character code ("A" → "a"); other codes as they are. */
function fold(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * A text's tokens as numbers: per token its start, end (after an attached dot) and flags word, three
 * small integers a token in one array. No string is made for a token until a finder asks for one (tok, lowIs
 * of a token beyond ASCII); most tokens are answered from their flags alone.
 */
export class Tokens {
  constructor(readonly text: string, readonly length: number, private readonly data: Int32Array) {}

  /** Start offset of token i (0 <= i < length). */
  start(i: number): number {
    return this.data[3 * i]!;
  }

  /** End offset of token i, after an attached abbreviation dot. */
  end(i: number): number {
    return this.data[3 * i + 1]!;
  }

  flags(i: number): number {
    return this.data[3 * i + 2]!;
  }

  /** Token i as a Tok: a new object, its strings made on first use. */
  tok(i: number): Tok {
    return new TokView(this.text, this.data[3 * i]!, this.data[3 * i + 1]!, this.data[3 * i + 2]!);
  }

  /** Token i's lower case is `word` (a word in lower case), as Tok.low === word, without making Tok.low. */
  lowIs(i: number, word: string): boolean {
    const s = this.data[3 * i]!;
    const f = this.data[3 * i + 2]!;
    const e = (f & DOT) !== 0 ? this.data[3 * i + 1]! - 1 : this.data[3 * i + 1]!;
    if ((f & F_ASCII) === 0) return this.text.slice(s, e).toLowerCase() === word;
    if (e - s !== word.length) return false;
    for (let j = 0; j < word.length; j++) if (fold(this.text.charCodeAt(s + j)) !== word.charCodeAt(j)) return false;
    return true;
  }

  /** The character code of token i if it is one character long (most punctuation), else -1: Tok.text === ',' as char(i) === 44. */
  char(i: number): number {
    const s = this.data[3 * i]!;
    return this.data[3 * i + 1]! - s === 1 ? this.text.charCodeAt(s) : -1;
  }
}

/** The code at i, or -1 past the text's end: reads there would deoptimise the tokenizer (see c1a2801). */
function codeAt(text: string, i: number): number {
  return i < text.length ? text.charCodeAt(i) : -1;
}

function isWordCode(code: number): boolean {
  if (code < 0) return false;
  const c = code < 128 ? ASCII[code]! : charClass(code);
  return c === LETTER || c === DIGIT || c === NUMERAL;
}

/** WORD_FLAGS.get(low) ?? 0 for the ASCII word text[s, e) of lower-cased hash `h`, compared by codes. */
function asciiWordFlags(h: number, text: string, s: number, e: number): number {
  const len = e - s;
  for (let slot = h & (TABLE_SIZE - 1); tableFlags[slot] !== 0; slot = (slot + 1) & (TABLE_SIZE - 1)) {
    if (tableHashes[slot] !== h) continue;
    const word = tableWords[slot]!;
    if (word.length !== len) continue;
    let j = 0;
    while (j < len && fold(text.charCodeAt(s + j)) === word.charCodeAt(j)) j++;
    if (j === len) return tableFlags[slot]!;
  }
  return 0;
}

/** isCompound for the ASCII word text[s, e), read from its codes. */
function isAsciiCompound(text: string, s: number, e: number): boolean {
  const endings = ENDINGS_BY_LAST.get(fold(text.charCodeAt(e - 1)));
  if (endings === undefined) return false;
  for (const ending of endings) {
    const len = ending.length;
    if (len > e - s) continue;
    let j = 0;
    while (j < len && fold(text.charCodeAt(e - len + j)) === ending.charCodeAt(j)) j++;
    if (j === len) return e - s - len >= 3;
  }
  return false;
}

/** The ASCII word text[s, e) ends in "str", in any case. */
function asciiEndsStr(text: string, s: number, e: number): boolean {
  return e - s >= 3 && fold(text.charCodeAt(e - 3)) === 115 && fold(text.charCodeAt(e - 2)) === 116 && fold(text.charCodeAt(e - 1)) === 114;
}

/**
 * The numbers of the last text's tokens (see Tokens), kept from text to text and grown when a text
 * needs more: a typed array per text cost more to allocate than it saved, and a plain array grown by
 * push was most of what a short text's address scan allocated. A text's Tokens are therefore valid
 * until the next text is tokenized; the finder reads them before that.
 */
let buffer = new Int32Array(3 * 256);

/**
 * Words (letters, marks, digits, inner apostrophes and hyphens), numbers (a digit, then letters and
 * digits, one "/" or "-" group: "221B", "10/12", "1100-053"), and single punctuation characters. A
 * short word or a German "-str" takes a following dot ("St.", "P.", "Michaelkirchstr.").
 */
export function tokenize(text: string): Tokens {
  const n = text.length;
  let out = buffer;
  let count = 0;
  let nl = 0;
  // Casing, counted as the words go by (F_CASELESS): the current line's first token, words and
  // capitals ("I" aside), the whole text's, and the short lines that wait for the whole text's answer.
  let line = 0;
  let lineWords = 0;
  let lineCaps = 0;
  let words = 0;
  let caps = 0;
  const short: number[] = [];
  for (let i = 0; i < n;) {
    const code = text.charCodeAt(i);
    const cls = code < 128 ? ASCII[code]! : charClass(code);
    if (cls === NEWLINE) { nl++; i++; continue; }
    if (cls === SPACE) { i++; continue; }
    const s = i;
    let kind = 0;
    // An ASCII digit inside a word ("B12"): such a word is not a name.
    let digit = false;
    // Whether every character is ASCII (the few other tokens are lower-cased as strings), and for a
    // word the hash of its lower-cased codes for asciiWordFlags, both taken while reading it.
    let ascii = code < 128;
    let h = HASH_SEED;
    i++;
    if (cls === DIGIT) {
      kind = F_NUMBER;
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        if (!isWordCode(c)) break;
        if (c >= 128) ascii = false;
      }
      const c = codeAt(text, i);
      if ((c === 47 || c === 45) && i + 1 < n && charClass(text.charCodeAt(i + 1)) === DIGIT) { // "/" "-"
        i++;
        for (; i < n; i++) {
          const d = text.charCodeAt(i);
          if (!isWordCode(d)) break;
          if (d >= 128) ascii = false;
        }
      }
    } else if (cls === LETTER) {
      kind = F_WORD;
      h = hashStep(h, fold(code));
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 39 || c === 0x2019 || isWordCode(c)) { // "'" "’"
          if (c >= 48 && c <= 57) digit = true;
          else if (c >= 128) ascii = false;
        } else if (c !== 45 || !(isWordCode(codeAt(text, i + 1)) || codeAt(text, i + 1) === 39)) break; // "-"
        h = hashStep(h, fold(c));
        i++;
      }
    }
    let flags = kind | (ascii ? F_ASCII : 0) | (nl === 0 ? 0 : nl === 1 ? F_NL : F_NL | F_NL_MORE);
    if (nl > 0 && count > 0) {
      closeLine(out, line, count, lineWords, lineCaps, short);
      line = count;
      lineWords = lineCaps = 0;
    }
    if (kind === F_WORD) {
      const low = ascii ? '' : text.slice(s, i).toLowerCase();
      // "." not "..", after a short word or a German "-str".
      if (codeAt(text, i) === 46 && codeAt(text, i + 1) !== 46 && (i - s <= 4 || (ascii ? asciiEndsStr(text, s, i) : low.endsWith('str')))) flags |= DOT;
      if (code < 128 ? code <= 90 : capital(text[s]!)) flags |= CAP;
      // Table look-ups, once per token.
      const listed = ascii ? asciiWordFlags(h, text, s, i) : mayBeListed(low) ? WORD_FLAGS.get(low) ?? 0 : 0;
      flags |= listed & ~NOT_A_COMPOUND;
      if ((ascii ? i - s : low.length) >= 6 && (listed & NOT_A_COMPOUND) === 0 && (ascii ? isAsciiCompound(text, s, i) : isCompound(low))) flags |= COMPOUND | KEY;
      if ((listed & STOP_WORD) === 0 && !digit) flags |= PLAIN;
      if (digit) flags |= DIGITS;
      words++;
      lineWords++;
      if ((flags & CAP) !== 0 && !(ascii ? i - s === 1 && code === 73 : low === 'i')) { // "I"
        caps++;
        lineCaps++;
      }
      if ((flags & DOT) !== 0) i++;
    } else if (kind === F_NUMBER) {
      // A storey ends in a letter or "º"/"ª", not in a digit like most numbers.
      const last = text.charCodeAt(i - 1);
      if (!(last >= 48 && last <= 57) && STOREY.test(text.slice(s, i))) flags |= STOREY_NUMBER;
    }
    const at = 3 * count;
    if (at + 3 > out.length) {
      const grown = new Int32Array(out.length * 2);
      grown.set(out);
      buffer = out = grown;
    }
    out[at] = s;
    out[at + 1] = i;
    out[at + 2] = flags;
    count++;
    nl = 0;
  }
  if (count > 0) closeLine(out, line, count, lineWords, lineCaps, short);
  if (caseless(words, caps)) for (let l = 0; l < short.length; l += 2) markCaseless(out, short[l]!, short[l + 1]!);
  return new Tokens(text, count, out);
}

/** A word's first character is a capital, or a letter of a script without case. */
function capital(c: string): boolean {
  const lc = c.toLowerCase();
  return lc !== c || lc === c.toUpperCase();
}

/** Tokens from..to-1 of a line of `words` words and `caps` capitals: marked now, or left to the whole text. */
function closeLine(out: Int32Array, from: number, to: number, words: number, caps: number, short: number[]): void {
  if (words < 4) short.push(from, to);
  else if (caseless(words, caps)) markCaseless(out, from, to);
}

function markCaseless(out: Int32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) out[3 * i + 2]! |= F_CASELESS;
}

/** Fewer than one capitalised word in twelve ("I" aside): capitals carry no signal there. */
function caseless(words: number, caps: number): boolean {
  return words >= 3 && caps * 12 < words;
}
