// The dialect of a delimited text file — delimiter, quote character, header row, line ending —
// sniffed from a sample of its first lines. The delimiter is papaparse's guess (the delimiter that
// gives the most consistent field count over the first rows); the quote character and header
// follow the heuristics of Python's csv.Sniffer, made conservative: a header is assumed unless the
// first row clearly types like the rows under it. A header that is one column holding a delimiter
// stops the read (ERR_CSV_DIALECT) rather than turning every row into one value. Pure: no I/O.
import Papa from 'papaparse';
import { CordonError } from '../errors.js';
import { DELIMITERS, type Delimiter } from './delimiter.js';

export { DELIMITERS, parseDelimiter, type Delimiter } from './delimiter.js';

export interface CsvDialect {
  readonly delimiter: Delimiter;
  readonly quoteChar: '"' | "'";
  /** False when the first row is data (columns are then named column_1, column_2, …). */
  readonly header: boolean;
  /** The first line's ending; '\r' for a file whose lines end in a lone CR (classic Mac). */
  readonly newline: Newline;
  /**
   * The file opens with Excel's `sep=;` line, which names the delimiter: it is no row (the reader
   * skips it) and a CSV output writes its own, so the output opens in Excel as the input did.
   */
  readonly sepLine?: true;
}

export type Newline = '\n' | '\r\n' | '\r';

/** What the caller fixed; everything else is sniffed. */
export interface DialectHints {
  readonly delimiter?: Delimiter;
  /**
   * No delimiter found is an error (ERR_FORMAT_UNSUPPORTED) instead of a one-column table read with
   * `,`: for a `.txt` file, which may be delimited text or prose.
   */
  readonly requireDelimiter?: boolean;
}

const ROWS = 20;

/** The rows of a sample under a dialect, the last (possibly cut) one dropped when `complete` is false. */
function rows(sample: string, delimiter: string, quoteChar: string, complete: boolean): string[][] {
  const r = Papa.parse<string[]>(sample, { delimiter, quoteChar, newline: '\n', skipEmptyLines: true, preview: ROWS + 1 });
  const data = r.data;
  return complete || data.length <= 1 ? data.slice(0, ROWS) : data.slice(0, Math.min(ROWS, data.length - 1));
}

function guessQuote(sample: string, delimiter: string): '"' | "'" {
  if (sample.includes('"')) return '"';
  const d = delimiter === '|' ? '\\|' : delimiter === '\t' ? '\\t' : delimiter;
  return new RegExp(`(^|${d})'[^'\\n]*'(?=${d}|\\r?$)`, 'm').test(sample) ? "'" : '"';
}

/**
 * Kinds of cell a column name never is, beyond csv.Sniffer's numbers and dates: an e-mail address, and
 * a run of seven digits or more written with separators (a phone number, a formatted id).
 */
type CellType = 'int' | 'float' | 'date' | 'email' | 'digits' | 'text';
function cellType(v: string): CellType {
  const s = v.trim();
  if (/^[+-]?\d+$/.test(s)) return 'int';
  if (/^[+-]?(\d+[.,]\d*|\d*[.,]\d+)([eE][+-]?\d+)?$/.test(s)) return 'float';
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+Z?)?$/.test(s) || /^\d{1,2}[./]\d{1,2}[./]\d{2,4}$/.test(s)) return 'date';
  if (/^[^\s@,;]+@[^\s@,;]+\.[A-Za-z]{2,}$/.test(s)) return 'email';
  if (/^\+?[\d ().\/-]+$/.test(s) && s.replace(/\D/g, '').length >= 7) return 'digits';
  return 'text';
}

/**
 * Votes per column, as csv.Sniffer.has_header does: a column whose values below the first row all
 * have one type (number, date, e-mail, phone-like digits) or one length votes "header" when the
 * first cell differs, "data" when it agrees. The length vote needs four values below the first row:
 * on fewer, equal lengths are a coincidence ("Phone (home)" over 555-201-0193). Ties and text-only
 * tables keep the header: a wrong "no header" would turn column names into a data row, a wrong
 * "header" only names columns after values (and is visible).
 */
