// The record writer interface every output format implements, and the byte output it writes to.
// Writers hold at most one batch (or one Parquet row group) in memory and never open files
// themselves: the caller owns the destination (atomic temp file, encryption stream, memory).
import type { DatasetRecord } from '../record.js';

/** Where a writer's bytes go. `write` resolves when the bytes are accepted (backpressure). */
export interface ByteOutput {
  write(bytes: Uint8Array): Promise<void>;
}

/** Writes records in one format. `close` writes what a format needs at the end (Parquet's footer). */
export interface RecordWriter {
  write(records: readonly DatasetRecord[]): Promise<void>;
  close(): Promise<void>;
}

export interface RecordWriterOptions {
  /**
   * Column names and order. Default: the keys of the first record written (CSV, TSV, Parquet); JSONL
   * writes each record's own keys in this order, then any others it holds.
   */
  readonly columns?: readonly string[];
}
