// STREET_ADDRESS: postal addresses in free text, in the common international shapes — "1600
// Pennsylvania Ave NW, Washington, DC 20500", "Flat 2, 10 Downing Street, London SW1A 2AA",
// "Hauptstraße 5, 10115 Berlin", "15 rue de la Paix", "Via Roma 12", "Karl Johans gate 1", P.O. boxes,
// US military (APO/FPO/DPO) addresses — and the multi-line blocks of letters (street, unit, city,
// state, postal code on the lines that follow).
//
// A regular expression cannot say "a capitalised name, then a street type, then maybe a unit, then the
// short lines below", so this is a finder: one pass over tokens, each start tried against a few shapes
// with a bounded look-ahead, then grown left (building number, unit) and right (unit, locality,
// postal code, following short lines). Every loop is bounded by a constant, so time is linear in the
// text; after a match the scan resumes past it. It must never report a bare number, a quantity ("3 cats",
// "250 mg"), a reference ("page 12", "Route 66") or a time as an address: a house number needs a street
// name beside it, and shapes without a street type need a cue phrase ("lives at", "address:") or the
// structure of an address block.
import type { Candidate, Entity, Recognizer } from '../types.js';
import {
  ADDRESS_NOUNS, AMBIGUOUS_PREFIX, COMPOUND_SUFFIX, DIRECTIONS, DWELL_VERBS, JOINERS,
  LOWERCASE_ONLY_TYPES, NOT_COMPOUND, NUMBER_LABELS, PARTICLES, PREFIX_TYPES, SECONDARY, SECONDARY_ALONE,
  SEND_VERBS, SHIP_PREFIX, STOP, SUFFIX_TYPES, UNITS, WEAK_CUE_WORDS,
} from './street-address-words.js';

interface Tok {
  readonly s: number;
  /** End offset, after an attached abbreviation dot ("St.", "P.", "Str."). */
  readonly e: number;
  readonly k: 'w' | 'n' | 'p';
  readonly text: string;
  readonly low: string;
  /** Starts with a capital letter, or with a letter of a script without case. */
  readonly cap: boolean;
  readonly dot: boolean;
  /** Line breaks between the previous token and this one. */
  readonly nl: number;
  /** A word without digits that is not a stop word: a name if capitalised (or in lower-cased text). */
  readonly plain: boolean;
  readonly suffix: boolean;
  readonly prefix: boolean;
  /** Ends like a one-word street name ("Hauptstraße", "Lozerlaan"). */
  readonly compound: boolean;
}

/** What was found around a street: a unit, a postal code, lines below it, comma-separated localities. */
interface Evidence {
  sec: boolean;
  postal: boolean;
  lines: number;
  segments: number;
}

/** A street found at some token range, before it is grown into a full address. */
interface Core {
  readonly s: number;
  readonly e: number;
  readonly rule: string;
  readonly score: number;
  /** Shapes without a street type: reported only with a cue or the structure of a block. */
  readonly needsSupport?: boolean;
  /** The house number could be a year ("2016 Iain Lane" in a copyright list): needs some evidence. */
  readonly yearLike?: boolean;
  /** A building number before the name and a house number after it ("37 Parva Domus 6896"). */
  readonly twoNumbers?: boolean;
}

const HOUSE_NUMBER = /^\d{1,5}[a-z]?(?:[-/]\d{1,5}[a-z]?)?$/i;
const ORDINAL = /^\d{1,4}(?:st|nd|rd|th|e|er|re)$/i;
const POSTAL_NUMBER = /^(?:\d{1,6}[a-z]{0,2}|\d[a-z]\d|\d{2,5}-\d{3,4})$/i; // "10115", "2AA", "2T6", "1100-053"
const POSTAL_WORD = /^[a-z]{1,2}\d[a-z\d]?$/i; // UK outward code (SW1A, NW1), Canadian FSA (K1A)
const HUNGARIAN_TYPES = new Set(['út', 'utca', 'u', 'tér', 'körút', 'krt', 'rakpart', 'köz', 'sor']);
const SAINT = new Set(['st', 'ste', 'mt', 'ft', 'san', 'santa', 'são', 'saint', 'sankt']);
const STOREY = /^\d{1,3}(?:st|nd|rd|th|e|er|º|ª)$/i;
const STOREY_WORDS = new Set(['floor', 'fl', 'piso', 'planta', 'étage', 'etage', 'stock', 'og']);
/** Particles that are also prepositions: a capitalised noun before them is not part of the street. */
const PREPOSITIONS = new Set(['an', 'am', 'im', 'auf', 'bei', 'zu', 'zum', 'zur', 'unter', 'op', 'aan', 'bij', 'te', 'na', 'w', 'z', 'u', 'pri', 'pod', 'nad', 'sur', 'sous', 'en', 'aux']);
/** "due to", "according to", "up to": "to" that does not name a destination. */
const NOT_CUE_TO = new Set(['due', 'according', 'close', 'next', 'similar', 'compared', 'thanks', 'prior', 'up', 'addition', 'equal', 'related', 'relative', 'contrary', 'opposed', 'leading', 'referred']);
/** "1999", "2011-2013": years, which open copyright lines and histories more often than addresses. */
const YEAR = /^(?:19|20)\d\d$/;
const YEAR_RANGE = /^(?:19|20)\d\d[-/](?:19|20)?\d\d$/;
const DEVICE_WORDS = new Set(['hard', 'flash', 'disk', 'disc', 'usb', 'thumb', 'pen', 'optical', 'external', 'internal', 'test', 'cd', 'dvd', 'tape', 'floppy', 'ssd', 'network']);
const HOUSE_MARKERS = new Set(['no', 'nr', 'nº', 'n°', 'num']);
const BULLETS = new Set(['>', '*', '-', '•', '|', '?', '·']);
const SENTENCE_END = new Set(['.', '!', '?', ';']);
const MAX_LINES = 5;
const ABBREVIATED_TYPES = new Set(['st', 'rd', 'ave', 'av', 'dr', 'ln', 'ct', 'pl', 'blvd', 'str', 'sq', 'ter', 'hwy', 'pkwy', 'cres', 'cir']);
/** Base scores: a street type with a house number; a house number and names only; a street name alone. */
const TYPED = 0.85;
const GENERIC = 0.5;
const WEAK = 0.3;
const PO_BOX = 0.8;

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
 * Words (letters, marks, digits, inner apostrophes and hyphens), numbers (a digit, then letters and
 * digits, one "/" or "-" group: "221B", "10/12", "1100-053"), and single punctuation characters. A
 * short word or a German "-str" takes a following dot ("St.", "P.", "Michaelkirchstr.").
 */
