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
import type { Candidate } from '../../types.js';
import { DWELL_VERBS, JOINERS, PARTICLES, SEND_VERBS, WEAK_CUE_WORDS } from './words.js';
import type { Evidence, Core, Tok } from './model.js';
import type { Tokens } from './tokenize.js';
import { GENERIC, MAX_LINES, TYPED, WEAK, YEAR_RANGE } from './model.js';
import { Shapes } from './shapes.js';
import { mayHoldAddress } from './gate.js';
import { F_CAP, F_CASELESS, F_NL, F_NUMBER, F_OPENS, F_WORD, tokenize } from './tokenize.js';

const POSTAL_NUMBER = /^(?:\d{1,6}[a-z]{0,2}|\d[a-z]\d|\d{2,5}-\d{3,4})$/i; // "10115", "2AA", "2T6", "1100-053"
const POSTAL_WORD = /^[a-z]{1,2}\d[a-z\d]?$/i; // UK outward code (SW1A, NW1), Canadian FSA (K1A)
/** "due to", "according to", "up to": "to" that does not name a destination. */
const NOT_CUE_TO = new Set(['due', 'according', 'close', 'next', 'similar', 'compared', 'thanks', 'prior', 'up', 'addition', 'equal', 'related', 'relative', 'contrary', 'opposed', 'leading', 'referred']);
const BULLETS = new Set(['>', '*', '-', '•', '|', '?', '·']);
const SENTENCE_END = new Set(['.', '!', '?', ';']);
const ABBREVIATED_TYPES = new Set(['st', 'rd', 'ave', 'av', 'dr', 'ln', 'ct', 'pl', 'blvd', 'str', 'sq', 'ter', 'hwy', 'pkwy', 'cres', 'cir']);

class Scan extends Shapes {
  /** `grows` 'every': grow every street found, without the shortcut of evidenceWithin (tests compare). */
  constructor(text: string, toks: Tokens = tokenize(text), private readonly grows: 'needed' | 'every' = 'needed') {
    super(text, toks);
  }

  /**
   * A cue phrase ends just before token h. Strong (2): "address is", "Address:", "lives at", "ship to",
   * "sent it to" — enough to accept a street without a type. Weak (1): "arrived at", "meet me at",
   * "office is at" — raises a street that has its own evidence. None: 0.
   */
  cueBefore(h: number): number {
    const colon = this.is(h - 1, 58); // ":"
    if (h < 1 || ((this.f(h) & F_NL) !== 0 && !colon)) return 0;
    const dwell = this.lowIs(h - 1, 'at') || this.lowIs(h - 1, 'in') || this.lowIs(h - 1, 'on');
    const send = (this.lowIs(h - 1, 'to') && !NOT_CUE_TO.has(this.t(h - 2)?.low ?? '')) || colon;
    for (let k = h - 1, steps = 0; k >= 0 && steps < 8; k--, steps++) {
      const t = this.t(k)!;
      if (t.k === 'p' && SENTENCE_END.has(t.text)) return 0;
      if (t.addressNoun) return 2;
      // The verb is close to its preposition: "lives at", "is located at", "send a new one to". The
      // dwelling and sending verbs are all words of Tok.support.
      if (steps <= 4 && t.support && ((dwell && DWELL_VERBS.has(t.low)) || (send && SEND_VERBS.has(t.low)))) return 2;
      if (steps <= 4 && (dwell || send) && WEAK_CUE_WORDS.has(t.low)) return 1;
      if (t.nl > 0 && !colon) return 0;
    }
    return 0;
  }

  /** "78282 Gislason Station as her street address": the address noun a few words after the street. */
  addressNounAfter(last: number): boolean {
    for (let k = last + 1; k <= last + 5 && this.same(k); k++) {
      const t = this.t(k)!;
      if (t.k === 'p' && SENTENCE_END.has(t.text)) return false;
      if (t.addressNoun) return true;
    }
    return false;
  }

