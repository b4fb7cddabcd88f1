// STREET_ADDRESS finder: the street shapes that can start at a token ("221B Baker Street",
// "Rue du Centre 108", "Hauptstraße 5", and the weaker ones without a street type), strongest first.
import { AMBIGUOUS_PREFIX, JOINERS, MONTHS, NUMBERED_TYPES } from './words.js';
import type { Core } from './model.js';
import { GENERIC, PO_BOX, TYPED, WEAK } from './model.js';
import { TokenView } from './token-view.js';
import { F_OPENS, F_SECONDARY_ALONE } from './tokenize.js';

const SAINT = new Set(['st', 'ste', 'mt', 'ft', 'san', 'santa', 'são', 'saint', 'sankt']);
/** Particles that are also prepositions: a capitalised noun before them is not part of the street. */
const PREPOSITIONS = new Set(['an', 'am', 'im', 'auf', 'bei', 'zu', 'zum', 'zur', 'unter', 'op', 'aan', 'bij', 'te', 'na', 'w', 'z', 'u', 'pri', 'pod', 'nad', 'sur', 'sous', 'en', 'aux']);
/** "1999", "2011-2013": years, which open copyright lines and histories more often than addresses. */
const YEAR = /^(?:19|20)\d\d$/;

export class Shapes extends TokenView {
  /** Number, names, street type: "221B Baker Street", "1600 Pennsylvania Ave NW", "12 Joan Maetsuyckerstraat 15". */
  numberNameType(i: number): Core | undefined {
    // The street type or one-word street ends the names, which start at most three tokens on
    // (a second number or a comma, a direction) and run at most seven.
    if (this.nextType[i + 1]! > i + 9 || !this.isBuildingNumber(i)) return undefined;
    let j = i + 1;
    if (this.isBuildingNumber(j) && this.same(j)) j++;
    else if (this.t(j)?.text === ',' && this.same(j + 1)) j++; // "12, MG Road"
    if (this.isDirection(j)) j++;
    const first = this.t(j);
    if (first === undefined || !this.same(j)) return undefined;
    // "3 cats", "250 mg", "2 way street"; but "12 MG Road" (an initialism) is a street.
    if (first.unit && !(first.text.length > 1 && first.text === first.text.toUpperCase() && this.isSuffixType(j + 1))) return undefined;
    let names = 0;
    let last = -1;
    for (let k = j; k < j + 7 && this.same(k); k++) {
      // "St. John Street street": a lower-case type right after a type is prose, not the name.
      if (!this.cl(k) && !this.t(k)!.cap && this.isSuffixType(k - 1) && k > j) break;
      if (this.isCompound(k) || (this.isSuffixType(k) && names > 0)) last = k;
      if (this.isSuffixType(k) || this.isCompound(k) || this.isName(k) || this.isOrdinal(k) || (k === j && this.cappedStopBeforeName(k))) names++;
      else if (!(this.isParticle(k) && names > 0)) break;
    }
    if (last < 0) return undefined;
    let e = last;
    if (this.isDirection(e + 1)) e++;
    const house = this.houseAfter(e, false, this.t(last)!.low);
    return {
      s: i, e: house ?? e, rule: 'number-name-type', score: TYPED,
      ...(YEAR.test(this.t(i)!.text) ? { yearLike: true } : {}),
      ...(NUMBERED_TYPES.has(this.t(last)!.low) ? { everydayType: true } : {}),
    };
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
      else if (u.k === 'w' && !ambiguous && (t.cap || numberBefore) && names > 0 && !u.stop && !u.unit) { lower++; names++; last = k; }
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
    const starts = this.isName(i) || this.isCompound(i) || this.isOrdinal(i) || (this.isParticle(i) && !JOINERS.has(this.t(i)!.low) && this.isName(i + 1));
    if (!starts) return undefined;
    const maxNames = this.cl(i) ? 3 : 5;
    // The street type or one-word street must come within the names' reach.
    if (this.nextType[i]! > i + maxNames) return undefined;
    let names = 0;
    let last = -1;
    let particle = false;
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
    const everyday = NUMBERED_TYPES.has(type);
    if (house !== undefined) return { s: i, e: house, rule: 'name-type-number', score: TYPED, ...(everyday ? { everydayType: true } : {}) };
    // "Adams Station", "Willow Springs" without a number are as likely a place or a name.
    if (everyday) return undefined;
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
    if (this.t(j)?.unit === true || !this.same(j)) return undefined;
    let last = -1;
    let lower = 0;
    for (let k = j; k < j + 5 && this.same(k); k++) {
      const t = this.t(k)!;
      if (t.secondaryAlone) break;
      if (this.isName(k) || (t.dot && t.cap)) last = k;
      else if (t.k === 'w' && last >= 0 && lower === 0 && !t.stop && !t.unit && this.isHouseNumber(k + 1)) { lower++; last = k; }
      else if (!(this.isParticle(k) && last >= 0)) break;
    }
    if (last < 0) return undefined;
    const house = this.houseAfter(last, false, '');
    if (lower > 0 && house === undefined) return undefined;
    return { s: i, e: house ?? last, rule: 'number-name', score: GENERIC, needsSupport: true, ...(house !== undefined ? { twoNumbers: true } : {}) };
  }

