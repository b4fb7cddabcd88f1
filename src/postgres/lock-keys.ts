// Every advisory lock key Cordon's PostgreSQL stores take, in one place, so that no two stores
// share one by accident (the API key store and the conversation vault once did: they waited for each
// other's schema creation). A key is one bigint (pg_advisory_lock(k)) or two int4
// (pg_advisory_lock(a, b)); the two forms live in separate key spaces in PostgreSQL. A unit test
// checks that the keys below are pairwise distinct within each form. The audit log's key depends on
// its table prefix (`auditLockKey`), under 'CORD' as the first int4 like the key store's and lineage's.

/** One bigint keys, taken while a store creates or migrates its tables. */
export const SCHEMA_LOCKS = {
  vault: 7244511,
  apiKeys: 7244512,
  workspaceMeta: 7244513,
  auditAnchor: 7244514,
  privacyLedger: 7244517,
  subjectIndex: 7244518,
  consent: 7244519,
  conversationVault: 7244520,
} as const;

/** 'CORD' as a signed int4: the first half of every two-int4 key. */
const CORD = 0x434f5244 | 0;

/** Two-int4 keys: 'CORD' plus four letters. */
export const PAIR_LOCKS = {
  /** The key store's schema creation: 'CORD' 'KEYS'. */
  keys: [CORD, 0x4b455953 | 0],
  /** Lineage schema creation: 'CORD' 'LNS1'. */
  lineageSchema: [CORD, 0x4c4e5331 | 0],
  /** Lineage appends: 'CORD' 'LNA1'. */
  lineageAppend: [CORD, 0x4c4e4131 | 0],
} as const satisfies Record<string, readonly [number, number]>;

/** The audit log's lock for one table prefix: 'CORD' plus an FNV-1a hash of the prefix. */
export function auditLockKey(prefix: string): [number, number] {
  let h = 0x811c9dc5;
  for (const c of Buffer.from(`cordon-audit:${prefix}`)) h = Math.imul(h ^ c, 0x01000193) >>> 0;
  return [CORD, h | 0];
}
