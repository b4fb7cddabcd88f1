// STREET_ADDRESS finder: questions about single tokens and short runs of them (is this a building
// number, a street type, a unit, a P.O. box?). Every method looks at a bounded number of tokens.
import { LOWERCASE_ONLY_TYPES, NUMBER_LABELS, SHIP_PREFIX } from './words.js';
import type { Tok, Core } from './model.js';
import { MAX_LINES, PO_BOX, YEAR_RANGE } from './model.js';
import type { Tokens } from './tokenize.js';
import { F_CAP, F_LABEL, F_UNIT, F_CASELESS, F_COMPOUND, F_DIGITS, F_DIRECTION, F_MARKER, F_NL, F_NL_MORE, F_NUMBER, F_PARTICLE, F_PLAIN, F_PREFIX, F_SECONDARY, F_SECONDARY_ALONE, F_STOREY, F_SUFFIX, F_WORD, tokenize } from './tokenize.js';

const HOUSE_NUMBER = /^\d{1,5}[a-z]?(?:[-/]\d{1,5}[a-z]?)?$/i;
const ORDINAL = /^\d{1,4}(?:st|nd|rd|th|e|er|re)$/i;
const HUNGARIAN_TYPES = new Set(['út', 'utca', 'u', 'tér', 'körút', 'krt', 'rakpart', 'köz', 'sor']);
const STOREY_WORDS = new Set(['floor', 'fl', 'piso', 'planta', 'étage', 'etage', 'stock', 'og']);
/** What may touch a building number before it, a house number before or after it: one character each. */
const BEFORE_BUILDING = /[\p{L}\p{N}.,/$€£¥#%+:-]/u;
const SPACE_OR_COMMA = /[\s,]/;
const AFTER_HOUSE = /[\s,.;)!?]/;
/** Per ASCII code, whether `re` matches that character: asked without making a one-character string. */
function asciiTable(re: RegExp): Uint8Array {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) table[c] = re.test(String.fromCharCode(c)) ? 1 : 0;
  return table;
}
const BEFORE_BUILDING_ASCII = asciiTable(BEFORE_BUILDING);
const SPACE_OR_COMMA_ASCII = asciiTable(SPACE_OR_COMMA);
const AFTER_HOUSE_ASCII = asciiTable(AFTER_HOUSE);
/** `re` matches the character at `at` (inside the text), from `ascii` (asciiTable(re)) for ASCII. */
function charIs(text: string, at: number, re: RegExp, ascii: Uint8Array): boolean {
  const c = text.charCodeAt(at);
  return c < 128 ? ascii[c] === 1 : re.test(text[at]!);
}

/** An ASCII digit's code. */
function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}
const DEVICE_WORDS = new Set(['hard', 'flash', 'disk', 'disc', 'usb', 'thumb', 'pen', 'optical', 'external', 'internal', 'test', 'cd', 'dvd', 'tape', 'floppy', 'ssd', 'network']);

export class TokenView {
  /** The tokens as numbers (tokenize.ts); `n` of them. */
  readonly toks: Tokens;
  readonly n: number;
  /** Per token, the Tok made for it on first use (t), for the questions its flags cannot answer. */
  private readonly made: Array<Tok | undefined>;
  /**
   * Per token: the index of the first number token at or after it, and of the first token that can
   * be a street type (a suffix type or a one-word street), or toks.length. Shapes that need one of
   * them within a few tokens ask here before walking.
   */
  readonly nextNumber: number[];
  readonly nextType: number[];
  constructor(readonly text: string, toks: Tokens = tokenize(text)) {
    this.toks = toks;
    const n = this.n = toks.length;
    this.made = new Array<Tok | undefined>(n);
    // Filled backward: each number (type) token is the answer for itself and the tokens before it.
    const nextNumber: number[] = new Array<number>(n + 1);
    const nextType: number[] = new Array<number>(n + 1);
    nextNumber[n] = nextType[n] = n;
    for (let i = n - 1, num = n, type = n; i >= 0; i--) {
      const f = toks.flags(i);
      if ((f & F_NUMBER) !== 0) num = i;
      if ((f & (F_SUFFIX | F_COMPOUND)) !== 0) type = i;
      nextNumber[i] = num;
      nextType[i] = type;
    }
    this.nextNumber = nextNumber;
    this.nextType = nextType;
  }

  /** Per token, made on first use: see evidenceWithin. */
  private reach: number[] | undefined;

