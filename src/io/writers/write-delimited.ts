// CSV and TSV output: a header row (unless the input had none), then one line per record in the
// input's dialect (delimiter, quote character, line ending), fields quoted only when they must be
// (RFC 4180). The quoting rule is papaparse's unparse (the writer's former engine, kept byte for byte:
// a test compares the two): a field is quoted when it holds CR, LF, '"', a BOM, the delimiter or the
// quote character, or starts or ends with a space; quote characters inside are doubled. Values are
// written as their text (record.ts: nested fields under dotted names, numbers in their JSON
// spelling); null becomes the empty field (CSV has no null). A record with a column outside the
// header is refused rather than silently losing the value.
import { CordonError } from '../../errors.js';
import type { Delimiter, Newline } from '../dialect.js';
import { flattenRecord, scalarText } from '../record.js';
import { isStruct, type TypedRecord } from '../value.js';
import type { ByteOutput, RecordWriter, RecordWriterOptions } from './types.js';

export interface DelimitedWriterOptions extends RecordWriterOptions {
  readonly delimiter?: Delimiter;
  /** Default `"`. */
  readonly quoteChar?: '"' | "'";
  /** Default LF. */
  readonly newline?: Newline;
  /** Write the header row (default true); false for an input that had none. */
  readonly header?: boolean;
  /** Open with Excel's `sep=X` line naming the delimiter (an input that had one: dialect.ts). */
  readonly sepLine?: boolean;
}

const encoder = new TextEncoder();

/** A field as papaparse's unparse writes it (quotes: false, no formula escaping). */
function fieldWriter(delimiter: string, quoteChar: string): (v: string) => string {
  const escape = (c: string): string => c.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&');
  const special = new RegExp(`[\r\n"\uFEFF${escape(delimiter)}${escape(quoteChar)}]`);
  const doubled = quoteChar + quoteChar;
  return (v) => {
    if (!special.test(v) && v.charCodeAt(0) !== 32 && v.charCodeAt(v.length - 1) !== 32) return v;
    return quoteChar + v.replaceAll(quoteChar, doubled) + quoteChar;
  };
}

/**
 * A CSV (or, with delimiter '\t', TSV) writer.
 *
 * @example
 * ```ts
 * const w = createDelimitedWriter(out, { columns: ['id', 'email'] });
 * await w.write([{ id: '1', email: 'det_v1_…' }]);
 * await w.close();
 * ```
 */
export function createDelimitedWriter(out: ByteOutput, options: DelimitedWriterOptions = {}): RecordWriter {
  const delimiter = options.delimiter ?? ',';
  const quoteChar = options.quoteChar ?? '"';
  const newline = options.newline ?? '\n';
  let columns: readonly string[] | undefined = options.columns;
  let known: ReadonlySet<string> = new Set(columns);
  let headerWritten = false;
  const field = fieldWriter(delimiter, quoteChar);
  // A one-column row whose only value is empty would be a blank line, which readers skip: quote it.
  const unparse = (rows: string[][]): string => {
    const lone = rows[0]?.length === 1;
    let text = '';
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      if (r > 0) text += newline;
      for (let c = 0; c < row.length; c++) {
        if (c > 0) text += delimiter;
        const v = row[c]!;
        text += lone && v === '' ? quoteChar + quoteChar : field(v);
      }
    }
    return text + newline;
  };
  const header = async (): Promise<void> => {
    if (headerWritten) return;
    headerWritten = true;
    const sep = options.sepLine === true ? `sep=${delimiter}${newline}` : '';
    if (options.header === false) { if (sep !== '') await out.write(encoder.encode(sep)); return; }
    await out.write(encoder.encode(sep + unparse([[...(columns ?? [])]])));
  };
  const refuseOutside = (k: string): void => {
    if (!known.has(k)) throw new CordonError('ERR_INPUT_INVALID', `column ${JSON.stringify(k)} is not among the output's columns`, { details: { column: k } });
  };
  /** The record's fields in column order, or undefined when it nests a struct (flattened then, record.ts). Refuses a column outside the header. */
  const fieldsOf = (r: TypedRecord): string[] | undefined => {
    for (const k in r) {
      if (!Object.hasOwn(r, k)) continue;
      const v = r[k];
      if (isStruct(v) && Object.keys(v).length > 0) return undefined;
      refuseOutside(k);
    }
    const cols = columns!;
    const row = new Array<string>(cols.length);
    for (let c = 0; c < cols.length; c++) row[c] = (Object.hasOwn(r, cols[c]!) ? scalarText(r[cols[c]!]) : null) ?? '';
    return row;
  };
  return {
    async write(records) {
      if (records.length === 0) return;
      if (columns === undefined) {
        columns = Object.keys(flattenRecord(records[0]!));
        known = new Set(columns);
      }
      await header();
      const cols = columns;
      const rows: string[][] = [];
      for (const record of records) {
        // A record of scalars (every CSV or flat JSON record) is its own flattened view: its fields
        // are read in place, without the copy flattenRecord makes for nested ones.
        const fields = fieldsOf(record);
        if (fields !== undefined) {
          rows.push(fields);
          continue;
        }
        const r = flattenRecord(record);
        for (const k of Object.keys(r)) {
          refuseOutside(k);
        }
        rows.push(cols.map((c) => r[c] ?? ''));
      }
      await out.write(encoder.encode(unparse(rows)));
    },
    async close() {
      if (columns !== undefined) await header();
    },
  };
}
