// The append transaction of the SQLite audit store, shared by the store's own connection (sqlite.ts,
// synchronous appends) and the append worker (sqlite-append-worker.ts, a server's group commits off
// the event loop): one BEGIN IMMEDIATE transaction that reads the size, writes the entries, their
// leaf hashes (RFC 9162 §2.1.1) and every subtree they complete. Both connections run exactly this
// code, so an entry's bytes and the tree do not depend on which thread appended it. It must never
// append without reading the size inside the transaction: two writers serialise on SQLite's lock,
// and each continues the tree the other left.
import { CordonError } from '../../errors.js';
import { encodeEntry } from '../entry.js';
import type { AuditEvent } from '../event.js';
import { leafHash } from '../merkle/hash.js';
import { TreeBuilder, edgeNodes } from '../merkle/tree.js';

/** Rows per multi-row INSERT (7 × 64 = 448 parameters, well under SQLite's limit). */
const ROWS_PER_INSERT = 64;

/** What the append needs of a better-sqlite3 handle (named structurally: the package ships no declarations). */
export interface AppendHandle {
  prepare(source: string): { get(...params: unknown[]): unknown; run(...params: unknown[]): unknown };
  transaction(fn: (events: readonly AuditEvent[]) => TxResult): { immediate(events: readonly AuditEvent[]): TxResult };
}

interface TxResult { first: number; size: number; edge: Uint8Array[] }

export interface AppendResult {
  readonly first: number;
  readonly size: number;
}

/** Appends on one connection; `forget()` drops the cached right edge (after a failure, or another writer). */
export interface Appender {
  append(events: readonly AuditEvent[]): AppendResult;
  forget(): void;
}

/** The append transaction on `db` (its schema exists), with the right edge cached between appends. */
export function sqliteAppender(db: AppendHandle): Appender {
  const maxIdx = db.prepare('SELECT max(idx) AS m FROM audit_entries');
  const leaf = db.prepare('SELECT leaf AS h FROM audit_entries WHERE idx = ?');
  const node = db.prepare('SELECT hash AS h FROM audit_nodes WHERE level = ? AND idx = ?');
  const insertEntry = db.prepare('INSERT INTO audit_entries (idx, id, time, type, principal, entry, leaf) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertNode = db.prepare('INSERT INTO audit_nodes (level, idx, hash) VALUES (?, ?, ?)');
  const insertEntries = db.prepare(`INSERT INTO audit_entries (idx, id, time, type, principal, entry, leaf) VALUES ${Array(ROWS_PER_INSERT).fill('(?, ?, ?, ?, ?, ?, ?)').join(', ')}`);
  const insertNodes = db.prepare(`INSERT INTO audit_nodes (level, idx, hash) VALUES ${Array(ROWS_PER_INSERT).fill('(?, ?, ?)').join(', ')}`);
  /** The right edge after this connection's last append, reused when nobody appended since. */
  let cached: { size: number; edge: Uint8Array[] } | undefined;

  const loadEdge = (size: number): Uint8Array[] => edgeNodes(size).map(({ level, index }) => {
    const r = (level === 0 ? leaf.get(index) : node.get(level, index)) as { h: Buffer } | undefined;
    if (r === undefined) throw new CordonError('ERR_AUDIT_CHAIN_BROKEN', `the audit log is missing subtree ${level}:${index}; run \`cordon audit verify\``);
    return r.h;
  });

  const tx = db.transaction((events: readonly AuditEvent[]): TxResult => {
    const r = maxIdx.get() as { m: number | null };
    const size = r.m === null ? 0 : r.m + 1;
    const builder = new TreeBuilder({ size, edge: cached?.size === size ? cached.edge : loadEdge(size) });
    // Rows go in ROWS_PER_INSERT at a time: one statement per chunk instead of one per row.
    const entryArgs: unknown[] = [];
    const nodeArgs: unknown[] = [];
    const onNode = (level: number, index: number, hash: Uint8Array): void => {
      nodeArgs.push(level, index, hash);
      if (nodeArgs.length === ROWS_PER_INSERT * 3) insertNodes.run(nodeArgs.splice(0));
    };
    for (let i = 0; i < events.length; i++) {
      const ev = events[i]!;
      const entry = encodeEntry(ev, size + i);
      const lh = leafHash(entry);
      entryArgs.push(size + i, ev.id, ev.time, ev.type, ev.principal, entry, lh);
      if (entryArgs.length === ROWS_PER_INSERT * 7) insertEntries.run(entryArgs.splice(0));
      builder.push(lh, onNode);
    }
    for (let i = 0; i < entryArgs.length; i += 7) insertEntry.run(entryArgs.slice(i, i + 7));
    for (let i = 0; i < nodeArgs.length; i += 3) insertNode.run(nodeArgs.slice(i, i + 3));
    return { first: size, size: builder.size, edge: builder.edge() };
  });

  return {
    append(events) {
      try {
        const r = tx.immediate(events);
        cached = { size: r.size, edge: r.edge };
        return { first: r.first, size: r.size };
      } catch (e) {
        cached = undefined;
        throw e;
      }
    },
    forget() {
      cached = undefined;
    },
  };
}

/**
 * What a failed append means to the caller: the store stayed locked (ERR_KEYSTORE_BUSY), rows
 * already sit at the indexes being appended (ERR_AUDIT_CHAIN_BROKEN: the log was cut back), or
 * `undefined` for anything else (rethrown as it is). Takes SQLite's code, never a bound value.
 */
export function appendFailure(code: string | undefined, cause: unknown): CordonError | undefined {
  if (code === 'SQLITE_BUSY') return new CordonError('ERR_KEYSTORE_BUSY', 'the audit log stayed locked by another process', { cause });
  if (code !== undefined && /^SQLITE_CONSTRAINT/.test(code)) {
    return new CordonError('ERR_AUDIT_CHAIN_BROKEN', 'the audit log holds entries or subtree hashes past its end (cut back?); run `cordon audit verify`', { cause });
  }
  return undefined;
}
