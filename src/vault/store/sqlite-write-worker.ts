// The worker of sqlite-writer.ts: its own connection to vault.db, which runs the format v2 group
// commits (INSERT … ON CONFLICT DO NOTHING, one IMMEDIATE transaction per message) so that the
// B-tree inserts and the commit's WAL writes never hold the server's event loop; a second instance
// (the store's reader) answers v2 lookups (IN lists over the primary key) the same way. It answers a
// message only after its transaction committed (or failed, and rolled back): the caller resolves
// its waiters on that answer, so nothing is acknowledged before it is in the WAL. It never sees a
// value, only tokens (synthetic IVs) and ciphertexts; an error names SQLite's code and message,
// which never carry bound parameters.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { SealedRow, SivSealedRow, VaultRow } from '../types.js';
import type { ReadReply, ReadRequest, StoreOp, StoreOpReply, WriteBatch, WriteReply } from './sqlite-writer.js';

const { path, autocheckpoint } = workerData as { path: string; autocheckpoint: number | undefined };

let db: Database.Database;
try {
  db = new Database(path, { fileMustExist: true });
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  db.pragma('cache_size = -65536');
  if (autocheckpoint !== undefined) db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
} catch (e) {
  // The caller fails every write (closed: nothing is acknowledged) and says why.
  parentPort!.postMessage({ id: 0, error: { code: 'OPEN', message: (e as Error).message } } satisfies WriteReply);
  process.exit(1);
}

const insert = db.prepare('INSERT INTO vault_siv (namespace, token, ciphertext, key_version, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');

/** Commits the message's rows; flags the rows that inserted nothing (their token was stored already). */
const commit = db.transaction((batch: WriteBatch): Uint8Array => {
  const tokens = Buffer.from(batch.tokens.buffer, batch.tokens.byteOffset, batch.tokens.byteLength);
  const data = Buffer.from(batch.data.buffer, batch.data.byteOffset, batch.data.byteLength);
  const n = batch.ends.length;
  const group = new Uint32Array(n);
  for (let i = 0, g = 0; i < n; i++) {
    while (i >= batch.groups[g]!.last) g++;
    group[i] = g;
  }
  const existed = new Uint8Array(n);
  // Every row of the message in key order: neighbouring inserts share B-tree pages.
  for (const i of keyOrder(batch, tokens, group)) {
    const m = batch.groups[group[i]!]!;
    if (insert.run(m.namespace, tokens.subarray(i * 16, i * 16 + 16), data.subarray(i === 0 ? 0 : batch.ends[i - 1]!, batch.ends[i]!), m.keyVersion, m.createdAt, m.expiresAt).changes === 0) existed[i] = 1;
  }
  return existed;
});

/**
 * The message's row indexes in key order: by namespace, then by token. Tokens are ordered by their
 * first 4 bytes as numbers (prefix · 2^20 + row, exact in a double), as the reads do: a float sort
 * instead of a Buffer.compare per comparison (4,096 rows: 0.78 -> 0.10 µs a row); equal prefixes
 * are rare and only cost locality. The order never changes what is stored (a v2 token is its
 * value's synthetic IV: the same token always carries the same ciphertext).
 */
function keyOrder(batch: WriteBatch, tokens: Buffer, group: Uint32Array): Iterable<number> {
  const n = group.length;
  if (n >= 0x100000) {
    // Past 2^20 rows the row number no longer fits beside the prefix: compare the buffers.
    const ns = batch.groups.map((x) => x.namespace);
    return Array.from({ length: n }, (_, i) => i).sort((x, y) => {
      const a = ns[group[x]!]!;
      const b = ns[group[y]!]!;
      return a < b ? -1 : a > b ? 1 : Buffer.compare(tokens.subarray(x * 16, x * 16 + 16), tokens.subarray(y * 16, y * 16 + 16));
    });
  }
  const names = [...new Set(batch.groups.map((x) => x.namespace))].sort();
  const rank = batch.groups.map((x) => names.indexOf(x.namespace));
  const out = new Uint32Array(n);
  let at = 0;
  for (let r = 0; r < names.length; r++) {
    let count = 0;
    for (let i = 0; i < n; i++) if (rank[group[i]!] === r) count++;
    const order = new Float64Array(count);
    for (let i = 0, k = 0; i < n; i++) if (rank[group[i]!] === r) order[k++] = tokens.readUInt32BE(i * 16) * 0x100000 + i;
    order.sort();
    for (let k = 0; k < count; k++) out[at++] = order[k]! % 0x100000;
  }
  return out;
}

/** Keys bound per IN list, and the list sizes prepared (as the store's own reads: sqlite.ts). */
const CHUNK = 512;
const SIZES = [1, 4, 16, 64, 128, 256, CHUNK] as const;
const inList = (n: number) => Array.from({ length: n }, () => '?').join(',');
const lookups = new Map(SIZES.map((n) => [n, db.prepare(`SELECT token, ciphertext, key_version, expires_at FROM vault_siv WHERE namespace = ? AND token IN (${inList(n)})`).raw()]));

/**
 * The rows of the 16-byte keys found, end to end. Keys are looked up in (about) key order, by their
 * first 4 bytes as numbers (prefix · 2^20 + position): each IN list then covers one narrow range of
 * the B-tree (see SqliteVaultStore.getSiv).
 */
