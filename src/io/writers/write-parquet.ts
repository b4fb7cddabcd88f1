// Parquet output with hyparquet-writer, streamed: records are buffered until a row group is full
// (ROW_GROUP_ROWS rows or ROW_GROUP_CHARS characters, whichever comes first), the group is encoded
// and its bytes handed to the output before more records are taken, so memory is bounded by one
// row group, never the file. Values keep their types and nesting: the schema is drafted from the
// first row group (parquet-schema.ts), with the input's Parquet schema as a hint so unchanged columns
// keep their exact types; snappy-compressed, with statistics.
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { SchemaElement } from 'hyparquet';
import { CordonError } from '../../errors.js';
import type { TypedRecord } from '../value.js';
import { draftSchema, flatSchema, writable, type NullHint, type SchemaNode } from './parquet-schema.js';
import type { ByteOutput, RecordWriter, RecordWriterOptions } from './types.js';

/** Rows per row group: small enough that a reader sampling the first rows decodes little. */
export const ROW_GROUP_ROWS = 10_000;
/** Characters buffered before a row group is cut early (wide or long-valued rows). */
export const ROW_GROUP_CHARS = 32 * 1024 * 1024;

export interface ParquetWriterOptions extends RecordWriterOptions {
  readonly rowGroupRows?: number;
  /** `created_by` in the file's metadata. */
  readonly createdBy?: string;
  /** The input's Parquet schema: columns whose values still fit keep their exact types. */
  readonly schemaHint?: readonly SchemaElement[];
  /** The type of a column that is null in every drafted row (from the contract's logicalType). */
  readonly nullHint?: NullHint;
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
  const nullHint: NullHint = options.nullHint ?? (() => undefined);
  let schema: SchemaNode[] | undefined;
  let known: ReadonlySet<string> = new Set();
  let pq: ParquetWriter | undefined;
  let buffered: TypedRecord[] = [];
  let chars = 0;

  /** The schema, drafted from the first group (or, for an empty output, the given columns). */
  const start = (first: readonly TypedRecord[]): ParquetWriter => {
    if (pq !== undefined) return pq;
    let columns: readonly string[];
    if (first.length > 0) {
      const names: string[] = [];
      const seen = new Set<string>();
      for (const r of first) for (const k of Object.keys(r)) if (!seen.has(k)) { seen.add(k); names.push(k); }
      columns = names;
    } else {
      columns = options.columns ?? [];
    }
    if (columns.length === 0) throw new CordonError('ERR_INPUT_INVALID', 'a Parquet file needs at least one column');
    schema = draftSchema(columns, first, options.schemaHint, nullHint);
    known = new Set(columns);
    pq = new ParquetWriter({
      writer: new OutputByteWriter(out),
      // hyparquet-writer bundles its own hyparquet: the same SchemaElement shape under another type name.
      schema: flatSchema(schema) as unknown as ConstructorParameters<typeof ParquetWriter>[0]['schema'],
      ...(options.createdBy !== undefined ? { createdBy: options.createdBy } : {}),
    });
    return pq;
  };

  const flushGroup = async (): Promise<void> => {
    if (buffered.length === 0) return;
    const group = buffered;
    buffered = [];
    chars = 0;
    const writer = start(group);
    for (const r of group) {
      for (const k of Object.keys(r)) {
        if (!known.has(k)) throw new CordonError('ERR_INPUT_INVALID', `column ${JSON.stringify(k)} is not among the output's columns (the Parquet schema is drafted from the first ${groupRows} records)`, { details: { column: k } });
      }
    }
    const columnData = schema!.map((node) => {
      const name = node.element.name;
      return { name, data: group.map((r) => writable(Object.hasOwn(r, name) ? r[name] : null, node, name)) };
    });
    try {
      await writer.write({ columnData, rowGroupSize: group.length });
    } catch (e) {
      if (e instanceof CordonError) throw e;
      // hyparquet-writer's messages name types and lengths, never values.
      throw new CordonError('ERR_INPUT_INVALID', `cannot write the Parquet row group: ${e instanceof Error ? e.message.slice(0, 200) : 'unknown error'}`, { cause: e });
    }
  };

  return {
    async write(records) {
      for (const r of records) {
        buffered.push(r);
        for (const v of Object.values(r)) chars += typeof v === 'string' ? v.length : 8;
        if (buffered.length >= groupRows || chars >= ROW_GROUP_CHARS) await flushGroup();
      }
    },
    async close() {
      await flushGroup();
      await start([]).finish();
    },
  };
}
