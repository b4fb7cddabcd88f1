// Storage for the Merkle audit log: entries with their leaf hashes, the hash of every complete
// subtree (so roots and proofs never rehash the log), and signed checkpoints. One interface, one
// file per backend (sqlite.ts, postgres.ts). Implementations make `append` atomic and serialise
// concurrent writers, and compute nodes inside the same transaction as the entries.
import type { AuditEvent } from '../event.js';

export interface StoredEntry {
  readonly index: number;
  /** The exact entry bytes the leaf hash covers. */
  readonly entry: Uint8Array;
  /** SHA-256(0x00 ‖ entry) as written at append time. */
  readonly leafHash: Uint8Array;
  readonly id: string;
  readonly time: string;
  readonly type: string;
  readonly principal: string;
}

export interface StoredCheckpoint {
  readonly size: number;
  /** The signed note (C2SP tlog-checkpoint). */
  readonly note: string;
  readonly createdAt: string;
}

export interface NodeRef {
  readonly level: number;
  readonly index: number;
}

export interface AuditQuery {
  /** ISO-8601 time; events at or after it. */
  readonly since?: string;
  readonly type?: string;
  readonly principal?: string;
  /** Index to start from (inclusive). */
  readonly from?: number;
  readonly limit?: number;
}

export interface AuditStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Appends events in order, in one transaction; returns the index of the first and the new size. */
  append(events: readonly AuditEvent[]): Promise<{ readonly first: number; readonly size: number }>;
  /** Number of entries. */
  size(): Promise<number>;
  /** Stored complete-subtree hashes, keyed `level:index` (level 0 = leaf hashes). Missing ones are absent. */
  nodes(refs: readonly NodeRef[]): Promise<Map<string, Uint8Array>>;
  /** Entries with index ≥ `from`, in index order, at most `limit`. */
  entries(from: number, limit: number): Promise<StoredEntry[]>;
  /** Stored interior nodes of one level with index ≥ `from`, in index order, at most `limit`. */
  levelNodes(level: number, from: number, limit: number): Promise<{ index: number; hash: Uint8Array }[]>;
  /** Index of the event with this id. */
  findIndex(eventId: string): Promise<number | undefined>;
  query(q: AuditQuery): Promise<StoredEntry[]>;
  addCheckpoint(size: number, note: string): Promise<void>;
  /** All checkpoints, smallest size first. */
  checkpoints(): Promise<StoredCheckpoint[]>;
  /** Reads a setting, writing `init()` first when it is absent (first writer wins). */
  meta(key: string, init: () => string): Promise<string>;
  close(): Promise<void>;
}

export const nodeKey = (level: number, index: number): string => `${level}:${index}`;
