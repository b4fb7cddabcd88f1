// Streams the records of a CSV or TSV file: a header row, then one record per row. Lines come from
// readLines (strict UTF-8, bounded length, numbered); papaparse's Parser splits them into fields,
// quoted fields may span lines. Memory is bounded by the longest record (maxRecordChars), never the
// file. A ragged row or malformed quotes stop the read with the row's line number, or with
// onError 'skip' are reported to onSkip and left out. Encoding errors and NUL bytes always stop:
// after them the rest of the file cannot be trusted to be CSV.
import Papa from 'papaparse';
import type { Readable } from 'node:stream';
import { CordonError } from '../errors.js';
import { isBadLine, readLines } from './lines.js';
import type { Delimiter, Newline } from './dialect.js';
import type { DatasetRecord } from './record.js';

export const DEFAULT_MAX_RECORD_CHARS = 8 * 1024 * 1024;
/** Text handed to the parser at a time (characters). */
const CHUNK_CHARS = 64 * 1024;

/** A record left out under onError 'skip'. */
export interface SkippedRecord {
  /** 1-based line where the record starts. */
  readonly line: number;
  readonly error: CordonError;
}

export interface CsvReadOptions {
  readonly delimiter?: Delimiter;
  /** Quote character (default `"`). */
  readonly quoteChar?: '"' | "'";
  /** False when the first row is data: columns are then named column_1, column_2, … (default true). */
  readonly header?: boolean;
  readonly onError?: 'fail' | 'skip';
  readonly onSkip?: (skipped: SkippedRecord) => void;
  /** Called once with the column names, before the first record (also when there are no records). */
  readonly onColumns?: (columns: readonly string[]) => void;
  readonly maxRecordChars?: number;
  /**
   * What ends a record (default: LF or CRLF). '\r': lines end in a lone CR (a CRLF also ends one),
   * and a line break inside a quoted field is read as CR.
   */
  readonly newline?: Newline;
  /** Skip the first line (Excel's `sep=;` line: dialect.ts CsvDialect.sepLine); line numbers stay the file's. */
  readonly skipFirstLine?: boolean;
}

function bad(line: number, message: string): CordonError {
  return new CordonError('ERR_INPUT_INVALID', `line ${line}: ${message}`, { details: { line } });
}

/**
 * The longest header cell read as a column name. A longer one is no name but a value (a file with no
 * line break, a header-less dump): printed by scan and written into a contract it would put data
 * where only names go, and a 5 MB "name" floods the terminal.
 */
export const MAX_COLUMN_NAME_CHARS = 1024;

