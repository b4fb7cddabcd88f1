// cordonRetention: how long a dataset's data may be kept (issue 18 item 6), an ISO 8601 duration
// such as P90D, P1Y6M or P2W, on the schema object's customProperties or the contract's for every
// dataset without its own, or on a property (one column, shorter than its dataset's). Pure parsing
// and date arithmetic; src/retention applies it. Years and months are calendar units (P1M from Jan 31 ends on the last day of
// February, as in java.time and Temporal); weeks, days, hours, minutes and seconds are fixed.

export interface RetentionSpec {
  /** The duration as written, e.g. `P90D`. */
  readonly duration: string;
  readonly months: number;
  /** Everything below a month, in milliseconds (days of 24 h: retention is counted in UTC). */
  readonly ms: number;
}

const DURATION_RE = /^P(?:(\d{1,4})Y)?(?:(\d{1,5})M)?(?:(\d{1,5})W)?(?:(\d{1,6})D)?(?:T(?:(\d{1,7})H)?(?:(\d{1,9})M)?(?:(\d{1,10})S)?)?$/;

/** Parses a cordonRetention value, pushing problems (with `path`) and returning undefined when invalid. */
export function parseRetentionSpec(value: unknown, path: string, problems: string[]): RetentionSpec | undefined {
  const m = typeof value === 'string' ? DURATION_RE.exec(value) : null;
  if (m === null || value === 'P' || (typeof value === 'string' && value.endsWith('T'))) {
    problems.push(`${path}: must be an ISO 8601 duration such as P90D, P1Y or PT12H`);
    return undefined;
  }
  const n = (i: number): number => Number(m[i] ?? 0);
  const months = n(1) * 12 + n(2);
  const ms = (((n(3) * 7 + n(4)) * 24 + n(5)) * 60 + n(6)) * 60_000 + n(7) * 1000;
  if (months === 0 && ms === 0) {
    problems.push(`${path}: a retention of zero keeps nothing; give a positive duration`);
    return undefined;
  }
  return { duration: value as string, months, ms };
}

/** When data written at `from` (ms since the epoch) passes its retention. */
export function retentionEnds(spec: RetentionSpec, from: number): number {
  const d = new Date(from);
  if (spec.months > 0) {
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + spec.months);
    // Clamp to the target month's last day (Jan 31 + P1M = Feb 28/29), never spill into the next.
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
  }
  return d.getTime() + spec.ms;
}

/**
 * Whether `a` ends strictly before `b` for data written at any time: compared from the 31st of a
 * 31-day month and from the 1st of a month, so a calendar month is neither longer nor shorter than
 * 28 to 31 days depending on where it starts (P1M is not shorter than P31D, nor P30D than P1M).
 */
export function shorterRetention(a: RetentionSpec, b: RetentionSpec): boolean {
  const from = [Date.UTC(2001, 0, 31), Date.UTC(2001, 1, 1), Date.UTC(2000, 0, 1)];
  return from.every((t) => retentionEnds(a, t) < retentionEnds(b, t));
}
