// Null markers: the text an export writes where a value is missing (`\N` from MySQL and PostgreSQL
// COPY, `NULL` from SQL clients, `NA` from R, `NaN` from pandas, `#N/A` from spreadsheets). A
// contract lists its dataset's markers (customProperties cordonNullValues); protect then reads a
// cell that is exactly one of them as no value: no operator sees it, the output keeps it as written,
// the checks and the subject index pass over it. `cordon scan` and `cordon contract init` find the
// markers a sample uses (draftNullValues), so that a date column with NULLs still drafts generalize
// and a NULL is never tokenized as if it were somebody's value.
import type { DatasetRecord } from './record.js';

/** Markers that are never a real value of a personal-data column: drafted wherever a sample holds them. */
export const NULL_MARKERS: readonly string[] = ['\\N', 'NULL', 'null', 'Null', '(null)', 'NaN', 'nan', '#N/A', '#NULL!', '<NA>', 'N/A', 'n/a'];

/**
 * Markers that can also be a value (NA: a surname, Namibia's code; None: a word; -: a sign):
 * drafted only from a column none of whose other sampled values is spelled like them (letters
 * only, or symbols only) — `NA` among phone numbers is a marker, `NA` among country codes is not.
 */
export const AMBIGUOUS_NULL_MARKERS: readonly string[] = ['NA', 'None', 'none', '-', '--'];

const LETTERS = /^\p{L}+$/u;
const SYMBOLS = /^[^\p{L}\p{N}\s]+$/u;

function sameSpelling(marker: string, value: string): boolean {
  return LETTERS.test(marker) ? LETTERS.test(value) : SYMBOLS.test(marker) ? SYMBOLS.test(value) : false;
}

/** Null markers drafted from a sample: the dataset's, and a column's own list where it differs. */
export interface NullDraft {
  /** Markers every column reads as no value (NULL_MARKERS the sample holds, or what --null-values named). */
  readonly dataset: readonly string[];
  /** A column whose own list differs (the dataset's plus the ambiguous markers that column uses). */
  readonly columns: ReadonlyMap<string, readonly string[]>;
}

/**
 * The null markers the sampled `records` use, in NULL_MARKERS / AMBIGUOUS_NULL_MARKERS order: the
 * unambiguous ones for the whole dataset, an ambiguous one only for the columns it qualifies in.
 *
 * @example draftNullValues([{ phone: 'NA', cc: 'NA' }, { phone: '+1 415 555 0100', cc: 'US' }], ['phone', 'cc']) // { dataset: [], columns: { phone: ['NA'] } }
 */
export function draftNullValues(records: readonly DatasetRecord[], columns: readonly string[]): NullDraft {
  const sure = new Set(NULL_MARKERS);
  const maybe = new Set(AMBIGUOUS_NULL_MARKERS);
  const found = new Set<string>();
  const own = new Map<string, string[]>();
  for (const c of columns) {
    const seen = new Set<string>();
    for (const r of records) {
      const v = Object.hasOwn(r, c) ? r[c] : null;
      if (typeof v === 'string' && v !== '') seen.add(v);
    }
    for (const v of seen) if (sure.has(v)) found.add(v);
    const others = [...seen].filter((v) => !sure.has(v) && !maybe.has(v));
    const mine = AMBIGUOUS_NULL_MARKERS.filter((m) => seen.has(m) && !others.some((v) => sameSpelling(m, v)));
    if (mine.length > 0) own.set(c, mine);
  }
  const dataset = NULL_MARKERS.filter((m) => found.has(m));
  return { dataset, columns: new Map([...own].map(([c, mine]) => [c, [...dataset, ...mine]])) };
}

/** The markers of `column` under `draft`. */
export function draftedNullsOf(draft: NullDraft, column: string): readonly string[] {
  return draft.columns.get(column) ?? draft.dataset;
}

/** Each column's null markers, from columns that list some (a contract's: ContractColumn.nullValues); undefined when none does. */
export type NullMarkers = ReadonlyMap<string, ReadonlySet<string>>;

export function nullMarkersOf(columns: ReadonlyArray<{ readonly name: string; readonly nullValues?: readonly string[] }>): NullMarkers | undefined {
  const out = new Map<string, ReadonlySet<string>>();
  for (const c of columns) if (c.nullValues !== undefined && c.nullValues.length > 0) out.set(c.name, new Set(c.nullValues));
  return out.size > 0 ? out : undefined;
}

/** `records` with each column's drafted null markers read as null. */
export function withoutNullMarkers(records: readonly DatasetRecord[], columns: readonly string[], draft: NullDraft): DatasetRecord[] {
  const markers = nullMarkersOf(columns.map((name) => ({ name, nullValues: draftedNullsOf(draft, name) })));
  return markers === undefined ? [...records] : records.map((r) => nullsRead(r, markers));
}

/** `record` with each column's null markers read as null; the same object when it holds none. */
export function nullsRead(record: DatasetRecord, markers: NullMarkers): DatasetRecord {
  let copy: Record<string, string | null> | undefined;
  for (const [k, nulls] of markers) {
    if (!Object.hasOwn(record, k)) continue;
    const v = record[k];
    if (typeof v === 'string' && nulls.has(v)) {
      if (copy === undefined) copy = Object.fromEntries(Object.entries(record));
      copy[k] = null;
    }
  }
  return copy ?? record;
}