  /** Tokens i..j hold a phone number, not a postal code: a run of three digit groups, or two with 7+ digits. */
  phoneLike(i: number, j: number): boolean {
    let groups = 0;
    let digits = 0;
    for (let k = i; k <= j; k++) {
      const t = this.t(k)!;
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
      if (comma && !line && this.word(k)) state.segments++;
      comma = false;
      last = k;
      if ((this.f(k) & F_NUMBER) === 0) digits = groups = 0;
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
      if (t.k === 'n' && POSTAL_NUMBER.test(t.text) && !YEAR_RANGE.test(t.text) && this.t(k + 1)?.unit !== true) {
        digits += t.text.replace(/\D/g, '').length;
        if (++groups > 1 && digits > 6 && !comma) return { last, stop: 'hard' };
        if (!comma && last >= p && this.word(last)) closed = true;
        if (t.text.length >= 4) state.postal = true;
        k = take(k);
        continue;
      }
      if (t.k === 'w' && POSTAL_WORD.test(t.text) && /\d/.test(t.text) && (this.cl(k) || t.text === t.text.toUpperCase())) {
        state.postal = true;
        if (!comma && last >= p && this.word(last)) closed = true;
        k = take(k);
        continue;
      }
      if (closed && t.k === 'w') return { last, stop: 'soft' };
      if (this.localityWord(k, free)) { k = take(k); continue; }
      // ", nan 37659", ", or 97201": after a comma, the word before a postal code (a state), or a
      // word ending the line.
      const u = this.t(k + 1);
      const postalNext = u !== undefined && u.k === 'n' && u.nl === 0 && u.text.length >= 4 && POSTAL_NUMBER.test(u.text);
      const code = t.text.length === 2 || !t.stop;
      if (comma && t.k === 'w' && code && !/\d/.test(t.text) && (postalNext || (!t.stop && !this.same(k + 1)))) { k = take(k); continue; }
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
    if (t.stop) return false;
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
    return { sec: state.sec, postal: state.postal, lines: state.lines, segments: state.segments, last, end: this.toks.end(last) };
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
    // "corner" is a word of Tok.opens: other tokens are passed over on their flags.
    if ((this.f(i) & F_OPENS) === 0 || !this.lowIs(i, 'corner') || !this.lowIs(i + 1, 'of')) return undefined;
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
    for (let i = 0; i < this.n; i++) {
      if (i < free) continue;
      // Every shape below (corner, core, a unit alone) starts at a number or a word; a word in cased
      // text that is not capitalised starts one only if it is a prefix type, a particle or one of the
      // openers of tokenize.ts (Tok.opens). Other tokens would find nothing: skip them unasked.
      const f = toks.flags(i);
      if ((f & (F_WORD | F_NUMBER)) === 0 || (f & (F_WORD | F_CAP | F_OPENS | F_CASELESS)) === F_WORD) continue;
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
      // Most streets without a type have no cue and nothing below them that makes a block (a unit, a
      // postal code): rejected as after growing, without growing them.
      if (c.needsSupport && cue < 2 && c.twoNumbers !== true && this.grows === 'needed' && !this.evidenceWithin(c.e)) continue;
      const g = this.grow(c);
      // Lines of capitalised words alone prove little (a list of names looks the same); a unit or a
      // postal code does.
      const solid = g.sec || g.postal;
      const block = g.sec || (g.lines >= 1 && g.postal) || (c.twoNumbers === true && g.segments >= 2);
      if (c.needsSupport && cue < 2 && !block) continue;
      // A name and a number after a cue ("move to Python 3") need a locality as well ("Strøget 12, København").
      if (c.rule === 'name-number' && !block && g.last === c.e) continue;
      if (c.yearLike && cue === 0 && !solid) continue;
      // "3 Power Stations": an everyday street type needs a cue, a unit, a postcode or a locality.
      // In text without case ("PS 5/5, TOL WELL, ETT 7") a locality after a comma proves nothing.
      if (c.everydayType && cue === 0 && !solid && (g.segments === 0 || this.cl(c.e)) && !this.addressNounAfter(g.last)) continue;
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
      const lastTok = this.t(g.last)!;
      let end = g.end;
      // An abbreviation dot stays ("Main St."); a sentence's full stop after "Calgary AB." does not.
      if (g.last !== c.e && lastTok.dot && !keepsDot(lastTok)) end--;
      yield { start: toks.start(h), end, score: Math.min(1, Math.round(score * 100) / 100), pattern: c.rule };
      free = g.last + 1;
    }
  }
}

function keepsDot(t: Tok): boolean {
  return t.suffix || t.prefix || t.secondary || t.direction || t.low.endsWith('str') || t.low.length === 1;
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
  // Read to the end here: the tokens are valid only until the next text is tokenized (tokenize.ts).
  const toks = tokenize(text);
  return mayHoldAddress(toks) ? [...new Scan(text, toks).find()] : [];
}

/**
 * Every shape tried at every token and every street grown, without the gate (gate.ts) or the shortcut
 * of TokenView.evidenceWithin: for tests that check both against it.
 */
export function _scanStreetAddresses(text: string): Iterable<Candidate> {
  return [...new Scan(text, tokenize(text), 'every').find()];
}