  /**
   * False only when no token in the reach of Scan.grow from token `e` on (the rest of e's line and up
   * to MAX_LINES lines below it, joined by single line breaks) can give it a unit or a postal code: a
   * unit (secondaryAt) opens at a "#", a storey or a unit word; a postal code is a number of 4+
   * characters or a word with a digit. Lets Scan.find() drop a street that needs the structure of a
   * block without growing it. Answered from one backward pass per text: per token i, the first such
   * token at or after it that can be reached from token i - 1, or toks.length.
   */
  evidenceWithin(e: number): boolean {
    let reach = this.reach;
    if (reach === undefined) {
      const toks = this.toks;
      const n = this.n;
      reach = new Array<number>(n + 1);
      reach[n] = n;
      for (let i = n - 1, at = n, ones = 0; i >= 0; i--) {
        const f = toks.flags(i);
        if ((f & F_NUMBER) !== 0 ? toks.end(i) - toks.start(i) >= 4 || (f & F_STOREY) !== 0 : (f & F_WORD) !== 0 ? (f & (F_DIGITS | F_SECONDARY)) !== 0 : toks.char(i) === 35) { // "#"
          at = i;
          ones = 0;
        }
        // Token i's own line breaks lie between it and token i - 1.
        if ((f & F_NL_MORE) !== 0 || ((f & F_NL) !== 0 && ++ones > MAX_LINES)) at = n;
        reach[i] = at;
      }
      this.reach = reach;
    }
    return reach[e + 1]! < this.n;
  }

  /** Token i is in lower-cased text, where capitals carry no signal. */
  cl(i: number): boolean {
    return (this.f(i) & F_CASELESS) !== 0;
  }

  /** Token i, or undefined outside the tokens: made on first use, its strings on theirs. */
  t(i: number): Tok | undefined {
    if (i < 0 || i >= this.n) return undefined;
    return this.made[i] ?? (this.made[i] = this.toks.tok(i));
  }

  /** Token i's flags word (tokenize.ts F_*), or 0 outside the tokens (no flag: ask `has` where that matters). */
  f(i: number): number {
    return i >= 0 && i < this.n ? this.toks.flags(i) : 0;
  }

  has(i: number): boolean {
    return i >= 0 && i < this.n;
  }

  /** Token i's text is the one character of code `c` (Tok.text === ','), false outside the tokens. */
  is(i: number, c: number): boolean {
    return i >= 0 && i < this.n && this.toks.char(i) === c;
  }

  /** Token i's lower case is `word` (Tok.low === word), false outside the tokens. */
  lowIs(i: number, word: string): boolean {
    return i >= 0 && i < this.n && this.toks.lowIs(i, word);
  }

  /** Token i continues token i-1's line. */
  same(i: number): boolean {
    return i >= 0 && i < this.n && (this.toks.flags(i) & F_NL) === 0;
  }

  word(i: number): boolean {
    return (this.f(i) & F_WORD) !== 0;
  }

  isName(i: number): boolean {
    const f = this.f(i);
    return (f & F_PLAIN) !== 0 && (f & (F_CAP | F_CASELESS)) !== 0;
  }

  isParticle(i: number): boolean {
    return (this.f(i) & (F_PARTICLE | F_CAP)) === F_PARTICLE;
  }

  isOrdinal(i: number): boolean {
    // An ordinal ends in a letter: a number ending in a digit is none, without its text.
    if ((this.f(i) & F_NUMBER) === 0 || isDigitCode(this.text.charCodeAt(this.toks.end(i) - 1))) return false;
    return ORDINAL.test(this.t(i)!.text);
  }

  isSuffixType(i: number): boolean {
    if ((this.f(i) & F_SUFFIX) === 0) return false;
    const t = this.t(i)!;
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
    const f = this.f(i);
    return (f & F_COMPOUND) !== 0 && (f & (F_CAP | F_CASELESS)) !== 0;
  }

  isPrefixType(i: number): boolean {
    if ((this.f(i) & F_PREFIX) === 0) return false;
    const t = this.t(i)!;
    if (t.low === 'c') return this.is(i + 1, 47) && this.toks.start(i + 1) === t.e; // "/"
    if (t.low.length <= 2 && t.low !== 'av' && t.low !== 'bd') return t.dot; // "ul.", "Λ."
    return true;
  }

  /**
   * Per token, made on first use: the answers of isBuildingNumber and isHouseNumber for a number token,
   * each as two bits (asked, yes). A number is asked about up to four times (core, the shapes it tries,
   * Scan.head, the house numbers after names), and answered once.
   */
  private answers: number[] | undefined = undefined;

  private answer(i: number, t: Tok, asked: number, decide: (i: number, t: Tok) => boolean): boolean {
    const answers = (this.answers ??= new Array<number>(this.toks.length).fill(0));
    let a = answers[i]!;
    if ((a & asked) === 0) answers[i] = a |= asked | (decide.call(this, i, t) ? asked << 1 : 0);
    return (a & (asked << 1)) !== 0;
  }

