// Parquet output with hyparquet-writer, streamed: records are buffered until a row group is full
// (ROW_GROUP_ROWS rows or ROW_GROUP_CHARS characters, whichever comes first), the group is encoded
// and its bytes handed to the output before more records are taken, so memory is bounded by one
// row group, never the file. Every column is an optional UTF-8 string (BYTE_ARRAY/UTF8), as the
// readers give values (record.ts); snappy-compressed, with statistics.
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { CordonError } from '../../errors.js';
import type { ByteOutput, RecordWriter, RecordWriterOptions } from './types.js';

/** Rows per row group: small enough that a reader sampling the first rows decodes little. */
export const ROW_GROUP_ROWS = 10_000;
/** Characters buffered before a row group is cut early (wide or long-valued rows). */
export const ROW_GROUP_CHARS = 32 * 1024 * 1024;

export interface ParquetWriterOptions extends RecordWriterOptions {
  readonly rowGroupRows?: number;
  /** `created_by` in the file's metadata. */
  readonly createdBy?: string;
}

/** hyparquet-writer's ByteWriter whose bytes leave for the output after every row group. */
class OutputByteWriter extends ByteWriter {
  constructor(private readonly out: ByteOutput) {
    super(1024 * 1024);
  }

  flush(): Promise<void> {
    if (this.index === 0) return Promise.resolve();
    // A copy: the buffer is reused for the next row group while this one is being written.
    const bytes = new Uint8Array(this.buffer.slice(0, this.index));
    this.index = 0;
    return this.out.write(bytes);
  }

  override finish(): Promise<void> {
    return this.flush();
  }
}

/**
 * A Parquet writer.
 *
 * @example
 * ```ts
 * const w = createParquetWriter(out, { columns: ['id', 'email'] });
 * await w.write([{ id: '1', email: 'det_v1_…' }]);
 * await w.close(); // footer
 * ```
 */
export function createParquetWriter(out: ByteOutput, options: ParquetWriterOptions = {}): RecordWriter {
  const groupRows = options.rowGroupRows ?? ROW_GROUP_ROWS;
  if (!Number.isInteger(groupRows) || groupRows < 1) throw new TypeError('rowGroupRows must be a positive integer');
  let columns: readonly string[] | undefined = options.columns;
  let known: ReadonlySet<string> = new Set(columns);
  let pq: ParquetWriter | undefined;
  let data: Array<Array<string | null>> = [];
  let rows = 0;
  let chars = 0;

  const start = (): ParquetWriter => {
    const cols = columns ?? [];
    if (pq === undefined) {
      pq = new ParquetWriter({
        writer: new OutputByteWriter(out),
        schema: [
          { name: 'root', num_children: cols.length },
          ...cols.map((name) => ({ name, type: 'BYTE_ARRAY' as const, converted_type: 'UTF8' as const, repetition_type: 'OPTIONAL' as const })),
        ],
        ...(options.createdBy !== undefined ? { createdBy: options.createdBy } : {}),
      });
      data = cols.map(() => []);
    }
    return pq;
  };

  const flushGroup = async (): Promise<void> => {
    if (rows === 0) return;
    const writer = start();
    const cols = columns ?? [];
    const columnData = cols.map((name, i) => ({ name, data: data[i]! }));
    data = cols.map(() => []);
    rows = 0;
    chars = 0;
    await writer.write({ columnData, rowGroupSize: columnData[0]!.data.length });
  };

  return {
    async write(records) {
      if (records.length === 0) return;
      if (columns === undefined) {
        columns = Object.keys(records[0]!);
        known = new Set(columns);
      }
      start();
      const cols = columns;
      if (cols.length === 0) throw new CordonError('ERR_INPUT_INVALID', 'a Parquet file needs at least one column');
      for (const r of records) {
        for (const k of Object.keys(r)) {
          if (!known.has(k)) throw new CordonError('ERR_INPUT_INVALID', `column ${JSON.stringify(k)} is not among the output's columns`, { details: { column: k } });
        }
        for (let i = 0; i < cols.length; i++) {
          const v = r[cols[i]!] ?? null;
          if (v !== null) chars += v.length;
          data[i]!.push(v);
        }
        rows++;
        if (rows >= groupRows || chars >= ROW_GROUP_CHARS) await flushGroup();
      }
    },
    async close() {
      await flushGroup();
      await start().finish();
    },
  };
}
