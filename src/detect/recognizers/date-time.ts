// DATE_TIME: calendar dates and clock times — ISO 8601 dates and timestamps, numeric m/d/y and d.m.y,
// month-name dates ("March 3, 2021", "3rd of March", "Mar 2021"), weekday names and times ("10:30 am").
// Scores are moderate: dates are identifying only in combination. A range validator drops impossible
// months, days and hours; version strings (v1.2.2021) are denied.
import type { Recognizer, Validator } from '../types.js';

/** Month names and abbreviations; shared with date-of-birth.ts. */
const MONTH_WORD = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
export const MONTH = `${MONTH_WORD}\\.?`;
const ORD = '(?:st|nd|rd|th)?';
/** Regex sources for the date shapes, without anchors or lookarounds; shared with date-of-birth.ts. */
export const DATE_SOURCES = {
  iso: '\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])',
  numericSlash: '(?:0?[1-9]|[12]\\d|3[01])/(?:0?[1-9]|[12]\\d|3[01])/(?:\\d{4}|\\d{2})',
  numericDash: '(?:0?[1-9]|[12]\\d|3[01])-(?:0?[1-9]|[12]\\d|3[01])-(?:\\d{4}|\\d{2})',
  numericDot: '(?:0?[1-9]|[12]\\d|3[01])\\.(?:0?[1-9]|[12]\\d|3[01])\\.\\d{4}',
  monthDay: `${MONTH}\\s{1,2}(?:0?[1-9]|[12]\\d|3[01])${ORD}(?:,?\\s{1,2}\\d{4})?`,
  // A period after a month that ends the date ends the sentence ("seen on 6 Apr."): left out.
  dayMonth: `(?:0?[1-9]|[12]\\d|3[01])${ORD}\\s{1,2}(?:of\\s{1,2})?${MONTH_WORD}(?:\\.?,?\\s{1,2}\\d{4})?`,
} as const;

/** No word, number or clock time goes on after a date ("4 Jul 18:18" holds no "Jul 18"). */
const END = '(?![\\w/.-]\\w|:\\d|\\w)';
const START = '(?<![\\w/.-])';

function re(body: string, flags = ''): RegExp {
  return new RegExp(`${START}${body}${END}`, flags);
}

/** Drops numeric dates whose fields cannot be a month and a day in either order. */
const dateRange: Validator = {
  name: 'date-range',
  validate(m) {
    const n = /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}$/.exec(m);
    if (n === null) return 'unknown';
    const [a, b] = [Number(n[1]), Number(n[2])];
    return (a >= 1 && a <= 12 && b >= 1 && b <= 31) || (b >= 1 && b <= 12 && a >= 1 && a <= 31) ? 'unknown' : 'invalid';
  },
};

/** Month/day without a year, either order by the numbers ("8/28", "28/8", "10/3"). */
const MONTH_DAY = '(?:(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\\d|3[01])|(?:1[3-9]|2\\d|3[01])/(?:0?[1-9]|1[0-2]))';
/**
 * Clinical events that notes date right after their word ("line placed 5-27", "foley changed 3-11",
 * "last BM 5-22", "drain removed 4/2"): the verbs of lines, tubes, drains and drugs, and the bowel movement.
 */
const EVENT_CUE = '(?:placed|inserted|removed|pulled|changed|replaced|exchanged|stopped|held|resumed|discontinued|d/c\'d|dc\'d|drawn|performed|diagnosed|dx\'d|bm)';
/**
 * Labels of a note's date fields, before a colon or a dash ("OR: 11-28", "COMPARISON: 10-16",
 * "Date of surgery: 3-27", "Discharge date - 8-19"): the field names what its value is.
 */
const DATE_LABEL = '(?:or|comparison|surgery|procedure|operation|op|date|dod|dor)\\s{0,2}(?::|\\s-)';
/** Words that introduce a date in notes and messages: what follows a cue is a date, not a ratio. */
const DATE_CUE = '(?:on|since|from|until|till|thru|through|by|dated?|last|next|before|after|starting|started|effective|due|as\\s+of|admitted|admit|adm|admission|arrival|arrived|discharged?|d/c|extubated|intubated|transferred|seen|scheduled|born|dob|doa|dos|between|' + EVENT_CUE + ')';
/**
 * A cue, or a label of one ("DISCHARGE DATE: 12/12", "Admission: 3/4", "DOS: 5/6"): a form's field
 * names what its value is, so the value is a date, not a ratio.
 */