function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  const n = text.length;
  const wordChar = (i: number): boolean => {
    if (i >= n) return false;
    const c = charClass(text.charCodeAt(i));
    return c === LETTER || c === DIGIT || c === NUMERAL;
  };
  let nl = 0;
  for (let i = 0; i < n;) {
    const code = text.charCodeAt(i);
    const cls = charClass(code);
    if (cls === NEWLINE) { nl++; i++; continue; }
    if (cls === SPACE) { i++; continue; }
    const s = i;
    let k: Tok['k'] = 'p';
    i++;
    if (cls === DIGIT) {
      k = 'n';
      while (wordChar(i)) i++;
      if ((text[i] === '/' || text[i] === '-') && i + 1 < n && charClass(text.charCodeAt(i + 1)) === DIGIT) {
        i++;
        while (wordChar(i)) i++;
      }
    } else if (cls === LETTER) {
      k = 'w';
      for (;;) {
        if (wordChar(i) || text[i] === "'" || text[i] === '’') i++;
        else if (text[i] === '-' && (wordChar(i + 1) || text[i + 1] === "'")) i++;
        else break;
      }
    }
    const raw = text.slice(s, i);
    // Lower-cased per token: slicing one lower-cased copy of the whole text instead made V8 (Node
    // 20's optimising compiler) stall on long inputs.
    const low = raw.toLowerCase();
    let dot = false;
    if (k === 'w' && text[i] === '.' && text[i + 1] !== '.' && (raw.length <= 4 || low.endsWith('str'))) {
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
    let compound = false;
    if (w && low.length >= 6 && !NOT_COMPOUND.has(low)) {
      const m = COMPOUND_SUFFIX.exec(low);
      compound = m !== null && m.index >= 3;
    }
    out.push({
      s, e: i, k, text: raw, low, cap, dot, nl,
      plain: w && !STOP.has(low) && !/\d/.test(raw), suffix: w && SUFFIX_TYPES.has(low), prefix: w && PREFIX_TYPES.has(low), compound,
    });
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
function caselessLines(toks: readonly Tok[]): Uint8Array {
  const out = new Uint8Array(toks.length);
  const lines: Array<[number, number]> = []; // [first token, end)
  let words = 0;
  let caps = 0;
  for (let i = 0, first = 0; i <= toks.length; i++) {
    const t = toks[i];
    if (t === undefined || (i > first && t.nl > 0)) {
      lines.push([first, i]);
      first = i;
    }
    if (t === undefined || t.k !== 'w') continue;
    words++;
    if (t.cap && t.low !== 'i') caps++;
  }
  const whole = caseless(words, caps);
  for (const [first, end] of lines) {
    let w = 0;
    let c = 0;
    for (let i = first; i < end; i++) {
      const t = toks[i]!;
      if (t.k !== 'w') continue;
      w++;
      if (t.cap && t.low !== 'i') c++;
    }
    const flag = w >= 4 ? caseless(w, c) : whole;
    if (flag) out.fill(1, first, end);
  }
  return out;
}

class Scan {
  readonly toks: Tok[];
  /** Per token: its line (or, for short lines, the whole text) is lower-cased. */
  readonly lower: Uint8Array;
  constructor(readonly text: string) {
    this.toks = tokenize(text);
    this.lower = caselessLines(this.toks);
  }

  /** Token i is in lower-cased text, where capitals carry no signal. */
  cl(i: number): boolean {
    return this.lower[i] === 1;
  }

  t(i: number): Tok | undefined {
    return i >= 0 ? this.toks[i] : undefined;
  }

  /** Token i continues token i-1's line. */
  same(i: number): boolean {
    const t = this.t(i);
    return t !== undefined && t.nl === 0;
  }

  word(i: number): boolean {
    return this.t(i)?.k === 'w';
  }

  isName(i: number): boolean {
    const t = this.t(i);
    return t !== undefined && t.plain && (t.cap || this.cl(i));
  }

  isParticle(i: number): boolean {
    const t = this.t(i);
    return t !== undefined && t.k === 'w' && PARTICLES.has(t.low) && !t.cap && !STOP.has(t.low);
  }

  isOrdinal(i: number): boolean {
    const t = this.t(i);
    return t !== undefined && t.k === 'n' && ORDINAL.test(t.text);
  }

  isSuffixType(i: number): boolean {
    const t = this.t(i);
    if (t === undefined || !t.suffix) return false;
    if (LOWERCASE_ONLY_TYPES.has(t.low) && t.text !== t.low) return false;
    if (t.low === 'u') return t.dot;
    if (t.low === 'drive' || t.low === 'dr') {
      // "Hard Drive", "Flash Drive"; "Dr Smith" is a doctor.
      if (DEVICE_WORDS.has(this.t(i - 1)?.low ?? '')) return false;
      const next = this.t(i + 1);
      if (t.low === 'dr' && next !== undefined && next.nl === 0 && next.k === 'w' && next.cap && !this.cl(i)) return false;
    }
    return true;
  }

  isCompound(i: number): boolean {
    const t = this.t(i);
    return t !== undefined && t.compound && (t.cap || this.cl(i));
  }

  isPrefixType(i: number): boolean {
    const t = this.t(i);
    if (t === undefined || !t.prefix) return false;
    if (t.low === 'c') return this.t(i + 1)?.text === '/' && this.t(i + 1)!.s === t.e;
    if (t.low.length <= 2 && t.low !== 'av' && t.low !== 'bd') return t.dot; // "ul.", "Λ."
    return true;
  }

  /** A number that can open an address: not a quantity, a reference, a decimal or a time. */
  isBuildingNumber(i: number): boolean {
    const t = this.t(i);
    if (t === undefined || t.k !== 'n' || !HOUSE_NUMBER.test(t.text) || YEAR_RANGE.test(t.text)) return false;
    const before = this.text[t.s - 1];
    if (before !== undefined && /[\p{L}\p{N}.,/$€£¥#%+:-]/u.test(before)) return false;
    const after = this.text[t.e];
    if (after !== undefined && !/[\s,]/.test(after)) return false;
    const prev = this.t(i - 1);
    if (prev !== undefined && NUMBER_LABELS.has(prev.low) && this.same(i)) return false;
    const next = this.t(i + 1);
    return next === undefined || !UNITS.has(next.low);
  }

  /** A number after a street name ("Hauptstraße 5", "Via Roma 12/a"). */
  isHouseNumber(i: number): boolean {
    const t = this.t(i);
    if (t === undefined || t.k !== 'n' || t.nl > 0 || !HOUSE_NUMBER.test(t.text) || t.text.length > 9) return false;
    if (/^\d{5}/.test(t.text) || YEAR_RANGE.test(t.text)) return false;
    const before = this.text[t.s - 1];
    if (before !== undefined && !/[\s,]/.test(before)) return false;
    const after = this.text[t.e];
    if (after !== undefined && !/[\s,.;)!?]/.test(after)) return false;
    const next = this.t(i + 1);
    return next === undefined || next.nl > 0 || !UNITS.has(next.low);
  }

  isDirection(i: number): boolean {
    const t = this.t(i);
    return t !== undefined && t.k === 'w' && t.nl === 0 && DIRECTIONS.has(t.low) && (t.text === t.text.toUpperCase() || this.cl(i));
  }

  /** "Apt. 4B", "Suite 200", "Unit #3", "4th Floor", "#12": returns the last token index, or -1. */
  secondaryAt(i: number, alone = false): number {
    const t = this.t(i);
    if (t === undefined) return -1;
    if (!alone && t.text === '#' && this.t(i + 1)?.k === 'n' && this.t(i + 1)!.s === t.e) return i + 1;
    if (!alone && t.k === 'n' && STOREY.test(t.text)) {
      // "4th Floor", "3º B", "2ª": a storey, with its door letter.
      const iberian = /[ºª]$/.test(t.text);
      const u = this.t(i + 1);
      if (u !== undefined && u.nl === 0 && (STOREY_WORDS.has(u.low) || (iberian && u.k === 'w' && u.text.length === 1))) return i + 1;
      if (iberian) return i;
    }
    if (t.k !== 'w' || !(alone ? SECONDARY_ALONE : SECONDARY).has(t.low)) return -1;
    let j = i + 1;
    if (this.t(j)?.text === '#' || HOUSE_MARKERS.has(this.t(j)?.low ?? '')) j++;
    const v = this.t(j);
    if (v === undefined || !this.same(j)) return -1;
    if (v.k === 'n' && v.text.length <= 8) return j;
    if (v.k === 'w' && v.text.length === 1 && v.cap) return j;
    return -1;
  }

  /** "P.O. Box 12", "PO Box 12", "Post Office Box 12", "Postfach 71", "Apartado 5". */
  poBoxAt(i: number): number {
    const low = this.t(i)?.low;
    let j: number;
    if (low === 'p' && this.t(i + 1)?.low === 'o') j = i + 2;
    else if (low === 'po') j = i + 1;
    else if (low === 'post' && this.t(i + 1)?.low === 'office') j = i + 2;
    else if (low === 'postfach' || low === 'postbox' || low === 'postboks' || low === 'apartado' || low === 'pob') j = i + 1;
    else if (low === 'caixa' && this.t(i + 1)?.low === 'postal') j = i + 2;
    else return -1;
    if (low === 'p' || low === 'po' || low === 'post') {
      if (this.t(j)?.low !== 'box') return -1;
      j++;
    }
    if (this.t(j)?.text === '#' || HOUSE_MARKERS.has(this.t(j)?.low ?? '')) j++;
    return this.t(j)?.k === 'n' && this.same(j) ? j : -1;
  }

  /** US military: "PSC 1234, Box 5678 / APO AE 09876", "Unit 2050 Box 4190 / DPO AP", "USS Ship / FPO AA". */
  militaryAt(i: number): Core | undefined {
    const low = this.t(i)?.low ?? '';
    let j: number;
    if ((low === 'psc' || low === 'unit' || low === 'cmr') && this.t(i + 1)?.k === 'n') {
      j = i + 2;
      if (this.t(j)?.text === ',') j++;
      if (this.t(j)?.low !== 'box' || this.t(j + 1)?.k !== 'n') return undefined;
      j++;
    } else if (SHIP_PREFIX.has(low) && this.word(i + 1) && this.same(i + 1)) {
      j = i + 1;
      while (j < i + 3 && this.word(j + 1) && this.same(j + 1) && !/^(?:apo|fpo|dpo)$/.test(this.t(j + 1)!.low)) j++;
    } else return undefined;
    const k = j + 1;
    if ((this.t(k)?.nl ?? 2) <= 1 && /^(?:apo|fpo|dpo)$/.test(this.t(k)!.low) && /^(?:aa|ae|ap)$/.test(this.t(k + 1)?.low ?? '')
      && /^\d{5}(?:-\d{4})?$/.test(this.t(k + 2)?.text ?? '') && this.same(k + 1) && this.same(k + 2)) {
      return { s: i, e: k + 2, rule: 'military', score: 0.9 };
    }
    return low === 'psc' ? { s: i, e: j, rule: 'po-box', score: PO_BOX } : undefined;
  }

  /** After the street name: "Nr. 5", "5", "10." (Hungarian), "5/a". Returns the last token index. */
  houseAfter(i: number, allowComma: boolean, type: string): number | undefined {
    let j = i + 1;
    if (allowComma && this.t(j)?.text === ',' && this.same(j)) j++;
    if (HOUSE_MARKERS.has(this.t(j)?.low ?? '') && this.same(j)) {
      j++;
      if (this.t(j)?.text === ':') j++;
    }
    if (!this.isHouseNumber(j)) return undefined;
    const dot = this.t(j + 1);
    return HUNGARIAN_TYPES.has(type) && dot?.text === '.' && dot.s === this.t(j)!.e ? j + 1 : j;
  }

  /** Number, names, street type: "221B Baker Street", "1600 Pennsylvania Ave NW", "12 Joan Maetsuyckerstraat 15". */
  numberNameType(i: number): Core | undefined {
    if (!this.isBuildingNumber(i)) return undefined;
    let j = i + 1;
    if (this.isBuildingNumber(j) && this.same(j)) j++;
    else if (this.t(j)?.text === ',' && this.same(j + 1)) j++; // "12, MG Road"
    if (this.isDirection(j)) j++;
    const first = this.t(j);
    if (first === undefined || !this.same(j)) return undefined;
    // "3 cats", "250 mg", "2 way street"; but "12 MG Road" (an initialism) is a street.
    if (UNITS.has(first.low) && !(first.text.length > 1 && first.text === first.text.toUpperCase() && this.isSuffixType(j + 1))) return undefined;
    let names = 0;
    let last = -1;
    for (let k = j; k < j + 7 && this.same(k); k++) {
      // "St. John Street street": a lower-case type right after a type is prose, not the name.
      if (!this.cl(k) && !this.t(k)!.cap && this.isSuffixType(k - 1) && k > j) break;
      if (this.isCompound(k) || (this.isSuffixType(k) && names > 0)) last = k;
      if (this.isSuffixType(k) || this.isCompound(k) || this.isName(k) || this.isOrdinal(k)) names++;
      else if (!(this.isParticle(k) && names > 0)) break;
    }
    if (last < 0) return undefined;
    let e = last;
    if (this.isDirection(e + 1)) e++;
    const house = this.houseAfter(e, false, this.t(last)!.low);
    return { s: i, e: house ?? e, rule: 'number-name-type', score: TYPED, ...(YEAR.test(this.t(i)!.text) ? { yearLike: true } : {}) };
  }

  /** Type, names, number: "Rue du Centre 108", "Via Pasquale Scura 127", "Calle Mayor, 10", "ul. Karpacka 69". */
  typeNameNumber(i: number): Core | undefined {
    if (!this.isPrefixType(i)) return undefined;
    const t = this.t(i)!;
    const ambiguous = AMBIGUOUS_PREFIX.has(t.low);
    const numberBefore = this.same(i) && (this.isBuildingNumber(i - 1) || (this.t(i - 1)?.text === ',' && this.isBuildingNumber(i - 2)));
    if (!t.cap && !numberBefore && (ambiguous || !this.cl(i) && t.low.length > 3)) return undefined;
    let j = t.low === 'c' ? i + 2 : i + 1;
    let names = 0;
    let lower = 0;
    let last = -1;
    for (let k = j; k < j + 7 && this.same(k); k++) {
      const u = this.t(k)!;
      if (this.isName(k) || this.isOrdinal(k) || (u.k === 'w' && u.dot && u.cap)) { names++; last = k; }
      else if (this.isParticle(k)) continue;
      else if (u.k === 'w' && !ambiguous && (t.cap || numberBefore) && names > 0 && !STOP.has(u.low) && !UNITS.has(u.low)) { lower++; names++; last = k; }
      else break;
    }
    if (names === 0) return undefined;
    j = last;
    const house = this.houseAfter(j, true, t.low);
    if (lower > 0 && house === undefined) return undefined;
    if (house === undefined && !numberBefore) {
      return ambiguous || this.cl(i) ? undefined : { s: i, e: j, rule: 'street-name', score: WEAK };
    }
    return { s: i, e: house ?? j, rule: 'type-name-number', score: TYPED };
  }

  /** Names, type, number: "Gumpendorfer Strasse 44", "Hauptstraße 5", "Eötvös út 10.", or just "Adams Street". */
  nameTypeNumber(i: number): Core | undefined {
    const t = this.t(i);
    const starts = this.isName(i) || this.isCompound(i) || this.isOrdinal(i) || (this.isParticle(i) && !JOINERS.has(t!.low) && this.isName(i + 1));
    if (!starts) return undefined;
    let names = 0;
    let last = -1;
    let particle = false;
    const maxNames = this.cl(i) ? 3 : 5;
    for (let k = i; k < i + maxNames + 1 && (k === i || this.same(k)); k++) {
      if (this.isCompound(k) || (this.isSuffixType(k) && names > 0)) { last = k; break; }
      if (this.isName(k) || this.isOrdinal(k) || SAINT.has(this.t(k)!.low) || (this.t(k)!.dot && this.t(k)!.cap)) names++;
      else if (this.isParticle(k)) particle ||= PREPOSITIONS.has(this.t(k)!.low);
      else break;
    }
    if (last < 0) return undefined;
    // A one-word street takes the names before it ("Willem Barentszweg", "Carry van Bruggenweg"), but
    // not across a preposition ("die Unterlagen an Musterstraße 12").
    if (particle && this.isCompound(last) && last > i) return this.nameTypeNumber(last);
    const type = this.t(last)!.low;
    const house = this.houseAfter(last, false, type);
    if (house !== undefined) return { s: i, e: house, rule: 'name-type-number', score: TYPED };
    if (/^(?:st|dr|ct|pl|u|str|ter|cir|sq)$/.test(type)) return undefined;
    // Without a number the type must look like one: "Adams Street", not "Infinite loop".
    if (!this.cl(last) && !this.t(last)!.cap) return undefined;
    return { s: i, e: last, rule: 'street-name', score: WEAK };
  }

  /** Number and names without a street type ("Canelones 2266" after a building number): needs support. */
  numberNames(i: number): Core | undefined {
    if (!this.isBuildingNumber(i) || YEAR.test(this.t(i)!.text)) return undefined;
    let j = i + 1;
    if (this.isBuildingNumber(j) && this.same(j)) j++;
    if (UNITS.has(this.t(j)?.low ?? '') || !this.same(j)) return undefined;
    let last = -1;
    let lower = 0;
    for (let k = j; k < j + 5 && this.same(k); k++) {
      const t = this.t(k)!;
      if (SECONDARY_ALONE.has(t.low)) break;
      if (this.isName(k) || (t.dot && t.cap)) last = k;
      else if (t.k === 'w' && last >= 0 && lower === 0 && !STOP.has(t.low) && !UNITS.has(t.low) && this.isHouseNumber(k + 1)) { lower++; last = k; }
      else if (!(this.isParticle(k) && last >= 0)) break;
    }
    if (last < 0) return undefined;
    const house = this.houseAfter(last, false, '');
    if (lower > 0 && house === undefined) return undefined;
    return { s: i, e: house ?? last, rule: 'number-name', score: GENERIC, needsSupport: true, ...(house !== undefined ? { twoNumbers: true } : {}) };
  }

  /** Names and a number without a street type ("Vesterbrogade" aside, "Strøget 12"): needs support. */
  nameNumber(i: number): Core | undefined {
    if (!this.isName(i) || SECONDARY_ALONE.has(this.t(i)!.low)) return undefined;
    for (let k = i; k < i + 3 && (k === i || this.same(k)); k++) {
      const house = this.houseAfter(k, false, '');
      if (house !== undefined && !YEAR.test(this.t(house)!.text)) return { s: i, e: house, rule: 'name-number', score: GENERIC, needsSupport: true };
      if (SECONDARY_ALONE.has(this.t(k + 1)?.low ?? '')) return undefined;
      if (!this.isName(k + 1) && !(this.isParticle(k + 1) && this.isName(k + 2))) return undefined;
    }
    return undefined;
  }

  /** The street shapes that can start at token i, strongest first. */
  core(i: number): Core | undefined {
    const mil = this.militaryAt(i);
    if (mil) return mil;
    const box = this.poBoxAt(i);
    if (box >= 0) return { s: i, e: box, rule: 'po-box', score: PO_BOX };
    if (this.isBuildingNumber(i)) {
      const n = this.numberNameType(i);
      if (n) return n;
      const next = this.t(i + 1)?.text === ',' ? i + 2 : i + 1;
      if (this.isPrefixType(next)) return this.typeNameNumber(next) ?? this.numberNames(i);
      return this.numberNames(i);
    }
    return this.typeNameNumber(i) ?? this.nameTypeNumber(i) ?? this.nameNumber(i);
  }

  /**
   * A cue phrase ends just before token h. Strong (2): "address is", "Address:", "lives at", "ship to",
   * "sent it to" — enough to accept a street without a type. Weak (1): "arrived at", "meet me at",
   * "office is at" — raises a street that has its own evidence. None: 0.
   */
  cueBefore(h: number): number {
    const prev = this.t(h - 1);
    if (prev === undefined || (this.toks[h]!.nl > 0 && prev.text !== ':')) return 0;
    const dwell = prev.low === 'at' || prev.low === 'in' || prev.low === 'on';
    const send = (prev.low === 'to' && !NOT_CUE_TO.has(this.t(h - 2)?.low ?? '')) || prev.text === ':';
    for (let k = h - 1, steps = 0; k >= 0 && steps < 8; k--, steps++) {
      const t = this.t(k)!;
      if (t.k === 'p' && SENTENCE_END.has(t.text)) return 0;
      if (ADDRESS_NOUNS.has(t.low)) return 2;
      // The verb is close to its preposition: "lives at", "is located at", "send a new one to".
      if (steps <= 4 && ((dwell && DWELL_VERBS.has(t.low)) || (send && SEND_VERBS.has(t.low)))) return 2;
      if (steps <= 4 && (dwell || send) && WEAK_CUE_WORDS.has(t.low)) return 1;
      if (t.nl > 0 && prev.text !== ':') return 0;
    }
    return 0;
  }

  /** Tokens i..j hold a phone number, not a postal code: a run of three digit groups, or two with 7+ digits. */
  phoneLike(i: number, j: number): boolean {
    let groups = 0;
    let digits = 0;
    for (let k = i; k <= j; k++) {
      const t = this.toks[k]!;
      if (t.k !== 'n') {
        groups = digits = 0;
        continue;
      }
      groups++;
      digits += t.text.replace(/\D/g, '').length;
      if (groups >= 3 || (groups >= 2 && digits >= 7)) return true;
    }
    return false;
  }

  /**
   * Locality after the street on one line: ", Springfield, IL 62704", "Apt. 5 Calgary AB", "10115 Berlin".
   * Returns the last consumed token and why it stopped: end of line, a soft stop (a word or sentence
   * punctuation) or a hard one (a symbol inside a token run, so the line is something else).
   */
  locality(p: number, line: boolean, state: Evidence): { last: number; stop: 'eol' | 'soft' | 'hard' } {
    let last = p - 1;
    let comma = false;
    // Lower-cased text: words count as places only after a comma, a unit, a postal code or a line break.
    let free = line;
    // Digits in the current run of numbers: a postal code in groups has at most 6 ("111 51"), a phone more.
    let digits = 0;
    let groups = 0;
    // "Springfield, IL 62704": a postal code after a place name closes the segment; only a comma
    // opens another (", USA"). A postal code first ("10115 Berlin") leaves it open.
    let closed = false;
    const take = (k: number): number => {
      if (comma && !line && this.toks[k]!.k === 'w') state.segments++;
      comma = false;
      last = k;
      if (this.toks[k]!.k !== 'n') digits = groups = 0;
      return k + 1;
    };
    for (let k = p, n = 0; n < 16; n++) {
      free ||= comma || state.sec || state.postal;
      const t = this.t(k);
      if (t === undefined || (k > p && t.nl > 0) || (k === p && !line && t.nl > 0)) return { last, stop: 'eol' };
      // A comma, or a dash between spaces ("59 Temple Place - Suite 330"), separates parts.
      const dash = (t.text === '-' || t.text === '–') && /\s/.test(this.text[t.s - 1] ?? '') && /\s/.test(this.text[t.e] ?? '');
      if (t.text === ',' || (dash && last >= p - 1 && !line)) {
        if (comma && k > p) return { last, stop: 'soft' };
        comma = true;
        k++;
        continue;
      }
      const sec = this.secondaryAt(k);
      if (sec >= 0) { state.sec = true; k = take(sec); continue; }
      if (comma) closed = false;
      if (t.k === 'n' && POSTAL_NUMBER.test(t.text) && !YEAR_RANGE.test(t.text) && !UNITS.has(this.t(k + 1)?.low ?? '')) {
        digits += t.text.replace(/\D/g, '').length;
        if (++groups > 1 && digits > 6 && !comma) return { last, stop: 'hard' };
        if (!comma && last >= p && this.toks[last]!.k === 'w') closed = true;
        if (t.text.length >= 4) state.postal = true;
        k = take(k);
        continue;
      }
      if (t.k === 'w' && POSTAL_WORD.test(t.text) && /\d/.test(t.text) && (this.cl(k) || t.text === t.text.toUpperCase())) {
        state.postal = true;
        if (!comma && last >= p && this.toks[last]!.k === 'w') closed = true;
        k = take(k);
        continue;
      }
      if (closed && t.k === 'w') return { last, stop: 'soft' };
      if (this.localityWord(k, free)) { k = take(k); continue; }
      // ", nan 37659", ", or 97201": after a comma, the word before a postal code (a state), or a
      // word ending the line.
      const u = this.t(k + 1);
      const postalNext = u !== undefined && u.k === 'n' && u.nl === 0 && u.text.length >= 4 && POSTAL_NUMBER.test(u.text);
      const code = t.text.length === 2 || !STOP.has(t.low);
      if (comma && t.k === 'w' && code && !/\d/.test(t.text) && (postalNext || (!STOP.has(t.low) && !this.same(k + 1)))) { k = take(k); continue; }
      // A staircase or building letter before a number ("Mannerheimintie 10 A 5").
      if (t.k === 'w' && t.text.length === 1 && t.cap && !this.cl(k) && u?.k === 'n' && u.nl === 0) { take(k); k = take(k + 1); continue; }
      // "Trinidad and Tobago", "Republic of the Congo", "Ústí nad Labem": joiners between place words.
      if (t.k === 'w' && this.isJoiner(k) && !comma && last >= p) {
        const next = this.isJoiner(k + 1) && this.same(k + 2) ? k + 2 : k + 1;
        if (this.same(next) && this.localityWord(next, free)) { k = take(next); continue; }
      }
      return { last, stop: t.k === 'w' || SENTENCE_END.has(t.text) || '()"“”\''.includes(t.text) ? 'soft' : 'hard' };
    }
    return { last, stop: 'soft' };
  }

  isJoiner(i: number): boolean {
    const t = this.t(i);
    return t !== undefined && t.k === 'w' && t.nl === 0 && (PARTICLES.has(t.low) || JOINERS.has(t.low)) && (this.cl(i) || !t.cap);
  }

  localityWord(i: number, free: boolean): boolean {
    const t = this.t(i);
    if (t === undefined || t.k !== 'w' || /\d/.test(t.text)) return false;
    // State and country codes, even when they spell a word: "Portland, OR", "Indianapolis, IN".
    if (!this.cl(i) && t.text.length <= 3 && t.text.length >= 2 && /^\p{Lu}+$/u.test(t.text)) return true;
    if (STOP.has(t.low)) return false;
    // "St." after a street is the next sentence's street type, unless a name follows ("St. Louis").
    if (ABBREVIATED_TYPES.has(t.low) && !(this.same(i + 1) && this.word(i + 1) && (this.t(i + 1)!.cap || this.cl(i)))) return false;
    return this.cl(i) ? free : t.cap;
  }

  endsLineWithComma(i: number): boolean {
    const t = this.t(i + 1);
    return t !== undefined && t.text === ',' && t.nl === 0 && (this.t(i + 2)?.nl ?? 0) === 1;
  }

  /** Grows a core to the right: unit, locality and postal code, then short lines below it. */
  grow(c: Core): Evidence & { last: number; end: number } {
    const state: Evidence = { sec: false, postal: false, lines: 0, segments: 0 };
    // A bare street name ("Adams Street") takes a locality only after a comma or a unit: the
    // capitalised words right after it are as likely the rest of a title or a sentence.
    const next = this.t(c.e + 1);
    const bare = c.score < GENERIC && next !== undefined && next.nl === 0 && next.k === 'w' && this.secondaryAt(c.e + 1) < 0;
    const cont = bare ? { last: c.e, stop: 'soft' as const } : this.locality(c.e + 1, false, state);
    let last = Math.max(c.e, cont.last);
    if (cont.stop === 'eol' || this.endsLineWithComma(last)) {
      while (state.lines < MAX_LINES) {
        // A line that ends in a comma continues on the next ("36 Crosby Drive,\nBedford, MA 01730").
        const q = this.t(last + 1)?.text === ',' && this.same(last + 1) ? last + 2 : last + 1;
        if (this.t(q)?.nl !== 1) break;
        let r = q;
        while (r < q + 3 && BULLETS.has(this.t(r)!.text) && this.same(r + 1)) r++;
        const saved = { ...state };
        const line = this.locality(r, true, state);
        if (line.last < r || line.stop === 'hard' || this.t(line.last)!.text === ',' || this.phoneLike(r, line.last)) {
          Object.assign(state, saved);
          break;
        }
        last = line.last;
        state.lines++;
        if (line.stop !== 'eol') break;
      }
    }
    return { ...state, last, end: this.toks[last]!.e };
  }

  /** Grows a core to the left: one more building number, then a unit ("Flat 2, 10 Downing Street"). */
  head(s: number, floor: number): number {
    let h = s;
    if (h - 1 >= floor && this.same(h) && this.isBuildingNumber(h - 1)) h--;
    if (h - 2 >= floor && this.t(h - 1)?.text === ',' && this.same(h) && this.isBuildingNumber(h - 2) && this.isPrefixType(h)) h -= 2;
    const comma = this.t(h - 1)?.text === ',' ? 1 : 0;
    for (let back = 2; back <= 4; back++) {
      const a = h - comma - back;
      if (a >= floor && this.same(h) && this.secondaryAt(a) === h - comma - 1) return a;
    }
    return h;
  }

  /** "the corner of Main Street and 5th Avenue": both streets, one span. */
  corner(i: number): { s: number; c: Core } | undefined {
    if (this.t(i)?.low !== 'corner' || this.t(i + 1)?.low !== 'of') return undefined;
    const a = this.core(i + 2);
    if (!a) return undefined;
    const and = this.t(a.e + 1);
    if (and === undefined || (and.low !== 'and' && and.text !== '&') || !this.same(a.e + 1)) return undefined;
    const b = this.core(a.e + 2);
    if (!b) return undefined;
    const s = this.t(i - 1)?.low === 'the' ? i - 1 : i;
    return { s, c: { s, e: b.e, rule: 'intersection', score: TYPED } };
  }

  *find(): Generator<Candidate> {
    const toks = this.toks;
    let free = 0;
    for (let i = 0; i < toks.length; i++) {
      if (i < free) continue;
      const corner = this.corner(i);
      let c = corner?.c ?? this.core(i);
      if (c === undefined || (c.needsSupport && this.secondaryAt(i, true) >= 0)) {
        const sec = this.secondaryAt(i, true);
        if (sec < 0) continue;
        const after = this.t(sec + 1)?.text === ',' ? sec + 2 : sec + 1;
        if (this.core(after) !== undefined) continue; // the street after it takes it as its head
        c = { s: i, e: sec, rule: 'secondary-unit', score: WEAK };
      }
      const h = corner ? corner.s : this.head(c.s, free);
      const cue = this.cueBefore(h);
      const g = this.grow(c);
      // Lines of capitalised words alone prove little (a list of names looks the same); a unit or a
      // postal code does.
      const solid = g.sec || g.postal;
      const block = g.sec || (g.lines >= 1 && g.postal) || (c.twoNumbers === true && g.segments >= 2);
      if (c.needsSupport && cue < 2 && !block) continue;
      // A name and a number after a cue ("move to Python 3") need a locality as well ("Strøget 12, København").
      if (c.rule === 'name-number' && !block && g.last === c.e) continue;
      if (c.yearLike && cue === 0 && !solid) continue;
      // In lower-cased text "full street" looks like "Main Street": a bare street name needs a cue there.
      if (c.score < GENERIC && this.cl(c.s) && cue < 2 && !block) continue;
      // Each piece of evidence around the street adds to its base score: a unit, a postal code, lines
      // below it, a locality after it; a cue phrase before it. An address block scores at least as
      // high as the place and person names inside it, so that the block, not a fragment, is kept.
      const evidence = (g.sec ? 1 : 0) + (g.postal ? 1 : 0) + (g.lines > 0 && solid ? 1 : 0) + (g.last > c.e ? 1 : 0);
      const cueBonus = cue === 2 ? 0.15 : cue === 1 ? 0.1 : 0;
      let score: number;
      if (c.needsSupport) score = 0.8 + cueBonus + 0.05 * evidence;
      else if (c.score < GENERIC) score = (cue === 2 ? 0.6 : c.score) + 0.1 * ((g.sec ? 1 : 0) + (g.postal ? 1 : 0));
      else score = c.score + cueBonus + 0.05 * evidence;
      const lastTok = toks[g.last]!;
      let end = g.end;
      // An abbreviation dot stays ("Main St."); a sentence's full stop after "Calgary AB." does not.
      if (g.last !== c.e && lastTok.dot && !keepsDot(lastTok.low)) end--;
      yield { start: toks[h]!.s, end, score: Math.min(1, Math.round(score * 100) / 100), pattern: c.rule };
      free = g.last + 1;
    }
  }
}

function keepsDot(low: string): boolean {
  return SUFFIX_TYPES.has(low) || PREFIX_TYPES.has(low) || SECONDARY.has(low) || DIRECTIONS.has(low) || low.endsWith('str') || low.length === 1;
}

/**
 * Finds street addresses, one candidate per address (a multi-line block is one span).
 *
 * @example
 * ```ts
 * [...findStreetAddresses('Ship to 10 Downing Street, London SW1A 2AA today')]
 * // → [{ start: 8, end: 42, score: 1, pattern: 'number-name-type' }]  ("10 Downing Street, London SW1A 2AA")
 * ```
 */
export function findStreetAddresses(text: string): Iterable<Candidate> {
  return new Scan(text).find();
}

const UNIT_LINE = /^(?:apt|apartment|suite|ste|unit|flat|room|rm|floor|fl|bldg|building|p\.?\s?o\.?\s?box|box|#)\b/i;
const POSTCODE = /^(?=[A-Z0-9 -]{3,10}$)(?=.*\d)[A-Z0-9]+(?:[ -][A-Z0-9]+)?$/i;
const TRAILING_POSTCODE = /^(.*?\S)[ ,]+([A-Z]{0,2}\d[A-Z0-9]{1,6}(?:[ -][A-Z0-9]{2,4})?)$/i;

/**
 * A multi-line address block reported as its parts, the way a postal parser splits it: the street
 * line(s) and unit lines are STREET_ADDRESS, a postcode is ZIP_CODE, the other lines (town, region,
 * country) are LOCATION. Parts keep the block's score, so names inside a block stay part of it.
 * One-line addresses, wrapped or not, stay whole. The parts cover the same characters as the block.
 */
export function* addressParts(text: string, block: Candidate): Generator<Candidate> {
  const body = text.slice(block.start, block.end);
  // A line that opens with a comma continues the one before ("Fahrdorf\n, SH\n 05775"): the breaks
  // are wraps of a one-line address, which stays whole.
  // An address written into a sentence ("my new address is 07 262 Pavlou Drandaki\nKÖPMANHOLMEN")
  // is one finding whatever its line breaks; one laid out on lines of its own is a postal block.
  const lineStart = text.lastIndexOf('\n', block.start - 1) + 1;
  const inline = /[\p{L}\d][^\p{L}\d]*$/u.test(text.slice(lineStart, block.start)) && !/^[\s>?*•|-]*$/.test(text.slice(lineStart, block.start));
  if (inline && body.includes('\n')) {
    yield block;
    return;
  }
  if (!body.includes('\n') || /\n[ \t]*,/.test(body)) {
    yield* splitBuildingNumber(text, block.start, block.end, block, 'street');
    return;
  }
  let offset = block.start;
  let first = true;
  for (const raw of body.split('\n')) {
    const lineStart = offset;
    offset += raw.length + 1;
    // Trim spaces, list markers and a leading comma ("\n, LA").
    const lead = /^[\s>*•|?,-]*/.exec(raw)![0].length;
    const trail = /[\s,]*$/.exec(raw)![0].length;
    const line = raw.slice(lead, raw.length - trail);
    if (line === '') continue;
    const start = lineStart + lead;
    const end = start + line.length;
    const part = (s: number, e: number, entity: Entity, name: string): Candidate => ({ start: s, end: e, score: block.score, pattern: `${block.pattern}:${name}`, entity });
    if (first) {
      yield* splitBuildingNumber(text, start, end, block, 'street');
    } else if (UNIT_LINE.test(line)) {
      yield part(start, end, 'STREET_ADDRESS', 'unit');
    } else if (POSTCODE.test(line)) {
      yield part(start, end, 'ZIP_CODE', 'postcode');
    } else {
      const m = TRAILING_POSTCODE.exec(line);
      if (m !== null && /\d/.test(m[2]!) && /\p{L}/u.test(m[1]!)) {
        const place = m[1]!.replace(/[\s,]+$/, '');
        yield part(start, start + place.length, 'LOCATION', 'locality');
        yield part(end - m[2]!.length, end, 'ZIP_CODE', 'postcode');
      } else {
        yield part(start, end, 'LOCATION', 'locality');
      }
    }
    first = false;
  }
}

/**
 * Two house numbers in a row ("95 55 Halsey Road", "3 12 Main St"): a unit or door number, then the
 * building's number and its street.
 */
const TWO_NUMBERS = /^(\d{1,5}[A-Za-z]?)[ \t]+(?=\d{1,5}[A-Za-z]?[ \t]+\p{L})/u;
/**
 * A number before a street written name-first with its own number at the end ("78 Camiño Ancho 91",
 * "45 via roma 12"): words without digits between, the street's number at most four digits (a
 * five-digit number there is more often a postcode).
 */
const NUMBER_BEFORE_NAME_NUMBER = /^(\d{1,5}[A-Za-z]?)[ \t]+(?=\p{L}[^\d,\n]{1,60}?(?<!\b(?:apt|apartment|suite|ste|unit|flat|room|rm|no|nr|box|floor|fl|bldg|building)\.?)[ \t]\d{1,4}[A-Za-z]?[.]?(?:$|[ \t]*,))/iu;

/**
 * The first of two house numbers is a unit or door number of its own: reported as a separate
 * STREET_ADDRESS part, so each number is one finding.
 */
function* splitBuildingNumber(text: string, start: number, end: number, block: Candidate, name: string): Generator<Candidate> {
  const line = text.slice(start, end);
  const m = TWO_NUMBERS.exec(line) ?? NUMBER_BEFORE_NAME_NUMBER.exec(line);
  if (m === null) {
    yield start === block.start && end === block.end ? block : { start, end, score: block.score, pattern: `${block.pattern}:${name}`, entity: 'STREET_ADDRESS' };
    return;
  }
  yield { start, end: start + m[1]!.length, score: block.score, pattern: `${block.pattern}:building-number`, entity: 'STREET_ADDRESS' };
  yield { start: start + m[0].length, end, score: block.score, pattern: `${block.pattern}:${name}`, entity: 'STREET_ADDRESS' };
}

/** Without a digit an address needs a named street or a corner to be reported at all. */
const NUMBERLESS_CUE = /\b(?:corner|street|road|avenue|lane|drive|boulevard|way|place|square)\b/i;

function* findAddressParts(text: string): Generator<Candidate> {
  // Prose without digits (most of it) skips the scan: a house number, a postcode, a P.O. box or a
  // military unit all have digits, and the numberless shapes name a street type or a corner.
  if (!/\d/.test(text) && !NUMBERLESS_CUE.test(text)) return;
  for (const block of findStreetAddresses(text)) yield* addressParts(text, block);
}

export const streetAddressRecognizer: Recognizer = {
  id: 'street-address',
  entity: 'STREET_ADDRESS',
  patterns: [],
  find: findAddressParts,
  emits: ['LOCATION', 'ZIP_CODE'],
  // "live" itself is left out: as a prefix it would also match "liver" in clinical notes.
  context: ['address', 'addresses', 'street', 'lives', 'lived', 'living', 'reside', 'resides', 'residence', 'located', 'mail', 'mailing', 'ship', 'shipping', 'deliver', 'delivery', 'postal', 'apartment', 'apt', 'suite', 'unit', 'moved', 'arrived', 'home'],
};
