// `cordon scan`: classifies every column of a dataset (CSV, TSV, JSONL, Parquet) from a sample of
// its rows: which entity it holds, how it relates to a person, how to handle it. Prints column
// names, verdicts and counts only, never a cell value.
import type { Command } from 'commander';
import { CordonError } from '../../errors.js';
import type { ColumnClassification } from '../../detect/columns/index.js';
import { DATASET_EXTENSIONS, DATASET_FILE_HELP, DATASET_FORMATS, readTypedRecords, type DatasetFormat, type TextEncoding } from '../../io/dataset.js';
import type { Delimiter } from '../../io/dialect.js';
import { recordView, type DatasetRecord } from '../../io/record.js';
import { sampledElements } from '../../io/list-text.js';
import { draftLogicalType, type DraftedLogicalType, type Value } from '../../io/value.js';
import { draftedNullsOf, draftNullValues, withoutNullMarkers, type NullDraft } from '../../io/null-values.js';
import { DELIMITER_HELP, ENCODING_HELP, NULL_VALUES_HELP, parseDelimiterOption, parseNullValuesOption, parseEncoding, parsePositiveInt, parseProfile, parseRecordsOption, PROFILE_HELP, RECOGNIZERS_HELP, RECORDS_HELP } from '../options.js';
import type { ProfileName } from '../../detect/profiles/table.js';
import type { RecognizerDoc } from '../../contracts/types.js';
import { readRecognizerFile } from '../workspace-data.js';
import { progress } from '../output.js';

export const DEFAULT_SAMPLE = 1000;
/** More columns than this is not a table a person reads; refuse rather than use unbounded memory. */
const MAX_COLUMNS = 10_000;

interface ScanFlags {
  json?: boolean;
  nullValues?: string[];
  sample: number;
  format?: string;
  encoding: TextEncoding;
  delimiter?: Delimiter;
  records?: string[];
  onError: string;
  profile?: ProfileName;
  recognizers?: string;
}