function read(m: ReadRequest): ReadReply {
  const keys = Buffer.from(m.keys.buffer, m.keys.byteOffset, m.keys.byteLength);
  const n = keys.length / 16;
  const order = new Float64Array(n);
  for (let i = 0; i < n; i++) order[i] = keys.readUInt32BE(i * 16) * 0x100000 + i;
  order.sort();
  const tokens: Buffer[] = [];
  const cts: Buffer[] = [];
  const versions: number[] = [];
  const expires: number[] = [];
  for (let i = 0; i < n; i += CHUNK) {
    const count = Math.min(CHUNK, n - i);
    const size = SIZES.find((s) => s >= count)!;
    const args: unknown[] = new Array(size + 1);
    args[0] = m.namespace;
    for (let k = 0; k < size; k++) {
      const at = order[i + (k < count ? k : 0)]! % 0x100000;
      args[k + 1] = keys.subarray(at * 16, at * 16 + 16);
    }
    for (const row of lookups.get(size)!.all(...args) as unknown[][]) {
      tokens.push(row[0] as Buffer);
      cts.push(row[1] as Buffer);
      versions.push(row[2] as number);
      expires.push(row[3] === null ? Number.NaN : (row[3] as number));
    }
  }
  const data = Buffer.concat(cts);
  const ends = new Uint32Array(cts.length);
  let at = 0;
  cts.forEach((c, i) => (ends[i] = at += c.length));
  return { id: m.id, tokens: new Uint8Array(Buffer.concat(tokens)), data: new Uint8Array(data), ends, versions: Float64Array.from(versions), expires: Float64Array.from(expires) };
}

// The other writes (StoreOp): the statements of the store's own connection (sqlite.ts), here so that
// a server's event loop never waits on them.
const insertV1 = db.prepare('INSERT INTO vault_tokens (namespace, token, mac, ciphertext, key_version, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
const byMac = db.prepare('SELECT token FROM vault_tokens WHERE namespace = ? AND mac = ?').pluck();
const resealV1 = db.prepare('UPDATE vault_tokens SET ciphertext = ?, key_version = ? WHERE namespace = ? AND token = ?');
const resealV2 = db.prepare('UPDATE vault_siv SET ciphertext = ?, key_version = ? WHERE namespace = ? AND token = ?');
const deleteV1 = db.prepare('DELETE FROM vault_tokens WHERE namespace = ? AND token = ?');
const deleteV2 = db.prepare('DELETE FROM vault_siv WHERE namespace = ? AND token = ?');
const removeV1 = db.prepare('DELETE FROM vault_tokens WHERE namespace = ? AND created_at < ?');
const removeV2 = db.prepare('DELETE FROM vault_siv WHERE namespace = ? AND created_at < ?');
const bytes = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** As SqliteVaultStore.putMany: our token when our row went in, else the one its MAC holds. */
function put(namespace: string, rows: readonly VaultRow[]): Array<[string, string]> {
  const out = new Map<string, string>();
  for (const r of rows) {
    const hex = bytes(r.mac).toString('hex');
    if (out.has(hex)) continue;
    if (insertV1.run(namespace, r.token, bytes(r.mac), bytes(r.ciphertext), r.keyVersion, r.createdAt, r.expiresAt ?? null).changes === 1) {
      out.set(hex, r.token);
      continue;
    }
    const stored = byMac.get(namespace, bytes(r.mac)) as string | undefined;
    if (stored !== undefined) out.set(hex, stored);
  }
  return [...out];
}

const runOp = db.transaction((m: StoreOp): StoreOpReply => {
  let changes = 0;
  switch (m.op) {
    case 'put':
      return { id: m.id, stored: put(m.namespace, m.rows) };
    case 'reseal':
      for (const r of m.rows as SealedRow[]) changes += resealV1.run(bytes(r.ciphertext), r.keyVersion, r.namespace, r.token).changes;
      break;
    case 'reseal-siv':
      for (const r of m.rows as SivSealedRow[]) changes += resealV2.run(bytes(r.ciphertext), r.keyVersion, r.namespace, bytes(r.token)).changes;
      break;
    case 'delete':
      for (const t of m.tokens) changes += deleteV1.run(m.namespace, t).changes;
      for (const t of m.sivTokens) changes += deleteV2.run(m.namespace, bytes(t)).changes;
      break;
    case 'remove-before':
      changes = removeV1.run(m.namespace, m.before).changes + removeV2.run(m.namespace, m.before).changes;
      break;
    case 'vacuum':
      throw new TypeError('vacuum runs outside a transaction');
  }
  return { id: m.id, changes };
});

function storeOp(m: StoreOp): StoreOpReply {
  if (m.op === 'vacuum') {
    // The WAL may still hold page images written before a delete: checkpoint and truncate it, then rebuild the file.
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { id: m.id, changes: 0 };
  }
  // secure_delete: the freed cells are zeroed in this write, not left in free pages for reuse.
  if (m.op === 'delete' || m.op === 'remove-before') db.pragma('secure_delete = ON');
  return runOp.immediate(m);
}

parentPort!.on('message', (m: WriteBatch | ReadRequest | StoreOp | 'stop') => {
  if (m === 'stop') {
    db.close();
    parentPort!.close();
    return;
  }
  let reply: WriteReply | ReadReply | StoreOpReply;
  try {
    if ('op' in m) reply = storeOp(m);
    else if ('keys' in m) reply = read(m);
    else {
      reply = { id: m.id, existed: commit.immediate(m) };
    }
  } catch (e) {
    reply = { id: m.id, error: { code: String((e as { code?: unknown }).code ?? 'ERROR'), message: (e as Error).message } };
  }
  parentPort!.postMessage(reply);
});
