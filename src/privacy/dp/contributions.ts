// Per-subject contribution bounding: at most `max` records of each data subject are kept (the first
// ones met), so adding or removing one subject changes the kept records by at most `max`. This is
// what makes a measurement's sensitivity a computed bound rather than an assumption.

export interface SubjectRecord<V> {
  /** The data subject's id (the contract's primary key). */
  readonly subject: string;
  readonly value: V;
}

/** The records with each subject's beyond the first `max` dropped. */
export function boundContributions<V>(records: Iterable<SubjectRecord<V>>, max: number): V[] {
  if (!Number.isSafeInteger(max) || max < 1) throw new TypeError('boundContributions: max must be a positive integer');
  const seen = new Map<string, number>();
  const out: V[] = [];
  for (const r of records) {
    const n = seen.get(r.subject) ?? 0;
    if (n >= max) continue;
    seen.set(r.subject, n + 1);
    out.push(r.value);
  }
  return out;
}
