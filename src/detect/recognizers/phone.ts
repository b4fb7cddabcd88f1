// PHONE_NUMBER: a permissive candidate pattern (digit groups with spaces, dots, hyphens, brackets,
// an optional +country code and extension) and libphonenumber-js (Google's metadata) to judge it.
// Valid for its region → high score; merely possible → low score that needs a context word;
// impossible → dropped. Dates, year ranges and ISO timestamps are denied before the validator runs.
import { getCountries, getCountryCallingCode, Metadata, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Recognizer, Validator } from '../types.js';

/** Numbers without a +country code are read as US numbers. */
const DEFAULT_COUNTRY = 'US';

const DATE_SHAPES = [
  /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/, // 2021-03-04
  /^\d{1,2}[-/.]\d{1,2}[-/.]\d{2}(?:\d{2})?$/, // 03/04/2021, 4.3.21
  /^\d{4}\s?[-–]\s?\d{2}(?:\d{2})?$/, // 2019-2020, 2019-20
  /^(?:19|20)\d{2}\.\d{1,2}\.\d{1,6}$/, // 2024.12.3456: a calendar version or build number (year.month-or-week.build)
];
/** Shapes of other entities that the phone candidate pattern also takes in. */
const OTHER_SHAPES = [
  /^\d{1,3}(?:\.\d{1,3}){3}$/, // IPv4 address
  /^\d{3}-\d{2}-\d{4}$/, // US SSN / ITIN layout
  /^\d{4}(?:[ -]\d{4}){3}$/, // 16-digit card in groups of four
];

/** Two to five groups of 2-8 digits, one kind of separator, an optional (area) or leading 0/00. */
const PHONE_SHAPE = /^(?:\+?\d{1,3}[ .-]?)?(?:\(\d{1,4}\)\s?)?\d{2,8}(?:([ .-])\d{2,8}){0,1}(?:\1\d{2,8}){0,3}$/;

const NANP_LAYOUT = /^(?:\(\d{3}\) ?\d{3}-\d{4}|\d{3}\/\d{3}-\d{4}|\d{3}-\d{3}-\d{4}|\d{3}\.\d{3}\.\d{4}|\+1([ .-])\d{3}\1\d{3}\1\d{4})$/;

/** See phoneValidator: a first group of four digits, a shape no US number is written in. */
const US_FOUR_FIRST = /^[2-9]\d{3}[ .\-/]/;

/** See phoneValidator: bare digit strings that can be no US number and no national grouping. */
const BARE_8_9 = /^[2-9]\d{7,8}$/;

/**
 * The only 7-digit numbers of calling code 1 that libphonenumber can find valid or possible: parsing
 * assigns a number of that code to one of its countries (by leading digits, or by the country's
 * national-number pattern, else the default one), and a 7-digit number is neither valid nor possible
 * in a country whose possible lengths leave out 7 (a type's lengths are a subset of its country's).
 * So for each country of code 1 that does number 7 digits (Canada's 310-xxxx today) its pattern,
 * and its leading digits if it has them: a 7-digit number matching none is answered without parsing.
 * Read from the metadata libphonenumber parses with, so a metadata update moves both together.
 */
const SEVEN_DIGIT_PLANS: readonly RegExp[] = sevenDigitPlans();

function sevenDigitPlans(): RegExp[] {
  const metadata = new Metadata();
  const out: RegExp[] = [];
  for (const country of getCountries()) {
    if (getCountryCallingCode(country) !== '1') continue;
    metadata.selectNumberingPlan(country);
    // nationalNumberPattern() is part of libphonenumber-js's NumberingPlan, not of its typings.
    const plan = metadata.numberingPlan as (NonNullable<Metadata['numberingPlan']> & { nationalNumberPattern(): string }) | undefined;
    if (plan === undefined || !plan.possibleLengths().includes(7)) continue;
    out.push(new RegExp(`^(?:${plan.nationalNumberPattern()})$`));
    const leading = plan.leadingDigits();
    if (leading !== undefined && leading !== '') out.push(new RegExp(`^(?:${leading})`));
  }
  return out;
}

