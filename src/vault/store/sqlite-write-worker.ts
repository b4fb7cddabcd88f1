// The worker of sqlite-writer.ts: its own connection to vault.db, which runs the format v2 group
// commits (INSERT … ON CONFLICT DO NOTHING, one IMMEDIATE transaction per message) so that the
// B-tree inserts and the commit's WAL writes never hold the server's event loop. It answers a
// message only after its transaction committed (or failed, and rolled back): the caller resolves
// its waiters on that answer, so nothing is acknowledged before it is in the WAL. It never sees a
// value, only tokens (synthetic IVs) and ciphertexts; an error names SQLite's code and message,
// which never carry bound parameters.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { WriteBatch, WriteReply } from './sqlite-writer.js';

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

interface Row { readonly group: number; readonly token: Buffer; readonly ciphertext: Buffer }

const commit = db.transaction((batch: WriteBatch) => {
  const tokens = Buffer.from(batch.tokens.buffer, batch.tokens.byteOffset, batch.tokens.byteLength);
  const data = Buffer.from(batch.data.buffer, batch.data.byteOffset, batch.data.byteLength);
  const rows: Row[] = new Array(batch.ends.length);
  let g = 0;
  let start = 0;
  for (let i = 0; i < batch.ends.length; i++) {
    while (i >= batch.groups[g]!.last) g++;
    const end = batch.ends[i]!;
    rows[i] = { group: g, token: tokens.subarray(i * 16, i * 16 + 16), ciphertext: data.subarray(start, end) };
    start = end;
  }
  // Every row of the message in key order: neighbouring inserts share B-tree pages.
  const ns = batch.groups.map((x) => x.namespace);
  rows.sort((x, y) => {
    const a = ns[x.group]!;
    const b = ns[y.group]!;
    return a < b ? -1 : a > b ? 1 : Buffer.compare(x.token, y.token);
  });
  for (const r of rows) {
    const m = batch.groups[r.group]!;
    insert.run(m.namespace, r.token, r.ciphertext, m.keyVersion, m.createdAt, m.expiresAt);
  }
});

parentPort!.on('message', (m: WriteBatch | 'stop') => {
  if (m === 'stop') {
    db.close();
    parentPort!.close();
    return;
  }
  let reply: WriteReply;
  try {
    commit.immediate(m);
    reply = { id: m.id };
  } catch (e) {
    reply = { id: m.id, error: { code: String((e as { code?: unknown }).code ?? 'ERROR'), message: (e as Error).message } };
  }
  parentPort!.postMessage(reply);
});
