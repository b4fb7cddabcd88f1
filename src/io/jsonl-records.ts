// Streams the records of a JSONL (NDJSON) file: one JSON object per line, kept as parsed (value.ts):
// numbers, booleans, nulls, nested objects and arrays as they are. Blank lines are ignored. A line that is not valid UTF-8, not
// valid JSON or not an object stops the read with its line number, or with onError 'skip' is
// reported to onSkip and left out.
import type { Readable } from 'node:stream';
import { CordonError } from '../errors.js';
import type { SkippedRecord } from './csv.js';
import { isBadLine, readLines } from './lines.js';
import { isStruct, parseJsonValue, type TypedRecord, type Value } from './value.js';

export interface JsonlReadOptions {
  readonly onError?: 'fail' | 'skip';
  readonly onSkip?: (skipped: SkippedRecord) => void;
  readonly maxLineBytes?: number;
}

/**
 * Yields the records of a JSONL byte stream.
 *
 * @example
 * ```ts
 * for await (const r of readJsonlRecords(createReadStream('users.jsonl'))) console.log(r['address']);
 * ```
 */
export async function* readJsonlRecords(input: Readable, options: JsonlReadOptions = {}): AsyncGenerator<TypedRecord> {
  const skip = options.onError === 'skip';
  let lines = 0;
  let blank = 0;
  for await (const l of readLines(input, options.maxLineBytes === undefined ? {} : { maxLineBytes: options.maxLineBytes })) {
    lines++;
    let error: CordonError | undefined;
    let record: TypedRecord | undefined;
    if (isBadLine(l)) {
      error = l.error;
    } else if (l.text.trim() === '') {
      blank++;
      continue;
    } else {
      let value: Value | undefined;
      try {
        value = parseJsonValue(l.text);
      } catch {
        error = new CordonError('ERR_INPUT_INVALID', `line ${l.number} is not valid JSON`, { details: { line: l.number } });
      }
      if (error === undefined) {
        if (isStruct(value)) record = value;
        else error = new CordonError('ERR_INPUT_INVALID', `line ${l.number} is not a JSON object`, { details: { line: l.number } });
      }
    }
    if (error !== undefined) {
      if (!skip) throw error;
      options.onSkip?.({ line: l.number, error });
      continue;
    }
    yield record!;
  }
  if (lines === blank) throw new CordonError('ERR_INPUT_INVALID', lines === 0 ? 'empty input: no records' : 'no records: only blank lines');
}