/** The `--json` contract: exactly these keys, in this order. */
function toJson(c: ColumnClassification): Record<string, unknown> {
  return {
    name: c.name, entity: c.entity, confidence: c.confidence, freeText: c.freeText, textEntities: c.textEntities,
    classification: c.classification, category: c.category, matchedShare: c.matchedShare,
  };
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

function notes(c: ColumnClassification): string {
  const e = c.explanation;
  if (c.freeText) {
    const shares = e.textEntityShares ?? {};
    const list = c.textEntities.slice(0, 5).map((t) => `${t} ${pct(shares[t] ?? 0)}`).join(', ');
    return list === '' ? 'free text, nothing found' : `free text: ${list}${c.textEntities.length > 5 ? ', …' : ''}`;
  }
  return e.note ?? '';
}

function table(results: readonly ColumnClassification[]): string {
  const rows = results.map((c) => [
    c.name,
    c.entity ?? (c.freeText ? '(free text)' : '-'),
    c.category,
    c.classification,
    c.confidence.toFixed(2),
    c.entity !== null || c.freeText || c.matchedShare > 0 ? pct(c.matchedShare) : '-',
    c.explanation.basis === 'none' ? '-' : c.explanation.basis,
    notes(c),
  ]);
  const head = ['COLUMN', 'ENTITY', 'CATEGORY', 'CLASSIFICATION', 'CONF', 'MATCHED', 'BASIS', 'NOTES'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const right = new Set([4, 5]);
  const line = (r: readonly string[]): string => r.map((x, i) => (i === r.length - 1 ? x : right.has(i) ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

function summary(results: readonly ColumnClassification[]): string {
  const by = new Map<string, number>();
  for (const c of results) by.set(c.classification, (by.get(c.classification) ?? 0) + 1);
  return ['restricted', 'confidential', 'internal', 'public'].filter((k) => by.has(k)).map((k) => `${by.get(k)} ${k}`).join(', ');
}

/**
 * Samples `dataset` and classifies its columns: the work behind `cordon scan` and
 * `cordon contract init`. Reports skipped rows and an empty sample on stderr.
 */
export async function scanColumns(dataset: string, f: ScanOptions): Promise<ScanResult> {
  const p = progress('scanning', f.sample, { unit: 'rows', ...(f.json === true ? { off: true } : {}) });
  try {
    return await scanSample(dataset, f, p.update);
  } finally {
    p.done();
  }
}

interface ScanOptions {
  format?: DatasetFormat; sample: number; encoding?: TextEncoding; delimiter?: Delimiter; records?: readonly string[]; onError: 'fail' | 'skip'; profile?: ProfileName; recognizers?: RecognizerDoc; json?: boolean;
  /** The text that stands for a missing value (--null-values); default: the markers the sample uses (io/null-values.ts). */
  nullValues?: readonly string[];
}
interface ScanResult {
  results: ColumnClassification[]; records: number; logicalTypes: ReadonlyMap<string, DraftedLogicalType>;
  /** The null markers the columns were read with: cells holding one count as empty. */
  nullValues: NullDraft;
  /** Each column's sampled values as text (the records' view), for the date forms a contract draft declares. */
  values: ReadonlyMap<string, ReadonlyArray<string | null>>;
}

async function scanSample(dataset: string, f: ScanOptions, onRows: (rows: number) => void): Promise<ScanResult> {
  let columns: readonly string[] = [];
  const seen = new Set<string>();
  const records: DatasetRecord[] = [];
  // Each column's sampled values as read (typed), for the logicalType a contract draft gives it.
  const typed = new Map<string, Value[]>();
  const skipped: number[] = [];
  for await (const t of readTypedRecords(dataset, {
    ...(f.format !== undefined ? { format: f.format } : {}),
    limit: f.sample,
    ...(f.encoding !== undefined ? { encoding: f.encoding } : {}),
    ...(f.delimiter !== undefined ? { delimiter: f.delimiter } : {}),
    ...(f.records !== undefined ? { records: f.records } : {}),
    onError: f.onError,
    onSkip: (s) => { skipped.push(s.line); },
    onColumns: (c) => { columns = c; },
  })) {
    const { record: r, paths } = recordView(t);
    for (const k of Object.keys(r)) seen.add(k);
    if (seen.size > MAX_COLUMNS || columns.length > MAX_COLUMNS) throw new CordonError('ERR_INPUT_INVALID', `more than ${MAX_COLUMNS} columns`);
    records.push(r);
    for (const [name, path] of paths.entries()) {
      let v: Value | undefined = t;
      for (const k of path) v = (v as { readonly [key: string]: Value })[k];
      let list = typed.get(name);
      if (list === undefined) typed.set(name, (list = []));
      list.push(v ?? null);
    }
    onRows(records.length);
  }
  if (skipped.length > 0) {
    process.stderr.write(`cordon: skipped ${skipped.length} malformed row(s) at line(s) ${skipped.slice(0, 20).join(', ')}${skipped.length > 20 ? ', …' : ''}\n`);
  }
  // An empty dataset (a header without rows, `[]`) and records without fields (`{}`) are results, not
  // errors: the note says which, and contract init refuses to draft a contract of no columns.
  const fieldless = columns.length === 0 && seen.size === 0;
  if (records.length === 0) process.stderr.write(fieldless ? 'cordon: no records and no columns (an empty dataset): nothing to classify\n' : 'cordon: no data rows in the sample; verdicts come from column names only\n');
  else if (fieldless) process.stderr.write('cordon: the records have no fields: nothing to classify\n');
  // A NULL or \N is no value: a date column with NULLs is still a date column, and a marker is
  // never counted as an entity's (or a non-entity's) value.
  const nullValues: NullDraft = f.nullValues !== undefined ? { dataset: f.nullValues, columns: new Map() } : draftNullValues(records, [...seen]);
  records.splice(0, records.length, ...withoutNullMarkers(records, [...seen], nullValues));
  for (const [name, list] of typed) {
    const nulls = new Set(draftedNullsOf(nullValues, name));
    if (nulls.size > 0) list.forEach((v, i) => { if (typeof v === 'string' && nulls.has(v)) list[i] = null; });
  }

  // Loaded here, not at start-up: the recognizers (and libphonenumber's metadata) cost other commands nothing.
  const [{ withCustomRecognizers }, { classifyColumn, classifyColumns }, { profileRecognizers, resolveProfile }] = await Promise.all([
    import('../../contracts/with-custom-recognizers.js'),
    import('../../detect/columns/index.js'),
    import('../../detect/profiles/apply-profile.js'),
  ]);
  // A profile narrows what the values are read as (the text recognizers); column names still count.
  // Custom recognizers (--recognizers, a contract's) join the built-in ones under every profile.
  const all = withCustomRecognizers(f.recognizers);
  const recognizers = f.profile === undefined ? all : profileRecognizers(all, resolveProfile(f.profile));
  // A Parquet struct is declared by its fields (`user.email`), not as a column of its own.
  const leaves = columns.filter((c) => seen.has(c) || ![...seen].some((k) => k.startsWith(`${c}.`)));
  // A list column (Parquet LIST, JSON array) is classified by its elements (io/list-text.ts), as
  // protect applies its operator to each element.
  const elementsOf = new Map<string, Array<string | null>>();
  // A struct null in some rows (Parquet, JSON) gives those rows its name as a key with no value: it is
  // not a column beside its fields (a draft would declare it a string and tokenize nothing).
  const nullStruct = (name: string): boolean => [...seen].some((k) => k.startsWith(`${name}.`)) && (typed.get(name) ?? []).every((v) => v === null);
  const results = classifyColumns({ columns: leaves, records }, { recognizers }).filter((c) => !nullStruct(c.name)).map((c) => {
    const elements = sampledElements(typed.get(c.name) ?? []);
    if (elements === undefined) return c;
    elementsOf.set(c.name, elements);
    return classifyColumn(c.name, elements, { recognizers });
  });
  // A column holding personal data is not drafted as a number or boolean from its text: an all-digit
  // phone or card column stays a string, so a later "+1 …" does not fail the declared type.
  const logicalTypes = new Map(results.map((c) => {
    const t = draftLogicalType(typed.get(c.name) ?? [], true);
    const textual = (t === 'integer' || t === 'number' || t === 'boolean') && (c.entity !== null || c.freeText) && (typed.get(c.name) ?? []).some((v) => typeof v === 'string');
    return [c.name, textual ? 'string' as const : t];
  }));
  // A list column's operator takes its elements: its date forms are read from them.
  const values = new Map(results.map((c) => [c.name, elementsOf.get(c.name) ?? records.map((r) => (Object.hasOwn(r, c.name) ? r[c.name]! : null))]));
  return { results, records: records.length, logicalTypes, values, nullValues };
}

export function registerScan(program: Command): void {
  program.command('scan')
    .description('classify every column of a dataset: entity, category and handling level')
    .argument('<dataset>', `the dataset file (${DATASET_FILE_HELP}; format from its extension: ${DATASET_EXTENSIONS}), or - for stdin with --format`)
    .option('--json', 'print {"columns":[{name, entity, confidence, freeText, textEntities, classification, category, matchedShare}]}')
    .option('-n, --sample <rows>', 'classify from the first N rows', parsePositiveInt('--sample'), DEFAULT_SAMPLE)
    .option('--format <format>', `read as ${DATASET_FORMATS.join(', ')} whatever the extension`)
    .option('--encoding <name>', ENCODING_HELP, parseEncoding)
    .option('--delimiter <char>', DELIMITER_HELP, parseDelimiterOption)
    .option('--records <member>', RECORDS_HELP, parseRecordsOption)
    .option('--on-error <mode>', 'fail: stop at the first malformed row (exit 3, with its line number); skip: leave it out and count it', 'fail')
    .option('-p, --profile <name>', PROFILE_HELP, parseProfile)
    .option('-r, --recognizers <file>', RECOGNIZERS_HELP)
    .option('--null-values <list>', NULL_VALUES_HELP, parseNullValuesOption)
    .addHelpText('after', `
Each column gets:
  entity          what it holds (PERSON, EMAIL_ADDRESS, US_SSN, PASSWORD, BLOOD_TYPE, ...,
                  or a custom entity from --recognizers) or null
  category        direct (identifies a person alone), quasi (identifies in combination),
                  sensitive (health and other special categories), secret (credentials, CVV), none
  classification  restricted, confidential or internal (docs/scan.md has the mapping)
  freeText        true for prose; textEntities then lists what the text contains
Values decide; the column name only raises confidence or decides between plausible readings.
Cell values are never printed.

Examples:
  cordon scan customers.csv
  cordon scan events.parquet --sample 5000 --json > columns.json
  cordon scan export.txt --format tsv --on-error skip
  cordon scan excel-export.csv --encoding windows-1252
  cordon scan api-export.json --records data              # {"data": [{...}, ...], "meta": {...}}
  cordon scan export.csv --delimiter ';'                 # when sniffing cannot tell (exit 3, ERR_CSV_DIALECT)
  cordon scan r-export.csv --null-values 'NA'            # cells reading NA are empty (default: markers found)
  cordon scan visits.csv --profile hipaa
  cordon scan staff.csv --recognizers recognizers.yaml   # your own entities, e.g. EMPLOYEE_ID
  gunzip -c users.jsonl.gz | cordon scan - --format jsonl`)
    .action(async (dataset: string, f: ScanFlags) => {
      if (f.format !== undefined && !(DATASET_FORMATS as readonly string[]).includes(f.format)) {
        throw new CordonError('ERR_USAGE', `--format must be one of ${DATASET_FORMATS.join(', ')}`);
      }
      if (f.onError !== 'fail' && f.onError !== 'skip') throw new CordonError('ERR_USAGE', '--on-error must be fail or skip');
      if (dataset === '-' && f.format === undefined) throw new CordonError('ERR_USAGE', 'reading stdin needs --format');

      const { results, records, nullValues } = await scanColumns(dataset, { ...(f.format !== undefined ? { format: f.format as DatasetFormat } : {}), ...(f.nullValues !== undefined ? { nullValues: f.nullValues } : {}), sample: f.sample, ...(f.encoding !== undefined ? { encoding: f.encoding } : {}), ...(f.delimiter !== undefined ? { delimiter: f.delimiter } : {}), ...(f.records !== undefined ? { records: f.records } : {}), onError: f.onError, ...(f.profile !== undefined ? { profile: f.profile } : {}), ...(f.recognizers !== undefined ? { recognizers: readRecognizerFile(f.recognizers) } : {}), ...(f.json === true ? { json: true } : {}) });
      if (f.json) {
        process.stdout.write(JSON.stringify({ columns: results.map((c) => ({ ...toJson(c), nullValues: draftedNullsOf(nullValues, c.name) })) }) + '\n');
        return;
      }
      process.stdout.write(table(results));
      process.stdout.write(`\n${records} row(s) sampled${records >= f.sample ? ` (first ${f.sample}; --sample to change)` : ''}; ${results.length} column(s): ${summary(results) || 'none'}\n`);
      const quoted = (list: readonly string[]): string => list.map((v) => `"${v}"`).join(', ');
      if (nullValues.dataset.length > 0) process.stdout.write(`read as empty in every column (null markers; --null-values to change): ${quoted(nullValues.dataset)}\n`);
      for (const [c, list] of nullValues.columns) process.stdout.write(`read as empty in ${c}: ${quoted(list)}\n`);
    });
}