  /** A number that can open an address: not a quantity, a reference, a decimal or a time. */
  isBuildingNumber(i: number): boolean {
    return (this.f(i) & F_NUMBER) !== 0 && this.answer(i, this.t(i)!, 1, this.buildingNumber);
  }

  private buildingNumber(i: number, t: Tok): boolean {
    if (!HOUSE_NUMBER.test(t.text) || YEAR_RANGE.test(t.text)) return false;
    if (t.s > 0 && charIs(this.text, t.s - 1, BEFORE_BUILDING, BEFORE_BUILDING_ASCII)) return false;
    if (t.e < this.text.length && !charIs(this.text, t.e, SPACE_OR_COMMA, SPACE_OR_COMMA_ASCII)) return false;
    // A label word carries Tok.label; the symbols among the labels ("$", "#") are punctuation tokens.
    const pf = this.f(i - 1);
    if (this.has(i - 1) && ((pf & F_LABEL) !== 0 || ((pf & (F_WORD | F_NUMBER)) === 0 && NUMBER_LABELS.has(this.t(i - 1)!.text))) && this.same(i)) return false;
    if ((this.f(i + 1) & F_UNIT) === 0) return true;
    // "96193 S Central Avenue": a capital direction letter before a name, not seconds.
    const next = this.t(i + 1)!;
    return next.text.length === 1 && this.isDirection(i + 1) && this.same(i + 2) && this.isName(i + 2);
  }

  /** A number after a street name ("Hauptstraße 5", "Via Roma 12/a"). */
  isHouseNumber(i: number): boolean {
    return (this.f(i) & (F_NUMBER | F_NL)) === F_NUMBER && this.answer(i, this.t(i)!, 4, this.houseNumber);
  }

  private houseNumber(i: number, t: Tok): boolean {
    if (!HOUSE_NUMBER.test(t.text) || t.text.length > 9) return false;
    if (/^\d{5}/.test(t.text) || YEAR_RANGE.test(t.text)) return false;
    if (t.s > 0 && !charIs(this.text, t.s - 1, SPACE_OR_COMMA, SPACE_OR_COMMA_ASCII)) return false;
    if (t.e < this.text.length && !charIs(this.text, t.e, AFTER_HOUSE, AFTER_HOUSE_ASCII)) return false;
    return (this.f(i + 1) & (F_NL | F_UNIT)) !== F_UNIT;
  }

  isDirection(i: number): boolean {
    if ((this.f(i) & (F_WORD | F_NL | F_DIRECTION)) !== (F_WORD | F_DIRECTION)) return false;
    const t = this.t(i)!;
    return t.text === t.text.toUpperCase() || this.cl(i);
  }

  /** The "#" at i closes a note's day count, "POD#3" (post-op day), "HD#2" (hospital day): no unit. */
  private dayCountBefore(i: number): boolean {
    return (this.lowIs(i - 1, 'pod') || this.lowIs(i - 1, 'hd')) && this.toks.end(i - 1) === this.toks.start(i);
  }

  /** "Apt. 4B", "Suite 200", "Unit #3", "4th Floor", "#12": returns the last token index, or -1. */
  secondaryAt(i: number, alone = false): number {
    const f = this.f(i);
    if (!alone && this.is(i, 35) && (this.f(i + 1) & F_NUMBER) !== 0 && this.toks.start(i + 1) === this.toks.end(i) && !this.dayCountBefore(i)) return i + 1; // "#"
    // Every other unit opens at a storey or a unit word: most tokens are neither, answered by their flags.
    if ((f & (alone ? F_SECONDARY_ALONE : F_STOREY | F_SECONDARY)) === 0) return -1;
    const t = this.t(i)!;
    if (!alone && t.storey) {
      // "4th Floor", "3º B", "2ª": a storey, with its door letter.
      const iberian = /[ºª]$/.test(t.text);
      const u = this.t(i + 1);
      if (u !== undefined && u.nl === 0 && (STOREY_WORDS.has(u.low) || (iberian && u.k === 'w' && u.text.length === 1))) return i + 1;
      if (iberian) return i;
    }
    if (!(alone ? t.secondaryAlone : t.secondary)) return -1;
    let j = i + 1;
    if (this.is(j, 35) || (this.f(j) & F_MARKER) !== 0) j++; // "#"
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
    if (this.t(j)?.text === '#' || this.t(j)?.marker === true) j++;
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
    if (allowComma && this.is(j, 44) && this.same(j)) j++; // ","
    if ((this.f(j) & F_MARKER) !== 0 && this.same(j)) {
      j++;
      if (this.is(j, 58)) j++; // ":"
    }
    if (!this.isHouseNumber(j)) return undefined;
    const dot = this.t(j + 1);
    return HUNGARIAN_TYPES.has(type) && dot?.text === '.' && dot.s === this.t(j)!.e ? j + 1 : j;
  }

}
