// DATE_TIME: calendar dates and clock times — ISO 8601 dates and timestamps, numeric m/d/y and d.m.y,
// month-name dates ("March 3, 2021", "3rd of March", "Mar 2021"), weekday names and times ("10:30 am").
// Scores are moderate: dates are identifying only in combination. A range validator drops impossible
// months, days and hours; version strings (v1.2.2021) are denied.
import type { Recognizer, Validator } from '../types.js';

/** Month names and abbreviations; shared with date-of-birth.ts. */
export const MONTH = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const ORD = '(?:st|nd|rd|th)?';
/** Regex sources for the date shapes, without anchors or lookarounds; shared with date-of-birth.ts. */
export const DATE_SOURCES = {
  iso: '\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])',
  numericSlash: '(?:0?[1-9]|[12]\\d|3[01])/(?:0?[1-9]|[12]\\d|3[01])/(?:\\d{4}|\\d{2})',
  numericDash: '(?:0?[1-9]|[12]\\d|3[01])-(?:0?[1-9]|[12]\\d|3[01])-(?:\\d{4}|\\d{2})',
  numericDot: '(?:0?[1-9]|[12]\\d|3[01])\\.(?:0?[1-9]|[12]\\d|3[01])\\.\\d{4}',
  monthDay: `${MONTH}\\s{1,2}(?:0?[1-9]|[12]\\d|3[01])${ORD}(?:,?\\s{1,2}\\d{4})?`,
  dayMonth: `(?:0?[1-9]|[12]\\d|3[01])${ORD}\\s{1,2}(?:of\\s{1,2})?${MONTH}(?:,?\\s{1,2}\\d{4})?`,
} as const;

const END = '(?![\\w/.-]\\w|\\w)';
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

export const dateTimeRecognizer: Recognizer = {
  id: 'date-time',
  entity: 'DATE_TIME',
  patterns: [
    { name: 'iso-timestamp', regex: re(`${DATE_SOURCES.iso}[T ](?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:[.,]\\d{1,9})?)?(?:Z|[+-](?:[01]\\d|2[0-3]):?[0-5]\\d)?`), score: 0.85, requires: /\d/ },
    { name: 'iso-date', regex: re(DATE_SOURCES.iso), score: 0.6, requires: /\d/ },
    { name: 'numeric-slash', regex: re(DATE_SOURCES.numericSlash), score: 0.6, requires: /\d/ },
    { name: 'numeric-dash', regex: re(DATE_SOURCES.numericDash), score: 0.5, requires: /\d/ },
    { name: 'numeric-dot', regex: re(DATE_SOURCES.numericDot), score: 0.5, requires: /\d/ },
    { name: 'month-day', regex: re(DATE_SOURCES.monthDay, 'i'), score: 0.6, requires: /\d/ },
    { name: 'day-month', regex: re(DATE_SOURCES.dayMonth, 'i'), score: 0.6, requires: /\d/ },
    { name: 'month-year', regex: re(`${MONTH}\\s{1,2}(?:1[6-9]|20)\\d{2}`, 'i'), score: 0.55, requires: /\d/ },
    // A year or a month alone is a date only after a word that introduces one ("in 2015", "since August").
    { name: 'year-after-preposition', regex: /\b(?:[Ii]n|[Ss]ince|[Ff]rom|[Uu]ntil|[Dd]uring|[Bb]y|[Oo]f|[Cc]irca|[Bb]efore|[Aa]fter) (?<v>(?:19|20)\d{2})(?![\d/.:-]\d|\d|%| ?(?:mg|ml|kg|g|units?|people|patients|dollars|usd|eur)\b)/, score: 0.6, requires: /\d/ },
    { name: 'month-after-preposition', regex: /\b(?:[Ii]n|[Ss]ince|[Ff]rom|[Uu]ntil|[Dd]uring|[Bb]y|[Ll]ast|[Nn]ext|[Ee]arly|[Ll]ate|[Mm]id) (?<v>January|February|March|April|May|June|July|August|September|October|November|December)\b/, score: 0.55, requires: /(?:uary|March|April|May|June|July|August|ember|October)\b/ },
    { name: 'weekday', regex: /\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b/, score: 0.5 },
    { name: 'time', regex: /(?<![\w:.])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s?(?:[ap]\.m\.|[ap]m\b))?(?![\w:]|\.\d)/i, score: 0.5, requires: /\d/ },
    { name: 'hour-ampm', regex: /(?<![\w:.])(?:1[0-2]|0?[1-9])\s?(?:[ap]\.m\.|[ap]m\b)/i, score: 0.55, requires: /\d/ },
  ],
  context: ['date', 'time', 'day', 'scheduled', 'appointment', 'when', 'dated', 'on', 'at'],
  validator: dateRange,
  deny: (text, start) => (/(?:\bv|\bversion\s{0,3})$/i.test(text.slice(Math.max(0, start - 10), start)) ? 'version string' : undefined),
};