const CUE_THEN = `\\b(?:${DATE_CUE}:?|${DATE_LABEL})\\s{1,3}`;
/** A date cue right before a match (compiled once; no `g`, so it keeps no state between texts). */
const CUE_BEFORE = new RegExp(`${CUE_THEN}$`, 'i');
/** Before a bare month/day: the fraction or ratio readings of "5/5", "4/10", "1/2" (strength, pain, PEEP...). */
const RATIO_BEFORE = /(?:\b(?:ps|peep|cpap|bipap|pain|strength|power|grip|motor|gcs|score|ratio|bp|rr|hr|sats?|abg|vent|settings?|rate|dose|take|takes|took|x|q|of|about|approx|scale|rated|graded?)\s{0,3}|[+-]|\d\s{0,2})$/i;
/** After a bare month/day: units, another fraction part, or a scale ("1/2 tab", "5/5 strength", "4/10 pain"). */
const RATIO_AFTER = /^(?:\s{0,2}(?:mg|mcg|g|ml|cc|l|u|units?|tabs?|tablets?|caps?|strength|pain|power|ns|nc|lpm|cm|mm|inch|in|cup|dose|pt|pts|points?|scale|bilat|b\/l|throughout|x\d)\b|\/|\s?(?:%|mmhg))/i;
/** After a year-less month and day: what makes it a range, a count or a dose ("2-3 times", "1-2 tabs", "3-4x"). */
const COUNT_AFTER = /^(?:\s{0,2}(?:times|x|tabs?|tablets?|caps?|puffs?|drops?|mg|mcg|g|ml|cc|l|units?|doses?|days|weeks?|wks?|months?|mos?|years?|yrs?|hours?|hrs?|minutes?|mins?|episodes?|beats?|cm|mm|kg|lbs?)\b|x\d|\s?%|\/)/i;
const COMMON_FRACTIONS = new Set(['1/2', '1/3', '1/4', '2/3', '3/4', '1/8']);
/**
 * Prefilters (PatternRule.requires): what every match of a pattern contains. The engine answers each
 * distinct one once per text, and most texts then skip the patterns whose lookbehind would otherwise
 * be tried at every position. test/unit/detect/prefilters.test.ts checks them on every match.
 */
const HAS_MONTH = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;
const HAS_CLOCK = /\d:\d/;
const HAS_AMPM = /[ap]\.?m/i;

