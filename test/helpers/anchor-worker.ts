// Appends to an anchored audit log from a separate process, signing a checkpoint (and so advancing
// the anchor) after every batch: two of these at once exercise the "anchor only moves forward" rule.
// Usage: node anchor-worker.js <sqlite:dir | postgres:url> <count> <batch> <principal> <anchor key hex> <signing seed hex>
import { join } from 'node:path';
import pg from 'pg';
import { keptAnchor } from '../../src/audit/anchor/kept.js';
import { PostgresAnchorStore } from '../../src/audit/anchor/postgres.js';
import { SqliteAnchorStore } from '../../src/audit/anchor/sqlite.js';
import type { AnchorStore } from '../../src/audit/anchor/types.js';
import { MerkleAuditLog } from '../../src/audit/log.js';
import { auditEvent } from '../../src/audit/make-event.js';
import { ed25519NoteSigner } from '../../src/audit/signed-note.js';
import { PostgresAuditStore } from '../../src/audit/store/postgres.js';
import { SqliteAuditStore } from '../../src/audit/store/sqlite.js';
import type { AuditStore } from '../../src/audit/store/types.js';
import { ed25519PublicKey } from '../../src/crypto/ed25519.js';

const [loc, countArg, batchArg, principal, keyHex, seedHex] = process.argv.slice(2);
const key = new Uint8Array(Buffer.from(keyHex!, 'hex'));
const seed = new Uint8Array(Buffer.from(seedHex!, 'hex'));

let pool: pg.Pool | undefined;
async function open(l: string): Promise<{ store: AuditStore; anchorStore: AnchorStore }> {
  if (l.startsWith('sqlite:')) {
    const dir = l.slice(7);
    return { store: SqliteAuditStore.open(join(dir, 'audit.db')), anchorStore: SqliteAnchorStore.open(join(dir, 'keys.db')) };
  }
  const url = l.slice(9);
  pool = new pg.Pool({ connectionString: url, max: 2 });
  return { store: await PostgresAuditStore.open(url, { pool }), anchorStore: await PostgresAnchorStore.open(pool) };
}

const { store, anchorStore } = await open(loc!);
const log = new MerkleAuditLog(store, {
  signer: async (origin) => ed25519NoteSigner(origin, seed, ed25519PublicKey(seed)),
  anchor: keptAnchor(anchorStore, async () => key),
  checkpointEvery: 0,
});
const count = Number(countArg);
const batch = Number(batchArg);
for (let done = 0; done < count; done += batch) {
  await log.appendMany(Array.from({ length: Math.min(batch, count - done) }, (_, i) =>
    auditEvent({ type: 'file.decrypt', outcome: 'success', principal: principal!, attributes: { n: done + i } })));
  await log.checkpoint();
}
await log.close();
await pool?.end();
process.stdout.write('done\n');