/** Header cells as column names: trimmed, BOM dropped, blanks named column_N, repeats suffixed _2, _3… */
export function columnNames(header: readonly string[]): string[] {
  const used = new Set<string>();
  return header.map((raw, i) => {
    let base = (i === 0 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    if (base === '') base = `column_${i + 1}`;
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    return name;
  });
}

/**
 * Whether a quoted field is still open at the end of `text`, a line read after `open` (a quoted field
 * open at its start). Papaparse's rule: a quote opens a field only as its first character; inside,
 * a doubled quote is one quote and a single one closes it. A line without a quote character costs
 * one indexOf.
 */
export function quoteOpenAfter(text: string, open: boolean, delimiter: string, quote: string): boolean {
  if (!open && !text.includes(quote)) return false;
  let inQuote = open;
  let fieldStart = !open;
  let i = 0;
  while (i < text.length) {
    if (inQuote) {
      const j = text.indexOf(quote, i);
      if (j === -1) return true;
      if (text[j + 1] === quote) { i = j + 2; continue; }
      inQuote = false;
      fieldStart = false;
      i = j + 1;
    } else if (fieldStart && text[i] === quote) {
      inQuote = true;
      fieldStart = false;
      i++;
    } else {
      const j = text.indexOf(delimiter, i);
      if (j === -1) return false;
      fieldStart = true;
      i = j + 1;
    }
  }
  return inQuote;
}

function newlines(fields: readonly string[], nl: string): number {
  let n = 0;
  for (const f of fields) for (let i = f.indexOf(nl); i !== -1; i = f.indexOf(nl, i + 1)) n++;
  return n;
}

interface ParsedRow {
  readonly line: number;
  readonly fields: readonly string[];
  readonly error?: string;
}

/**
 * A row's fields under the column names. Assigned in column order, so every record of a file shares
 * one object shape; a column named "__proto__" needs Object.fromEntries (an assignment would set the
 * prototype instead of an own property).
 */
function toRecord(columns: readonly string[], fields: readonly string[]): DatasetRecord {
  if (columns.includes('__proto__')) return Object.fromEntries(fields.map((v, i) => [columns[i]!, v]));
  const r: Record<string, string> = {};
  for (let i = 0; i < columns.length; i++) r[columns[i]!] = fields[i]!;
  return r;
}

/**
 * Yields the records of a CSV (or, with delimiter '\t', TSV) byte stream.
 *
 * @example
 * ```ts
 * for await (const r of readCsvRecords(createReadStream('people.csv'))) console.log(Object.keys(r));
 * ```
 */
export async function* readCsvRecords(input: Readable, options: CsvReadOptions = {}): AsyncGenerator<DatasetRecord> {
  const maxChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  // Lines are joined with the file's own line break, so a quoted field keeps it.
  const nl = options.newline === '\r' ? '\r' : '\n';
  const parser = new Papa.Parser({ delimiter: options.delimiter ?? ',', newline: nl, quoteChar: options.quoteChar ?? '"' });
  let columns: string[] | undefined;
  let pending = '';
  /** Line number of the first line in `pending`, and of the next line readLines will give. */
  let pendingLine = 1;
  let nextLine = 1;

  /** Parses `pending`; keeps an unfinished last record unless `final`. */
  function parse(final: boolean): ParsedRow[] {
    const result = parser.parse(pending, 0, !final) as Papa.ParseResult<string[]>;
    const errors = new Map<number, Papa.ParseError>();
    for (const e of result.errors) if (e.row !== undefined && !errors.has(e.row)) errors.set(e.row, e);
    const rows: ParsedRow[] = [];
    let line = pendingLine;
    result.data.forEach((fields, i) => {
      const e = errors.get(i);
      const error = e === undefined ? undefined : e.code === 'MissingQuotes' ? 'unterminated quoted field' : 'malformed quotes';
      rows.push({ line, fields, ...(error !== undefined ? { error } : {}) });
      line += 1 + newlines(fields, nl);
    });
    // A row the parser reported an error for but did not return (unterminated quote at the end).
    for (const [i, e] of errors) if (i >= result.data.length) rows.push({ line, fields: [], error: e.code === 'MissingQuotes' ? 'unterminated quoted field' : 'malformed quotes' });
    const cursor = final ? pending.length : result.meta.cursor;
    pending = pending.slice(cursor);
    pendingLine = line;
    return rows;
  }

  const skip = options.onError === 'skip';
  function* toRecords(rows: ParsedRow[]): Generator<DatasetRecord> {
    for (const row of rows) {
      if (row.error === undefined && row.fields.length === 1 && row.fields[0] === '') continue; // blank line
      if (columns === undefined) {
        if (row.error !== undefined) throw bad(row.line, `header row: ${row.error}`);
        if (options.header === false) {
          columns = row.fields.map((_f, i) => `column_${i + 1}`);
          options.onColumns?.(columns);
        } else {
          const long = row.fields.findIndex((f) => f.length > MAX_COLUMN_NAME_CHARS);
          if (long !== -1) {
            throw new CordonError('ERR_INPUT_INVALID', `line ${row.line}: header cell ${long + 1} is ${row.fields[long]!.length} characters, more than a column name holds (${MAX_COLUMN_NAME_CHARS}): is the first row a header, and are the lines broken where they should be?`, { details: { line: row.line, column: long + 1 } });
          }
          columns = columnNames(row.fields);
          options.onColumns?.(columns);
          continue;
        }
      }
      let error = row.error;
      if (error === undefined && row.fields.length !== columns.length) {
        error = `${row.fields.length} fields where the header has ${columns.length} (ragged row)`;
      }
      if (error !== undefined) {
        const e = bad(row.line, error);
        if (!skip || error === 'unterminated quoted field') throw e;
        options.onSkip?.({ line: row.line, error: e });
        continue;
      }
      yield toRecord(columns, row.fields);
    }
  }

  let chunkStartLength = 0;
  // A line break inside a quoted field is kept as written: CRLF stays CRLF (Windows text in a cell),
  // though rows are cut at LF and given to the parser ending in LF.
  const delimiter = options.delimiter ?? ',';
  const quote = options.quoteChar ?? '"';
  let open = false;
  for await (const l of readLines(input, { maxLineBytes: maxChars * 4, ending: nl === '\r' ? 'cr' : 'lf' })) {
    if (isBadLine(l)) throw l.error;
    if (l.text.includes('\u0000')) throw bad(l.number, 'NUL byte (binary input?)');
    nextLine = l.number + 1;
    if (l.number === 1 && options.skipFirstLine === true) { pendingLine = 2; continue; }
    if (nl === '\r') pending += l.text + nl;
    else {
      open = quoteOpenAfter(l.text, open, delimiter, quote);
      pending += l.text + (open && l.crlf ? '\r\n' : nl);
    }
    // Parse once enough new text arrived; an unfinished record is re-parsed only after its length
    // doubled, so a long quoted field costs linear, not quadratic, time.
    if (pending.length - chunkStartLength >= Math.max(CHUNK_CHARS, chunkStartLength) || pending.length > maxChars) {
      yield* toRecords(parse(false));
      if (pending.length > maxChars) throw bad(pendingLine, `record longer than ${maxChars} characters (unterminated quote?)`);
      chunkStartLength = pending.length;
    }
  }
  if (pending.length > 0) yield* toRecords(parse(true));
  if (columns === undefined) {
    throw new CordonError('ERR_INPUT_INVALID', nextLine === 1 ? 'empty input: no header row' : 'no header row: only blank lines');
  }
}
