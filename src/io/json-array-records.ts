// Streams the records of a JSON file holding one array of objects (`[{…}, {…}]`, what API exports,
// `pandas.to_json(orient="records")` and most "export as JSON" buttons write), without holding more
// than one record in memory: the bytes are scanned for the array's top-level elements (strings,
// escapes and nesting tracked), and each element is parsed on its own (value.ts: integers beyond 2^53
// kept exactly where the runtime allows). An element that is not valid UTF-8, not valid JSON or not
// an object stops the read with its record number and line, or with onError 'skip' is reported to
// onSkip and left out; a broken structure (no array, an unterminated string, text after the closing
// bracket, a record over maxRecordBytes) always stops it. An empty array is an empty dataset (no
// records, no error), as a CSV header without rows is; an input with no array at all is an error. A file whose first character is `{` is read
// as JSON Lines (jsonl-records.ts): many tools write one object per line under a .json name; one
// object over several lines (an API export's `{"data": [...]}`) stops with ERR_FORMAT_UNSUPPORTED, unless
// `member` names where its records are (json-member.ts streams that array to this reader).
import type { Readable } from 'node:stream';
import { CordonError } from '../errors.js';
import type { SkippedRecord } from './csv.js';
import { readJsonlRecords } from './jsonl-records.js';
import { memberArrayBytes } from './json-member.js';
import { DEFAULT_MAX_LINE_BYTES } from './lines.js';
import { peekStream } from './peek.js';
import { isStruct, parseJsonValue, type TypedRecord, type Value } from './value.js';

export interface JsonArrayReadOptions {
  readonly onError?: 'fail' | 'skip';
  readonly onSkip?: (skipped: SkippedRecord) => void;
  /** Largest record, in bytes (default 64 MiB, as a JSONL line). */
  readonly maxRecordBytes?: number;
  /** The path of keys to the array of records in a file that wraps them in an object (`['data']`). */
  readonly member?: readonly string[];
}

const [LBRACKET, RBRACKET, LBRACE, RBRACE, COMMA, QUOTE, BACKSLASH, NL] = [0x5b, 0x5d, 0x7b, 0x7d, 0x2c, 0x22, 0x5c, 0x0a];
const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * A file that opens with `{` is JSON Lines when its first line is a whole object. When the first line
 * (whole within the peeked bytes) is not, the file is one object written over several lines — most
 * often an API export wrapping its records (`{"data": [{…}, …], "meta": …}`) — which is neither an
 * array of records nor JSON Lines: the error says so and names the first member holding objects.
 */