export const dateTimeRecognizer: Recognizer = {
  id: 'date-time',
  entity: 'DATE_TIME',
  patterns: [
    { name: 'iso-timestamp', regex: re(`${DATE_SOURCES.iso}[T ](?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:[.,]\\d{1,9})?)?(?:Z|[+-](?:[01]\\d|2[0-3]):?[0-5]\\d)?`), score: 0.85, digits: 4 },
    // Log timestamps: syslog ("Mar  5 12:34:56"), access logs ("05/Mar/2024:12:34:56 +0000"), and
    // day-month-year with a clock ("06 Jan 2022 09:59:08.150").
    { name: 'syslog-timestamp', regex: re(`${MONTH}\\s{1,2}(?:0?[1-9]|[12]\\d|3[01])\\s(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d`), score: 0.85, requires: /\d:\d/, digits: 2 },
    { name: 'access-log-timestamp', regex: re(`(?:0?[1-9]|[12]\\d|3[01])/${MONTH}/\\d{4}:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\s[+-]\\d{4})?`), score: 0.85, requires: /\d:\d/, digits: 4 },
    { name: 'day-month-year-time', regex: re(`(?:0?[1-9]|[12]\\d|3[01])\\s${MONTH}\\s\\d{4}\\s(?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:[.,]\\d{1,6})?)?`), score: 0.85, requires: /\d:\d/, digits: 4 },
    { name: 'iso-date', regex: re(DATE_SOURCES.iso), score: 0.6, digits: 4 },
    { name: 'numeric-slash', regex: re(DATE_SOURCES.numericSlash), score: 0.6, digits: 2 },
    { name: 'numeric-dash', regex: re(DATE_SOURCES.numericDash), score: 0.5, digits: 2 },
    { name: 'numeric-dot', regex: re(DATE_SOURCES.numericDot), score: 0.5, digits: 4 },
    { name: 'month-day', regex: re(DATE_SOURCES.monthDay, 'i'), score: 0.6, requires: HAS_MONTH, digits: 1 },
    { name: 'day-month', regex: re(DATE_SOURCES.dayMonth, 'i'), score: 0.6, requires: HAS_MONTH, digits: 1 },
    // Day-month with a dash, as spreadsheets and EHR exports write it ("19-Jul", "6-DEC", "3-Mar-21").
    { name: 'day-month-dash', regex: re(`(?:0?[1-9]|[12]\\d|3[01])-${MONTH_WORD}(?:-(?:\\d{4}|\\d{2}))?`, 'i'), score: 0.6, requires: HAS_MONTH, digits: 1 },
    { name: 'month-year', regex: re(`${MONTH}\\s{1,2}(?:1[6-9]|20)\\d{2}`, 'i'), score: 0.55, requires: HAS_MONTH, digits: 4 },
    // A year or a month alone is a date only after a word that introduces one ("in 2015", "since August").
    { name: 'year-after-preposition', regex: /\b(?:[Ii]n|[Ss]ince|[Ff]rom|[Uu]ntil|[Dd]uring|[Bb]y|[Oo]f|[Cc]irca|[Bb]efore|[Aa]fter) (?<v>(?:19|20)\d{2})(?![\d/.:-]\d|\d|%| ?(?:mg|ml|kg|g|units?|people|patients|dollars|usd|eur)\b)/, score: 0.6, requires: / (?:19|20)\d\d/, digits: 4 },
    { name: 'month-after-preposition', regex: /\b(?:[Ii]n|[Ss]ince|[Ff]rom|[Uu]ntil|[Dd]uring|[Bb]y|[Ll]ast|[Nn]ext|[Ee]arly|[Ll]ate|[Mm]id) (?<v>January|February|March|April|May|June|July|August|September|October|November|December)\b/, score: 0.55, requires: /(?:uary|March|April|May|June|July|August|ember|October)\b/ },
    // Month/day without a year: after a word that introduces a date, or alone when nothing around it
    // reads as a ratio, a score or a dose ("on 8/28", "since 10/3", "CT 9/12 neg" vs "5/5 strength").
    { name: 'numeric-month-day-cued', regex: new RegExp(`${CUE_THEN}(?<v>${MONTH_DAY}|(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\\d|3[01]))(?![\\w/-]|[.,]\\d)`, 'i'), score: 0.7, requires: /\d[/-]\d/, digits: 1 },
    // A procedure dated after s/p or underwent ("s/p Whipple 2-16", "S/P ROUX-EN-Y GASTRIC BYPASS 4-19").
    { name: 'numeric-month-day-procedure', regex: new RegExp(`\\b(?:s/p|status\\s+post|underwent)\\s{1,3}(?:[a-z][\\w'-]{0,30}\\s{1,3}){1,4}(?<v>${MONTH_DAY}|(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\\d|3[01]))(?![\\w/-]|[.,]\\d)`, 'i'), score: 0.7, requires: /\d[/-]\d/, digits: 1 },
    { name: 'numeric-month-day', regex: new RegExp(`(?<![\\w/.:+-])${MONTH_DAY}(?![\\w/-]|[.,]\\d)`), score: 0.5, requires: /\d\/\d/, digits: 1 },
    { name: 'weekday', regex: /\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b/, score: 0.5 },
    { name: 'time', regex: /(?<![\w:.])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s?(?:[ap]\.m\.|[ap]m\b))?(?![\w:]|\.\d)/i, score: 0.5, requires: HAS_CLOCK, digits: 2 },
    { name: 'hour-ampm', regex: /(?<![\w:.])(?:1[0-2]|0?[1-9])\s?(?:[ap]\.m\.|[ap]m\b)/i, score: 0.55, requires: HAS_AMPM, digits: 1 },
  ],
  context: ['date', 'time', 'day', 'scheduled', 'appointment', 'when', 'dated', 'on', 'at'],
  validator: dateRange,
  deny(text, start, end) {
    if (/(?:\bv|\bversion\s{0,3})$/i.test(text.slice(Math.max(0, start - 10), start))) return 'version string';
    const m = text.slice(start, end);
    // A month and a day without a year, cued or not, is no date before a count or a unit ("2-3 times", "10-16 mg").
    if (/^\d{1,2}[/-]\d{1,2}$/.test(m) && COUNT_AFTER.test(text.slice(end, end + 12))) return 'a range or a dose';
    if (/^\d{1,2}\/\d{1,2}$/.test(m) && !CUE_BEFORE.test(text.slice(Math.max(0, start - 16), start))) {
      const [a, b] = m.split('/');
      if (a === b || COMMON_FRACTIONS.has(m)) return 'a ratio or fraction';
      if (RATIO_BEFORE.test(text.slice(Math.max(0, start - 12), start)) || RATIO_AFTER.test(text.slice(end, end + 12))) return 'a ratio, score or dose';
      if (b === '10' && /\bpain\b|\/10\b/i.test(text.slice(Math.max(0, start - 40), end + 20))) return 'a score out of 10';
    }
    return undefined;
  },
};
