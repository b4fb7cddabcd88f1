// STREET_ADDRESS finder, step one: the text as tokens (words, numbers, punctuation) with the table
// look-ups done once per token, and which lines are written in lower case (where capitals carry no signal).
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

/** Tok's flags, as bits of PackedTok.flags. */
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
 * case, and compares strings only on a full hash match, so a word in no table costs no string hash
 * and, mostly, no comparison. Words with other characters ask WORD_FLAGS.
 */
const HASH_SEED = 0x811c9dc5 | 0;
function hashStep(h: number, code: number): number {
  return Math.imul(h ^ code, 0x01000193);
}
/** A power of two, at least four slots a word: most probes for a word in no table meet an empty slot. */
const TABLE_SIZE = 1 << Math.ceil(Math.log2(WORD_FLAGS.size * 4));
const tableWords: string[] = new Array<string>(TABLE_SIZE).fill('');
const tableHashes = new Int32Array(TABLE_SIZE);
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
  while (tableWords[slot] !== '') slot = (slot + 1) & (TABLE_SIZE - 1);
  tableWords[slot] = word;
  tableHashes[slot] = h;
  tableFlags[slot] = flags;
}
/** WORD_FLAGS.get(low) ?? 0 for an ASCII word `low` of hash `h`. */
function asciiWordFlags(h: number, low: string): number {
  for (let slot = h & (TABLE_SIZE - 1); tableWords[slot] !== ''; slot = (slot + 1) & (TABLE_SIZE - 1)) {
    if (tableHashes[slot] === h && tableWords[slot] === low) return tableFlags[slot]!;
  }
  return 0;
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

/** A Tok with its twenty flags in one number: seven fields a token instead of twenty-six, less to collect. */
class PackedTok implements Tok {
  constructor(
    readonly s: number,
    readonly e: number,
    readonly k: Tok['k'],
    readonly text: string,
    readonly low: string,
    readonly nl: number,
    private readonly flags: number,
  ) {}

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

/**
 * Words (letters, marks, digits, inner apostrophes and hyphens), numbers (a digit, then letters and
 * digits, one "/" or "-" group: "221B", "10/12", "1100-053"), and single punctuation characters. A
 * short word or a German "-str" takes a following dot ("St.", "P.", "Michaelkirchstr.").
 */
export function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  const n = text.length;
  const wordChar = (i: number): boolean => {
    if (i >= n) return false;
    const code = text.charCodeAt(i);
    const c = code < 128 ? ASCII[code]! : charClass(code);
    return c === LETTER || c === DIGIT || c === NUMERAL;
  };
  let nl = 0;
  for (let i = 0; i < n;) {
    const code = text.charCodeAt(i);
    const cls = code < 128 ? ASCII[code]! : charClass(code);
    if (cls === NEWLINE) { nl++; i++; continue; }
    if (cls === SPACE) { i++; continue; }
    const s = i;
    let k: Tok['k'] = 'p';
    // An ASCII digit inside a word ("B12"): such a word is not a name.
    let digit = false;
    i++;
    if (cls === DIGIT) {
      k = 'n';
      while (wordChar(i)) i++;
      const c = text.charCodeAt(i);
      if ((c === 47 || c === 45) && i + 1 < n && charClass(text.charCodeAt(i + 1)) === DIGIT) { // "/" "-"
        i++;
        while (wordChar(i)) i++;
      }
    } else if (cls === LETTER) {
      k = 'w';
      for (;;) {
        const c = text.charCodeAt(i);
        if (c === 39 || c === 0x2019 || wordChar(i)) { // "'" "’"
          if (c >= 48 && c <= 57) digit = true;
          i++;
        }
        else if (c === 45 && (wordChar(i + 1) || text.charCodeAt(i + 1) === 39)) i++; // "-"
        else break;
      }
    }
    const raw = text.slice(s, i);
    // A word's or number's lower-cased codes hashed for asciiWordFlags, and whether it has capitals or
    // characters beyond ASCII at all: most have neither, and are their own lower case.
    let h = HASH_SEED;
    let ascii = true;
    let upper = false;
    if (k !== 'p') {
      for (let j = s; j < i; j++) {
        let c = text.charCodeAt(j);
        if (c >= 128) ascii = false;
        else if (c >= 65 && c <= 90) {
          upper = true;
          c += 32;
        }
        h = hashStep(h, c);
      }
    }
    // Lower-cased per token: slicing one lower-cased copy of the whole text instead made V8 (Node
    // 20's optimising compiler) stall on long inputs.
    // ASCII punctuation has no case.
    const low = k === 'p' ? (code < 128 ? raw : raw.toLowerCase()) : ascii && !upper ? raw : raw.toLowerCase();
    let dot = false;
    if (k === 'w' && text.charCodeAt(i) === 46 && text.charCodeAt(i + 1) !== 46 && (raw.length <= 4 || low.endsWith('str'))) { // "." not "..
      dot = true;
      i++;
    }
    let cap = false;
    if (k === 'w') {
      if (code < 128) cap = code <= 90;
      else {
        const c = raw[0]!;
        const lc = c.toLowerCase();
        cap = lc !== c || lc === c.toUpperCase();
      }
    }
    // Table look-ups, once per token.
    const w = k === 'w';
    const listed = !w ? 0 : ascii ? asciiWordFlags(h, low) : mayBeListed(low) ? WORD_FLAGS.get(low) ?? 0 : 0;
    const compound = w && low.length >= 6 && (listed & NOT_A_COMPOUND) === 0 && isCompound(low);
    let flags = (listed & ~NOT_A_COMPOUND) | (cap ? CAP : 0) | (dot ? DOT : 0);
    if (compound) flags |= COMPOUND | KEY;
    if (w && (listed & STOP_WORD) === 0 && !digit) flags |= PLAIN;
    if (digit) flags |= DIGITS;
    // A storey ends in a letter or "º"/"ª", not in a digit like most numbers.
    if (k === 'n' && !(text.charCodeAt(i - 1) >= 48 && text.charCodeAt(i - 1) <= 57) && STOREY.test(raw)) flags |= STOREY_NUMBER;
    out.push(new PackedTok(s, i, k, raw, low, nl, flags));
    nl = 0;
  }
  return out;
}

/** Fewer than one capitalised word in twelve ("I" aside): capitals carry no signal there. */
function caseless(words: number, caps: number): boolean {
  return words >= 3 && caps * 12 < words;
}

/**
 * Marks the tokens of lower-cased lines. A line of four words or more decides for itself; a shorter
 * line (an address block's "springfield, il") follows the whole text.
 */
export function caselessLines(toks: readonly Tok[]): number[] {
  const n = toks.length;
  // A plain array: a small typed array costs more to allocate than it saves.
  const out: number[] = new Array<number>(n).fill(0);
  // Per line, from one pass: its first token, then its words and capitals, in one flat array.
  const lines: number[] = [];
  let words = 0;
  let caps = 0;
  for (let i = 0; i < n; i++) {
    const t = toks[i]!;
    if (i === 0 || t.nl > 0) lines.push(i, 0, 0);
    if (t.k !== 'w') continue;
    words++;
    lines[lines.length - 2]!++;
    if (t.cap && t.low !== 'i') {
      caps++;
      lines[lines.length - 1]!++;
    }
  }
  const whole = caseless(words, caps);
  for (let l = 0; l < lines.length; l += 3) {
    const w = lines[l + 1]!;
    if (w >= 4 ? caseless(w, lines[l + 2]!) : whole) out.fill(1, lines[l]!, l + 3 < lines.length ? lines[l + 3]! : n);
  }
  return out;
}
