// How durable an audit event is when the log says it is stored (`flushEmitted()` resolves, so the
// server answers). Two modes, a tagged union:
// - `sync` (the default): on disk. SQLite: the commit's WAL is fdatasync'ed; PostgreSQL: a
//   synchronous commit. Survives a process crash, an OS crash and a power loss.
// - `batch` (opt-in): committed, and synced within `windowMs`. SQLite: the commit is in the WAL
//   file (the kernel holds it: a kill -9 of the process loses nothing answered) and one fdatasync
//   covers every commit of the window, off the append path; PostgreSQL: `synchronous_commit = off`
//   for the append transaction (the database syncs it within 3 × wal_writer_delay). An OS crash or
//   power loss may lose the events answered in the last window; a process crash never does. As
//   PostgreSQL's synchronous_commit=off. A failed background sync fails every later append (closed).
// A checkpoint (which the anchor then records) is always synced before it is stored as signed.
export type AuditDurability =
  | { readonly kind: 'sync' }
  | { readonly kind: 'batch'; readonly windowMs: number };

/** The default loss window of `batch` (ms). */
export const AUDIT_SYNC_WINDOW_MS = 20;
/** Its bounds: a window of 0 is `sync`; more than a second is not a bounded loss a reader would accept. */
export const MIN_AUDIT_SYNC_WINDOW_MS = 1;
export const MAX_AUDIT_SYNC_WINDOW_MS = 1000;

/** The durability the log uses unless a caller opts out: on disk before the answer. */
export const SYNC_DURABILITY: AuditDurability = { kind: 'sync' };

/** `batch` with a checked window (TypeError outside 1–1000 ms: a programmer's mistake; configs are validated first). */
export function batchDurability(windowMs: number = AUDIT_SYNC_WINDOW_MS): AuditDurability {
  if (!Number.isInteger(windowMs) || windowMs < MIN_AUDIT_SYNC_WINDOW_MS || windowMs > MAX_AUDIT_SYNC_WINDOW_MS) {
    throw new TypeError(`the audit sync window is ${MIN_AUDIT_SYNC_WINDOW_MS}–${MAX_AUDIT_SYNC_WINDOW_MS} ms`);
  }
  return { kind: 'batch', windowMs };
}