function oneObjectOverLines(head: Buffer): CordonError | undefined {
  const text = head.toString('utf8').trimStart();
  const nl = text.indexOf('\n');
  if (nl < 0) return undefined; // a first line longer than the peek: read as JSON Lines
  try {
    JSON.parse(text.slice(0, nl));
    return undefined;
  } catch {
    // not a whole object on line 1
  }
  const member = /"([A-Za-z_][\w-]{0,40})"\s*:\s*\[\s*\{/.exec(text)?.[1];
  const key = member ?? 'data';
  return new CordonError('ERR_FORMAT_UNSUPPORTED', `the file is one JSON object over several lines${member !== undefined ? `, with records in its "${member}" member` : ''}: a .json dataset is an array of records ([{…}, {…}]) or JSON Lines (one object a line); pass --records ${key} to read them from it, or extract them first: jq -c '.${key}[]' FILE > records.jsonl`, { details: { line: 1, ...(member !== undefined ? { member } : {}) } });
}

/** Where the scan is: before the `[`, before an element, inside one, after the `]`. */
type State = 'start' | 'before' | 'element' | 'end';

/**
 * Yields the records of a JSON array byte stream (UTF-8).
 *
 * @example
 * ```ts
 * for await (const r of readJsonArrayRecords(createReadStream('users.json'))) console.log(r['email']);
 * ```
 */
export async function* readJsonArrayRecords(input: Readable, options: JsonArrayReadOptions = {}): AsyncGenerator<TypedRecord> {
  if (options.member !== undefined) {
    yield* arrayRecords(memberArrayBytes(input, options.member), options);
    return;
  }
  const { head, stream } = await peekStream(input, 4096);
  const first = head.find((b) => !isSpace(b));
  if (first === LBRACE) {
    const wrapped = oneObjectOverLines(head);
    if (wrapped !== undefined) throw wrapped;
    yield* wrappedOnOneLine(readJsonlRecords(stream, options));
    return;
  }
  yield* arrayRecords(stream, options);
}

/** The path of keys to the first array of objects inside `v` (members before their children), or undefined. */
function recordsPath(v: Value, depth = 0): string[] | undefined {
  if (!isStruct(v) || depth > 3) return undefined;
  const entries = Object.entries(v);
  for (const [k, x] of entries) if (Array.isArray(x) && x.length > 0 && x.every(isStruct)) return [k];
  for (const [k, x] of entries) {
    const inner = recordsPath(x, depth + 1);
    if (inner !== undefined) return [k, ...inner];
  }
  return undefined;
}

/**
 * JSON Lines under a .json name, except that a file of one line whose object holds an array of
 * objects is an export wrapping its records on one line (`{"data": [{…}, …]}`): read as one record,
 * it would be one row whose only column is the whole export. The first record is held until a
 * second one shows the file is JSON Lines.
 */
async function* wrappedOnOneLine(records: AsyncGenerator<TypedRecord>): AsyncGenerator<TypedRecord> {
  const first = await records.next();
  if (first.done === true) return;
  const second = await records.next();
  if (second.done === true) {
    const path = recordsPath(first.value);
    if (path !== undefined) {
      const key = path.join('.');
      throw new CordonError('ERR_FORMAT_UNSUPPORTED', `the file is one JSON object with records in its "${key}" member: a .json dataset is an array of records ([{…}, {…}]) or JSON Lines (one object a line); pass --records ${key} to read them from it`, { details: { line: 1, member: key } });
    }
    yield first.value;
    return;
  }
  yield first.value;
  yield second.value;
  yield* records;
}

/** The records of the array of objects in `stream`, which holds that array and nothing else. */
async function* arrayRecords(stream: AsyncIterable<Buffer | string>, options: JsonArrayReadOptions): AsyncGenerator<TypedRecord> {
  const max = options.maxRecordBytes ?? DEFAULT_MAX_LINE_BYTES;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const fatal = (message: string, line: number): CordonError => new CordonError('ERR_INPUT_INVALID', message, { details: { line } });

  let state: State = 'start';
  let line = 1;
  let records = 0; // elements seen, for messages
  let parts: Buffer[] = [];
  let size = 0;
  let startLine = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;

  /** The element collected so far, parsed; an error when it is not an object (skipped in skip mode). */
  function finish(): TypedRecord | CordonError {
    records++;
    const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    parts = [];
    size = 0;
    const where = `record ${records} (line ${startLine})`;
    let value: Value;
    try {
      value = parseJsonValue(decoder.decode(bytes));
    } catch (e) {
      const utf8 = e instanceof TypeError;
      return new CordonError('ERR_INPUT_INVALID', `${where} is not valid ${utf8 ? 'UTF-8 (binary input?)' : 'JSON'}`, { details: { line: startLine, record: records } });
    }
    return isStruct(value) ? value : new CordonError('ERR_INPUT_INVALID', `${where} is not a JSON object`, { details: { line: startLine, record: records } });
  }

  for await (const chunk of stream) {
    const buf: Buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let from = -1; // start of the element's bytes in this chunk
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i]!;
      if (state === 'element') {
        if (inString) {
          if (escaped) escaped = false;
          else if (b === BACKSLASH) escaped = true;
          else if (b === QUOTE) inString = false;
          else if (b === NL) line++;
          continue;
        }
        if (b === QUOTE) { inString = true; continue; }
        if (b === LBRACE || b === LBRACKET) { depth++; continue; }
        if ((b === RBRACE || b === RBRACKET) && depth > 0) { depth--; continue; }
        if (b === NL) { line++; continue; }
        if (depth === 0 && (b === COMMA || b === RBRACKET)) {
          parts.push(buf.subarray(Math.max(from, 0), i));
          size += i - Math.max(from, 0);
          if (size > max) throw fatal(`record ${records + 1} (line ${startLine}) is longer than ${max} bytes`, startLine);
          const r = finish();
          if (r instanceof CordonError) {
            if (options.onError !== 'skip') throw r;
            options.onSkip?.({ line: startLine, error: r });
          } else {
            yield r;
          }
          from = -1;
          state = b === COMMA ? 'before' : 'end';
        }
        continue;
      }
      if (b === NL) line++;
      if (isSpace(b)) continue;
      switch (state) {
        case 'start':
          if (b !== LBRACKET) throw fatal('a JSON dataset is an array of records ([{…}, {…}]) or one object per line; this file holds neither', line);
          state = 'before';
          break;
        case 'before':
          if (b === RBRACKET && records === 0) { state = 'end'; break; }
          if (b === COMMA || b === RBRACKET) throw fatal(`line ${line}: a missing record between commas`, line);
          state = 'element';
          startLine = line;
          from = i;
          depth = 0;
          if (b === QUOTE) inString = true;
          else if (b === LBRACE || b === LBRACKET) depth = 1;
          break;
        case 'end':
          throw fatal(`line ${line}: text after the array's closing ]`, line);
      }
    }
    if (state === 'element') {
      const start = Math.max(from, 0);
      size += buf.length - start;
      if (size > max) throw fatal(`record ${records + 1} (line ${startLine}) is longer than ${max} bytes`, startLine);
      parts.push(buf.subarray(start));
    }
  }
  const last = state as State; // assigned inside the loop, which the compiler's narrowing does not follow
  if (last === 'start') throw new CordonError('ERR_INPUT_INVALID', 'empty input: no records');
  if (last !== 'end') throw fatal(`the array is not closed: the input ends inside ${last === 'element' ? `record ${records + 1} (line ${startLine})` : 'it'}`, line);
  // `[]` is an empty dataset, as a CSV header without rows is: zero records, not an error.
}
