// Calendar dates as the operators accept them: ISO 8601 `YYYY-MM-DD` (optionally followed by a time,
// kept as is) and US `M/D/YYYY` (with or without zero padding). Pure parsing, no time zones: a date is
// a (year, month, day) triple, validated against the Gregorian calendar.

export interface ParsedDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** Rebuilds a string in the input's format (padding, time suffix) for another date. */
  readonly format: (year: number, month: number, day: number) => string;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})((?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?)$/;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

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

/** The date in `value`, or undefined when it is not one of the accepted formats or not a real date. */
export function parseDate(value: string): ParsedDate | undefined {
  let m = ISO.exec(value);
  if (m !== null) {
    const [year, month, day, rest] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4]!];
    if (!valid(year, month, day)) return undefined;
    return { year, month, day, format: (y, mo, d) => `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}${rest}` };
  }
  m = US.exec(value);
  if (m !== null) {
    const [month, day, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!valid(year, month, day)) return undefined;
    const [mw, dw] = [m[1]!.length, m[2]!.length];
    return { year, month, day, format: (y, mo, d) => `${pad(mo, mw)}/${pad(d, dw)}/${pad(y, 4)}` };
  }
  return undefined;
}

/** (year, month, day) moved by `days` (may be negative). */
export function addDays(year: number, month: number, day: number, days: number): { year: number; month: number; day: number } {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day + days);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
