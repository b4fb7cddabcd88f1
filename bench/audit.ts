// `npm run bench:audit [-- --events N --batch B]`: the tamper-evident audit log.
//   append      events/s through MerkleAuditLog.appendMany (one transaction per batch; entries,
//               leaf hashes and completed subtrees), into SQLite and, when CORDON_TEST_PG_URL is
//               set, PostgreSQL; also single-event emit() (one transaction per event) on SQLite
//   checkpoint  signed checkpoints per second (root from stored subtrees + Ed25519 + insert)
//   prove       inclusion proof generation time for random events of the full log
//   verify      full verification of the whole log (re-read and rehash every entry, every subtree,
//               every checkpoint)
// Default N = 1,000,000 (the target: ≥ 50k events/s into SQLite, verify 1M in < 60 s).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { auditEvent } from '../src/audit/make-event.js';
import { MerkleAuditLog } from '../src/audit/log.js';
import { decodeEntry } from '../src/audit/entry.js';
import { ed25519NoteSigner, noteKeyId } from '../src/audit/signed-note.js';
import { SqliteAuditStore } from '../src/audit/store/sqlite.js';
import { PostgresAuditStore } from '../src/audit/store/postgres.js';
import type { AuditStore } from '../src/audit/store/types.js';
import { verifyAuditLog } from '../src/audit/verify-log.js';
import { ed25519Generate } from '../src/crypto/ed25519.js';
import type { AuditEvent } from '../src/audit/event.js';

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const N = arg('--events', 1_000_000);
const BATCH = arg('--batch', 10_000);
const PG_URL = process.env['CORDON_TEST_PG_URL'];
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const kp = ed25519Generate();

function events(from: number, count: number): AuditEvent[] {
  return Array.from({ length: count }, (_, i) => auditEvent({
    type: (from + i) % 4 === 0 ? 'key.unwrap' : 'file.decrypt', outcome: 'success', principal: `svc-${(from + i) % 7}`,
    key: { name: 'default', version: 1 }, attributes: { object: `s3://bucket/part-${from + i}.parquet`, bytes: 1048576 },
  }));
}

/** Wall seconds and CPU seconds of this process (user + system): on a busy machine compare the CPU figure. */
async function timed<T>(f: () => Promise<T>): Promise<{ s: number; cpu: number; value: T }> {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const value = await f();
  const c = process.cpuUsage(c0);
  return { s: Number(process.hrtime.bigint() - t0) / 1e9, cpu: (c.user + c.system) / 1e6, value };
}

async function bench(name: string, store: AuditStore, n: number): Promise<void> {
  const log = new MerkleAuditLog(store, { checkpointEvery: 0, signer: async (origin) => ed25519NoteSigner(origin, kp.seed, kp.publicKey) });
  // Append, batched (event construction is outside the timing).
  let appendS = 0;
  let appendCpu = 0;
  for (let i = 0; i < n; i += BATCH) {
    const batch = events(i, Math.min(BATCH, n - i));
    const t = await timed(() => log.appendMany(batch));
    appendS += t.s;
    appendCpu += t.cpu;
  }
  console.log(`${name.padEnd(9)} append (batches of ${BATCH})   ${fmt(n)} events in ${appendS.toFixed(2)} s → ${fmt(n / appendS)} events/s wall, ${fmt(n / appendCpu)}/CPU-s`);
  if (store instanceof SqliteAuditStore) {
    const single = 2_000;
    const evs = events(n, single);
    const { s } = await timed(async () => { for (const e of evs) log.emit(e); });
    console.log(`${name.padEnd(9)} emit (1 event/transaction) ${fmt(single)} events in ${s.toFixed(2)} s → ${fmt(single / s)} events/s (synchronous=FULL: one fsync each)`);
  }
  // Checkpoints: append one event between them so each signs a new size.
  const cps = 200;
  let cpS = 0;
  for (let i = 0; i < cps; i++) {
    await log.appendMany(events(0, 1));
    cpS += (await timed(() => log.checkpoint())).s;
  }
  console.log(`${name.padEnd(9)} checkpoint                  ${cps} in ${cpS.toFixed(2)} s → ${fmt(cps / cpS)} signed checkpoints/s (${((cpS / cps) * 1000).toFixed(2)} ms each)`);
  // Proofs for random events against the newest checkpoint.
  const size = await store.size();
  const origin = await log.origin();
  const verifier = { name: origin, keyId: noteKeyId(origin, kp.publicKey), publicKey: kp.publicKey };
  const ids: string[] = [];
  for (let i = 0; i < 200; i++) ids.push(decodeEntry((await store.entries(Math.floor(Math.random() * size), 1))[0]!.entry).id);
  const { s: proveS } = await timed(async () => { for (const id of ids) await log.prove(id, [verifier]); });
  const { s: proofS } = await timed(async () => { for (let i = 0; i < 1000; i++) await log.inclusionProof(Math.floor(Math.random() * size), size); });
  console.log(`${name.padEnd(9)} inclusion proof             ${((proofS / 1000) * 1000).toFixed(3)} ms each (tree of ${fmt(size)}); full \`prove\` bundle (lookup, proof, checkpoint check) ${((proveS / ids.length) * 1000).toFixed(2)} ms`);
  // Full verification.
  const { s: verifyS, cpu: verifyCpu, value: report } = await timed(() => verifyAuditLog(store, { verifiers: [verifier], origin }));
  if (!report.ok) throw new Error(`verification failed: ${JSON.stringify(report.problems.slice(0, 3))}`);
  console.log(`${name.padEnd(9)} verify (full)               ${fmt(report.size)} events, ${report.checkpoints} checkpoints in ${verifyS.toFixed(2)} s wall (${verifyCpu.toFixed(2)} CPU-s) → ${fmt(report.size / verifyS)} events/s`);
  await log.close();
}

console.log(`bench:audit — ${fmt(N)} events, batches of ${fmt(BATCH)}, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} CPUs`);
const dir = mkdtempSync(join(tmpdir(), 'cordon-bench-audit-'));
try {
  const path = join(dir, 'audit.db');
  await bench('sqlite', SqliteAuditStore.open(path), N);
  console.log(`sqlite    file size                   ${(statSync(path).size / 2 ** 20).toFixed(0)} MiB (${(statSync(path).size / N).toFixed(0)} bytes/event)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (PG_URL !== undefined) {
  const prefix = `cordon_bench_${process.pid}_`;
  try {
    await bench('postgres', await PostgresAuditStore.open(PG_URL, { prefix }), N);
  } finally {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    for (const t of ['meta', 'entries', 'nodes', 'checkpoints']) await c.query(`DROP TABLE IF EXISTS ${prefix}${t}`);
    await c.end();
  }
} else {
  console.log('postgres  skipped (set CORDON_TEST_PG_URL to include it)');
}