/** The ASCII digits of `s`, in order. */
function digitsOf(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) out += s[i];
  }
  return out;
}

function digitCount(s: string): number {
  let n = 0;
  for (const c of s) if (c >= '0' && c <= '9') n++;
  return n;
}

/** True when the first digit of `s` is 2-9. */
function firstDigitFrom2(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return c >= 50;
  }
  return false;
}

/** A number libphonenumber does not take: 'unknown' in a national grouping people write, else 'invalid'. */
function nationalGrouping(main: string): 'unknown' | 'invalid' {
  const national = main.trim();
  return /[ .()-]/.test(national) && PHONE_SHAPE.test(national) ? 'unknown' : 'invalid';
}

export const phoneValidator: Validator = {
  name: 'libphonenumber',
  validate(match) {
    const main = match.split(/\s{0,2}(?:x|ext\.?|extension)\s{0,2}/i)[0] ?? match;
    const digits = digitCount(main);
    if (digits < 7 || digits > 15) return 'invalid';
    // The North American layout, (212) 555-0100, 212-555-0100 or +1 212 555 0100 with one kind of separator, is a
    // phone number whatever its area code: fictional and surrogate numbers keep the layout. Tested
    // before parsing, which gives the same answer for it and is the costliest step of detection on notes.
    if (NANP_LAYOUT.test(match.trim())) return 'valid';
    // Eight or nine bare digits not starting with 0 or 1 (record and order numbers, most of what the
    // candidate pattern meets in notes) are never a US number: no international prefix (011) or
    // trunk prefix (1) to strip, and US national numbers have 10 digits (7 dialled locally), so
    // libphonenumber finds them neither valid nor possible, and without a separator they are no
    // foreign national grouping either. Answered here, as parsing would, without parsing.
    if (BARE_8_9.test(match)) return 'invalid';
    // More generally, without '+' or an extension and with a first digit 2-9 (no 011 or 1 prefix to
    // strip), the national number is every digit of the match, and every country of calling code 1
    // numbers 10 digits (or 7, 3xxxxxx): any other count is neither valid nor possible, so parsing
    // would end in the national-grouping test below. Skipped here ("555 12345", "20-4418-2290-331").
    if (digits !== 10 && main.length === match.length && !match.includes('+') && firstDigitFrom2(match)) {
      if (digits !== 7) return nationalGrouping(main);
      // Seven digits: valid or possible only in a country of code 1 that numbers 7 digits (see
      // SEVEN_DIGIT_PLANS); "555-0199" and "4417302" in notes are neither, and parsing them was
      // most of libphonenumber's time on short texts.
      const national = digitsOf(match);
      if (!SEVEN_DIGIT_PLANS.some((re) => re.test(national))) return nationalGrouping(main);
    }
    // Ten digits read as a US number, but grouped with four digits first ("2025-001234", an invoice
    // number; "2024.12.3456", a build): no US number is written so (area codes have three digits), so
    // the shape is at most some other country's national grouping, which needs a context word.
    if (digits === 10 && !match.includes('+') && US_FOUR_FIRST.test(main.trim())) return nationalGrouping(main);
    const parsed = parsePhoneNumberFromString(match, { defaultCountry: DEFAULT_COUNTRY, extract: false });
    // A North American number is dialled in ten digits, or eleven with the trunk prefix 1; more digits
    // without a '+' read as one ("114382210619", a UPC-A) are some other number, at most a national grouping.
    if (parsed !== undefined && parsed.countryCallingCode === '1' && digits > 11 && !match.includes('+')) return nationalGrouping(main);
    if (parsed?.isValid() === true) return 'valid';
    if (parsed?.isPossible() === true) return 'unknown';
    // Not a US number and no +country code: a national number of some other country keeps the
    // grouping people write phones in ("089 72 63 41", "06-10446904", "(85) 5986-8343"). Such a
    // shape stays a weak candidate that needs a context word; anything else is dropped.
    return nationalGrouping(main);
  },
};

