// Calendar dates as the operators accept them. Each written form is a row of DATE_FORMATS: ISO 8601
// `YYYY-MM-DD` (optionally followed by a time, kept as is), numeric day-month-year forms with `/`, `.`
// or `-`, and English month names ("17 Mar 1984", "March 17, 1984"). A column names its form with the
// operators' `format` param; `auto` (the default) reads every form whose order is unambiguous, and
// slashes month first (US). Pure parsing, no time zones: a date is a (year, month, day) triple,
// validated against the Gregorian calendar, and rebuilt in the form it was read in.

export interface ParsedDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** Rebuilds a string in the input's format (padding, separators, month-name style, time suffix) for another date. */
  readonly format: (year: number, month: number, day: number) => string;
}

/** The written forms a column of dates can be declared in (the operators' `format` param). */
export const DATE_FORMATS = ['YYYY-MM-DD', 'MM/DD/YYYY', 'DD/MM/YYYY', 'DD.MM.YYYY', 'DD-MM-YYYY', 'MM-DD-YYYY', 'YYYY/MM/DD', 'YYYY.MM.DD', 'D MMM YYYY', 'MMM D, YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];
/** `auto`, or one named form. */
export type DateFormatParam = 'auto' | DateFormat;
export const DATE_FORMAT_PARAMS: readonly DateFormatParam[] = ['auto', ...DATE_FORMATS];

/** The forms `auto` reads, in order: no two of them read one string differently. */
const AUTO: readonly DateFormat[] = ['YYYY-MM-DD', 'MM/DD/YYYY', 'DD.MM.YYYY', 'YYYY/MM/DD', 'YYYY.MM.DD', 'D MMM YYYY', 'MMM D, YYYY'];

// A clock time after a numeric date ("17.03.1984 08:15", "3/7/1984 8:15:00 PM"), kept as is.
const TIME = '((?: \\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?: ?[AaPp][Mm])?)?)';
const ISO = /^(\d{4})-(\d{2})-(\d{2})((?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?)$/;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'] as const;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function valid(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

/** A numeric form: its pattern (three groups of digits and a time suffix) and the order of the groups. */
function numeric(re: RegExp, order: 'ymd' | 'mdy' | 'dmy', sep: string): (value: string) => ParsedDate | undefined {
  return (value) => {
    const m = re.exec(value);
    if (m === null) return undefined;
    const parts = [m[1]!, m[2]!, m[3]!];
    const at = (c: 'y' | 'm' | 'd'): string => parts[order.indexOf(c)]!;
    const [year, month, day] = [Number(at('y')), Number(at('m')), Number(at('d'))];
    if (!valid(year, month, day)) return undefined;
    const width = { y: 4, m: at('m').length, d: at('d').length };
    const rest = m[4]!;
    return {
      year, month, day,
      format: (y, mo, d) => [...order].map((c) => pad(c === 'y' ? y : c === 'm' ? mo : d, width[c as 'y' | 'm' | 'd'])).join(sep) + rest,
    };
  };
}

/** The month named by an English word ("Mar", "march", "Sept."), 1–12, or 0. */
function monthOf(word: string): number {
  const w = word.toLowerCase();
  if (w.length < 3) return 0;
  const i = MONTHS.findIndex((m) => m === w || (w.length === 3 && m.startsWith(w)) || (w === 'sept' && m === 'september'));
  return i + 1;
}

/** The month's name written as `sample` was: abbreviated or not, and in its casing. */
function monthName(month: number, sample: string): string {
  const full = MONTHS[month - 1]!;
  const name = sample.length === 3 ? full.slice(0, 3) : sample.toLowerCase() === 'sept' ? (month === 9 ? 'sept' : full) : full;
  if (sample === sample.toUpperCase()) return name.toUpperCase();
  if (sample === sample.toLowerCase()) return name;
  return name[0]!.toUpperCase() + name.slice(1);
}

function named(order: 'dmy' | 'mdy'): (value: string) => ParsedDate | undefined {
  // "17 Mar 1984", "17-Mar-1984", "17 March 1984" | "Mar 17, 1984", "March 17 1984", "Sept. 3, 2001".
  const re = order === 'dmy' ? /^(\d{1,2})([ -])([A-Za-z]{3,9})(\.?)\2(\d{4})$/ : /^([A-Za-z]{3,9})(\.?) (\d{1,2})(,?) (\d{4})$/;
  return (value) => {
    const m = re.exec(value);
    if (m === null) return undefined;
    const [dayText, word, year] = order === 'dmy' ? [m[1]!, m[3]!, Number(m[5])] : [m[3]!, m[1]!, Number(m[5])];
    const month = monthOf(word);
    const day = Number(dayText);
    if (month === 0 || !valid(year, month, day)) return undefined;
    const dw = dayText.length;
    return {
      year, month, day,
      format: order === 'dmy'
        ? (y, mo, d) => `${pad(d, dw)}${m[2]}${monthName(mo, word)}${m[4]}${m[2]}${pad(y, 4)}`
        : (y, mo, d) => `${monthName(mo, word)}${m[2]} ${pad(d, dw)}${m[4]} ${pad(y, 4)}`,
    };
  };
}

/** One parser per form: the table DATE_FORMATS names. */
const PARSERS: Readonly<Record<DateFormat, (value: string) => ParsedDate | undefined>> = {
  'YYYY-MM-DD': (value) => {
    const m = ISO.exec(value);
    if (m === null) return undefined;
    const [year, month, day, rest] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4]!];
    if (!valid(year, month, day)) return undefined;
    return { year, month, day, format: (y, mo, d) => `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}${rest}` };
  },
  'MM/DD/YYYY': numeric(new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{4})${TIME}$`), 'mdy', '/'),
  'DD/MM/YYYY': numeric(new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{4})${TIME}$`), 'dmy', '/'),
  'DD.MM.YYYY': numeric(new RegExp(`^(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})${TIME}$`), 'dmy', '.'),
  'DD-MM-YYYY': numeric(new RegExp(`^(\\d{1,2})-(\\d{1,2})-(\\d{4})${TIME}$`), 'dmy', '-'),
  'MM-DD-YYYY': numeric(new RegExp(`^(\\d{1,2})-(\\d{1,2})-(\\d{4})${TIME}$`), 'mdy', '-'),
  'YYYY/MM/DD': numeric(new RegExp(`^(\\d{4})/(\\d{1,2})/(\\d{1,2})${TIME}$`), 'ymd', '/'),
  'YYYY.MM.DD': numeric(new RegExp(`^(\\d{4})\\.(\\d{1,2})\\.(\\d{1,2})${TIME}$`), 'ymd', '.'),
  'D MMM YYYY': named('dmy'),
  'MMM D, YYYY': named('mdy'),
};