  /** Names and a number without a street type ("Vesterbrogade" aside, "Strøget 12"): needs support. */
  nameNumber(i: number): Core | undefined {
    if (!this.isName(i) || (this.f(i) & F_SECONDARY_ALONE) !== 0) return undefined;
    // The house number comes at most five tokens on (two more names, "Nr", ":").
    if (this.nextNumber[i + 1]! > i + 5) return undefined;
    // "Apr 22, POD#2": a month and a day number are a date, not a street and its house number.
    if (MONTHS.has(this.t(i)!.low) && /^(?:0?[1-9]|[12]\d|3[01])$/.test(this.t(i + 1)?.text ?? '')) return undefined;
    for (let k = i; k < i + 3 && (k === i || this.same(k)); k++) {
      const house = this.houseAfter(k, false, '');
      if (house !== undefined && !YEAR.test(this.t(house)!.text)) return { s: i, e: house, rule: 'name-number', score: GENERIC, needsSupport: true };
      if (this.t(k + 1)?.secondaryAlone === true) return undefined;
      if (!this.isName(k + 1) && !(this.isParticle(k + 1) && this.isName(k + 2))) return undefined;
    }
    return undefined;
  }

  /**
   * A capitalised function word opening a street name after its number ("1262 Will Rest", "5 The
   * Avenue"): a name only when a name or a street type follows it on the line.
   */
  cappedStopBeforeName(k: number): boolean {
    const t = this.t(k)!;
    return t.k === 'w' && t.cap && !this.cl(k) && t.text.length > 1 && !/\d/.test(t.text) && this.same(k + 1) && (this.isName(k + 1) || this.isSuffixType(k + 1));
  }

  /** The street shapes that can start at token i, strongest first. */
  core(i: number): Core | undefined {
    // A military address and a P.O. box open with one of the words of Tok.opens ("PSC", "USS", "PO").
    if ((this.f(i) & F_OPENS) !== 0) {
      const mil = this.militaryAt(i);
      if (mil) return mil;
      const box = this.poBoxAt(i);
      if (box >= 0) return { s: i, e: box, rule: 'po-box', score: PO_BOX };
    }
    if (this.isBuildingNumber(i)) {
      const n = this.numberNameType(i);
      if (n) return n;
      const next = this.t(i + 1)?.text === ',' ? i + 2 : i + 1;
      if (this.isPrefixType(next)) return this.typeNameNumber(next) ?? this.numberNames(i);
      return this.numberNames(i);
    }
    return this.typeNameNumber(i) ?? this.nameTypeNumber(i) ?? this.nameNumber(i);
  }

}
