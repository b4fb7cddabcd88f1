// Dataset record writers (CSV, TSV, JSONL, JSON arrays, Parquet). Re-exports only.
export { openRecordWriter, type OpenWriterOptions } from './open-writer.js';
export { createDelimitedWriter, type DelimitedWriterOptions } from './write-delimited.js';
export { createJsonArrayWriter } from './write-json.js';
export { createJsonlWriter } from './write-jsonl.js';
export { createParquetWriter, ROW_GROUP_ROWS, ROW_GROUP_CHARS, type ParquetWriterOptions } from './write-parquet.js';
export type { ByteOutput, RecordWriter, RecordWriterOptions } from './types.js';