/**
 * The date in `value` read in `format` (default `auto`: every unambiguous form, slashes month first),
 * or undefined when it is not written that way or is not a real date.
 *
 * @example parseDate('17.03.1984')?.month // 3
 * @example parseDate('07/03/1984', 'DD/MM/YYYY')?.month // 3
 */
export function parseDate(value: string, format: DateFormatParam = 'auto'): ParsedDate | undefined {
  if (format !== 'auto') return PARSERS[format](value);
  for (const f of AUTO) {
    const d = PARSERS[f](value);
    if (d !== undefined) return d;
  }
  return undefined;
}

/** What `format` reads, for error messages: the form's name, or the forms `auto` reads. */
export function describeDateFormat(format: DateFormatParam): string {
  return format === 'auto' ? `one of ${AUTO.join(', ')} (format: auto)` : format;
}

/**
 * The `format` a column of dates should be declared with, from its sampled values (empty ones
 * ignored): `auto` when every value reads that way, else the first named form that reads every
 * value (`DD/MM/YYYY` when a day above 12 comes first, a dashed form), or undefined when no form reads
 * them all. Values that read either way ("03/04/2020" alone) stay `auto` (month first).
 *
 * @example inferDateFormat(['17/03/1984', '02/11/1990']) // 'DD/MM/YYYY'
 */
export function inferDateFormat(values: Iterable<string | null>): DateFormatParam | undefined {
  const present = [...values].filter((v): v is string => v !== null && v.trim() !== '');
  if (present.length === 0) return undefined;
  for (const f of ['auto', 'DD/MM/YYYY', 'MM-DD-YYYY', 'DD-MM-YYYY'] as const) {
    if (present.every((v) => parseDate(v, f) !== undefined)) return f;
  }
  return undefined;
}

/** (year, month, day) moved by `days` (may be negative). */
export function addDays(year: number, month: number, day: number, days: number): { year: number; month: number; day: number } {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day + days);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
