// The record writer interface every output format implements, and the byte output it writes to.
// Writers hold at most one batch (or one Parquet row group) in memory and never open files
// themselves: the caller owns the destination (atomic temp file, encryption stream, memory).
import type { TypedRecord } from '../value.js';

/** Where a writer's bytes go. `write` resolves when the bytes are accepted (backpressure). */
export interface ByteOutput {
  write(bytes: Uint8Array): Promise<void>;
}

/** Writes records in one format. `close` writes what a format needs at the end (Parquet's footer). */
export interface RecordWriter {
  write(records: readonly TypedRecord[]): Promise<void>;
  close(): Promise<void>;
}

export interface RecordWriterOptions {
  /**
   * CSV and TSV: the column names (dotted for nested values) and their order; default the first
   * record's. Parquet: the columns of an output without records (else drafted from the records).
   * JSONL writes each record as it is.
   */
  readonly columns?: readonly string[];
}
