// JSON output: one array of objects (`[` … `]`), one record per line inside it, each with its own
// keys in its own order and its values as they are (value.ts jsonOf, as JSONL writes them). The
// closing bracket is written by close(), so an output cut short is never a valid array.
import { jsonOf } from '../value.js';
import type { ByteOutput, RecordWriter, RecordWriterOptions } from './types.js';

const encoder = new TextEncoder();

/**
 * A JSON array writer.
 *
 * @example
 * ```ts
 * const w = createJsonArrayWriter(out);
 * await w.write([{ id: 1 }, { id: 2 }]);
 * await w.close(); // [\n{"id":1},\n{"id":2}\n]\n
 * ```
 */
export function createJsonArrayWriter(out: ByteOutput, _options: RecordWriterOptions = {}): RecordWriter {
  let started = false;
  return {
    async write(records) {
      if (records.length === 0) return;
      const body = records.map(jsonOf).join(',\n');
      await out.write(encoder.encode(started ? `,\n${body}` : `[\n${body}`));
      started = true;
    },
    async close() {
      await out.write(encoder.encode(started ? '\n]\n' : '[]\n'));
    },
  };
}