export const phoneRecognizer: Recognizer = {
  id: 'phone',
  entity: 'PHONE_NUMBER',
  patterns: [{
    name: 'candidate',
    // Optional '+cc' or '(area)', then 6-21 digits/separators ending on a digit, then an extension.
    regex: /(?<![\w+.\-/:])(?:\+\d{1,3}[ .-]?|\(\d{1,4}\)[ .-]?)?\d[\d .()-]{5,21}\d(?:\s{0,2}(?:x|ext\.?|extension)\s{0,2}\d{1,6})?(?![\w/:]|-[\d/]|[.,]\d)/,
    score: 0.4,
    digits: 1,
  }, {
    // A local number after the sign that labels one ("her # 858-4181", "cell# 472-6272", "pager #
    // 331-0918"): seven digits with a dash are a phone there whatever plan they belong to.
    name: 'local-after-number-sign',
    regex: /\b(?:his|her|their|my|our|cell|home|work|mobile|pager|beeper|phone|tel|contact|callback|call\s?back)\s?#\s{0,2}(?<v>[2-9]\d{2}-\d{4})(?![\w/-]|[.,]\d)/i,
    score: 0.6,
    requires: /#/,
    digits: 4,
  }, {
    // A North American number that ends a sentence before another number ("cm 604.650.9450. 0520
    // cam-icu neg", a time): the candidate pattern takes ". 0520" in as one more group, and the run of
    // 14 digits is no phone, so the number was lost.
    name: 'nanp-before-sentence-end',
    regex: /(?<![\w+.\-/:])(?:\(\d{3}\) ?\d{3}-|\d{3}-\d{3}-|\d{3}\.\d{3}\.)\d{4}(?=\.\s{1,2}\d)/,
    score: 0.4,
    digits: 4,
  }, {
    // A local number after the word that names whose or what line it is, as notes write it without a
    // sign ("pager 726-4454", "READING ROOM 970-5518", "fax 890-3045", "updated @ 827-4206", "CM 563-0292",
    // cm: case manager, a unit follows its number and never comes before it).
    name: 'local-after-cue',
    regex: /\b(?:pager|beeper|reading\s?room|fax|cell|phone|tel|office|callback|call\s?back|cm|updated\s(?:@|at)|reached\sat|call\sat)[:\s]\s{0,2}(?<v>[2-9]\d{2}-\d{4})(?![\w/-]|[.,]\d)/i,
    score: 0.6,
    requires: /\d-\d{4}/,
    digits: 4,
  }, {
    // Area code, slash, local number ("fax 274/503-3769", "@ 466/460-3865"): a North American layout
    // of forms and notes that the candidate pattern, which stops at a slash (dates, ratios), leaves out.
    name: 'area-slash-local',
    regex: /(?<![\w/.:+-])[2-9]\d{2}\/[2-9]\d{2}-\d{4}(?![\w/-]|[.,]\d)/,
    score: 0.6,
    requires: /\//,
    digits: 4,
  }],
  context: ['phone', 'telephone', 'tel', 'call', 'calling', 'mobile', 'cell', 'fax', 'number', 'contact', 'reach', 'dial', 'whatsapp', 'sms', 'text', 'office', 'answering', 'landline', 'ring', 'voicemail'],
  validator: phoneValidator,
  validScore: 0.75,
  deny(text, start, end) {
    const m = text.slice(start, end);
    if (DATE_SHAPES.some((re) => re.test(m))) return 'date or year range';
    if (OTHER_SHAPES.some((re) => re.test(m))) return 'shape of an IP address, SSN or card';
    if (/^\d{4}-\d{2}-\d{2}/.test(m) && /^[T ]\d{2}:/.test(text.slice(end, end + 4))) return 'ISO timestamp';
    if (/(?:\bv|\bversion\s{0,3})$/i.test(text.slice(Math.max(0, start - 10), start))) return 'version string';
    return undefined;
  },
};