const LENGTH_VOTE_ROWS = 4;

function hasHeader(table: readonly string[][]): boolean {
  if (table.length < 3) return true;
  const [first, ...rest] = table;
  let votes = 0;
  first!.forEach((cell, i) => {
    const below = rest.map((r) => r[i]).filter((v): v is string => v !== undefined && v.trim() !== '');
    if (below.length < 2) return;
    const types = new Set(below.map(cellType));
    if (types.size === 1 && !types.has('text')) {
      votes += cellType(cell) === [...types][0] ? -1 : 1;
      return;
    }
    const lengths = new Set(below.map((v) => v.length));
    if (lengths.size === 1 && below.length >= LENGTH_VOTE_ROWS) votes += cell.length === [...lengths][0] ? -1 : 1;
  });
  return votes >= 0;
}

/**
 * The ending of the sample's first line: CRLF, LF, or a lone CR. A CR inside a quoted field of
 * the first row could mislead this only for a header with a line break in a column name.
 */
function newlineOf(sample: string): Newline {
  const lf = sample.indexOf('\n');
  const cr = sample.indexOf('\r');
  if (cr === -1 || (lf !== -1 && lf < cr)) return '\n';
  return sample.charCodeAt(cr + 1) === 10 ? '\r\n' : cr + 1 < sample.length || lf === -1 ? '\r' : '\r\n';
}

/**
 * Sniffs the dialect of `sample`, the first characters of a file (`complete` when it is the whole
 * file). Throws ERR_CSV_DIALECT when the first row is one column that holds a delimiter.
 *
 * @example
 * ```ts
 * sniffDialect('id;email\n1;a@example.com\n', { complete: true }); // { delimiter: ';', quoteChar: '"', header: true, newline: '\n' }
 * ```
 */
export function sniffDialect(sample: string, options: DialectHints & { complete: boolean }): CsvDialect {
  // Excel's `sep=X` first line (X a delimiter it writes, quoted or not): the delimiter, then the file.
  const sep = /^"?sep=([,;|\t])"?(\r\n|\n|\r)/i.exec(sample);
  if (sep !== null) {
    const rest = sniffDialect(sample.slice(sep[0].length), { ...options, delimiter: options.delimiter ?? (sep[1] as Delimiter) });
    return { ...rest, sepLine: true };
  }
  const newline = newlineOf(sample);
  const end = newline === '\r' ? '\r' : '\n';
  const cut = options.complete ? sample : sample.slice(0, Math.max(sample.lastIndexOf(end) + 1, 0)) || sample;
  const text = cut.replace(/\r\n?/g, '\n');
  let delimiter = options.delimiter;
  if (delimiter === undefined) {
    const guess = Papa.parse<string[]>(text, { delimitersToGuess: [...DELIMITERS], newline: '\n', skipEmptyLines: true, preview: 10 });
    const found = (DELIMITERS as readonly string[]).includes(guess.meta.delimiter) && !guess.errors.some((e) => e.code === 'UndetectableDelimiter');
    if (!found && options.requireDelimiter === true) {
      throw new CordonError('ERR_FORMAT_UNSUPPORTED', 'no delimiter (tab , ; |) splits the first lines into the same number of columns');
    }
    delimiter = found ? guess.meta.delimiter as Delimiter : ',';
  }
  const quoteChar = guessQuote(text, delimiter);
  const table = rows(text, delimiter, quoteChar, options.complete);
  const first = table[0];
  if (first !== undefined && first.length === 1) {
    const held = DELIMITERS.filter((d) => d !== delimiter && first[0]!.includes(d));
    if (held.length > 0) {
      const shown = held.map((d) => (d === '\t' ? 'tab' : d)).join(' ');
      throw new CordonError('ERR_CSV_DIALECT', `the header is one column holding "${shown}": the delimiter is not ${delimiter === '\t' ? 'tab' : `"${delimiter}"`}; pass --delimiter`, { details: { delimiter, held: held.join(" ") } });
    }
  }
  return { delimiter, quoteChar, header: hasHeader(table), newline };
}
