// JSONL output: one JSON object per line, UTF-8, each record with its own keys in its own order,
// nested values and types as they are (value.ts jsonOf: bigints as exact digits, dates and
// timestamps as ISO strings). A key the record lacks is left out (JSONL has no fixed schema).
import { jsonOf } from '../value.js';
import type { ByteOutput, RecordWriter, RecordWriterOptions } from './types.js';

const encoder = new TextEncoder();

/**
 * A JSONL writer.
 *
 * @example
 * ```ts
 * const w = createJsonlWriter(out);
 * await w.write([{ id: 1, user: { email: null } }]); // {"id":1,"user":{"email":null}}
 * await w.close();
 * ```
 */
export function createJsonlWriter(out: ByteOutput, _options: RecordWriterOptions = {}): RecordWriter {
  return {
    async write(records) {
      if (records.length === 0) return;
      await out.write(encoder.encode(records.map(jsonOf).join('\n') + '\n'));
    },
    async close() {},
  };
}
