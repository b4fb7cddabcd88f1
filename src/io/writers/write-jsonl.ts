// JSONL output: one JSON object per line, UTF-8. Keys in the writer's column order first, then any
// others the record holds; a key the record lacks is left out (JSONL has no fixed schema), null
// stays null.
import type { ByteOutput, RecordWriter, RecordWriterOptions } from './types.js';

const encoder = new TextEncoder();

/**
 * A JSONL writer.
 *
 * @example
 * ```ts
 * const w = createJsonlWriter(out);
 * await w.write([{ id: '1', email: null }]); // {"id":"1","email":null}
 * await w.close();
 * ```
 */
export function createJsonlWriter(out: ByteOutput, options: RecordWriterOptions = {}): RecordWriter {
  const columns = options.columns ?? [];
  const order = (r: Readonly<Record<string, string | null>>): Array<[string, string | null]> => {
    const entries: Array<[string, string | null]> = [];
    for (const c of columns) if (Object.hasOwn(r, c)) entries.push([c, r[c] ?? null]);
    if (entries.length !== Object.keys(r).length) {
      const seen = new Set(columns);
      for (const [k, v] of Object.entries(r)) if (!seen.has(k)) entries.push([k, v]);
    }
    return entries;
  };
  return {
    async write(records) {
      if (records.length === 0) return;
      // Object.fromEntries makes "__proto__" an own key, so JSON.stringify keeps it.
      const text = records.map((r) => JSON.stringify(Object.fromEntries(order(r)))).join('\n') + '\n';
      await out.write(encoder.encode(text));
    },
    async close() {},
  };
}
