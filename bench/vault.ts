// `npm run bench:vault [-- --values N --batch B --concurrent C --writer-thread]`: new tokens per second into the SQLite vault (and
// into PostgreSQL when CORDON_TEST_PG_URL is set), then repeat-tokenize and detokenize rates.
// Every value is new on the first pass: the expensive path (MAC, lookup, token draw, AES-GCM seal,
// insert), all of it through TokenVault.tokenize exactly as the protect pipeline calls it, into a
// fresh file with the store's own settings (WAL, synchronous=NORMAL). A "preserve" pass measures
// formatted tokens (card numbers, last four kept). --concurrent C keeps C calls in flight at once,
// as a server's concurrent requests do (the SQLite store group-commits them); default 1.
//
// Two rates per line: wall clock, and per CPU-second of this process (user + system). On a shared
// or busy machine the wall rate falls with the load; the CPU rate is what one core does and is the
// figure to compare between runs. PostgreSQL work done by the server is not in the CPU figure.
// --writer-thread adds a run of the SQLite store exactly as cordon serve opens it (src/server/open.ts:
// group commits and lookups on worker threads, WAL checkpoints on a third with the writer's own
// automatic checkpoint raised to the safety net) after the plain one (the CLI's settings); on Linux
// every line then also gives the main thread's own CPU per value (what the event loop spends) and
// the longest event-loop delay seen (a 1 ms timer's).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryAuditSink } from '../src/audit/jsonl-sink.js';
import { randomBytes } from '../src/crypto/random.js';
import { LocalKek } from '../src/keys/kek/local.js';
import { Keyring } from '../src/keys/keyring.js';
import { SqliteKeyStore } from '../src/keys/store/sqlite.js';
import { TokenVault, type TokenizeOptions } from '../src/vault/vault.js';
import { SERVER_STORE_OPTIONS, SqliteVaultStore } from '../src/vault/store/sqlite.js';
import { PostgresVaultStore } from '../src/vault/store/postgres.js';
import type { VaultStore } from '../src/vault/types.js';

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const N = arg('--values', 200_000);
const BATCH = arg('--batch', 10_000);
const CONCURRENT = arg('--concurrent', 1);

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** This process's main-thread CPU seconds (Linux /proc, clock ticks of 1/100 s); NaN elsewhere. */
function mainThreadCpu(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

async function run(name: string, store: VaultStore, keyring: Keyring): Promise<void> {
  const vault = await TokenVault.open(store, keyring);
  const ns = `bench.${Date.now()}`;
  const rate = async (label: string, input: string[], f: (batch: string[]) => Promise<unknown>) => {
    const c0 = process.cpuUsage();
    const m0 = mainThreadCpu();
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < input.length; i += BATCH * CONCURRENT) {
      const calls = [];
      for (let k = i; k < Math.min(input.length, i + BATCH * CONCURRENT); k += BATCH) calls.push(f(input.slice(k, k + BATCH)));
      await Promise.all(calls);
    }
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    const c = process.cpuUsage(c0);
    const cpu = (c.user + c.system) / 1e6;
    const main = mainThreadCpu() - m0;
    loop.disable();
    const onLoop = Number.isNaN(main) ? '' : `; main thread ${((main * 1e6) / input.length).toFixed(1)} µs/value, loop delay max ${(loop.max / 1e6).toFixed(0)} ms`;
    console.log(`${name.padEnd(9)} ${label.padEnd(26)} ${input.length} in ${s.toFixed(2)} s → ${fmt(input.length / s).padStart(8)}/s wall, ${fmt(input.length / cpu).padStart(8)}/CPU-s (${((cpu * 1e6) / input.length).toFixed(1)} µs/value${onLoop})`);
  };
  const values = Array.from({ length: N }, (_, i) => `customer-${i}@example.com`);
  const tokens: string[] = [];
  // Tokens in input order, whatever order concurrent calls finish in.
  const made: string[][] = [];
  let at = 0;
  await rate('tokenize (new)', values, async (b) => {
    const slot = at++;
    made[slot] = await vault.tokenize(ns, b);
  });
  for (const m of made) tokens.push(...m);
  await rate('tokenize (known)', values, (b) => vault.tokenize(ns, b));
  await rate('detokenize', tokens, (b) => vault.detokenize(ns, b));
  const cards = Array.from({ length: N }, (_, i) => `4111 ${String(i).padStart(8, '0').replace(/(\d{4})(\d{4})/, '$1 $2')} 1111`);
  const preserve: TokenizeOptions = { format: { kind: 'preserve', keepLast: 4 } };
  await rate('tokenize (new, preserve)', cards, (b) => vault.tokenize(`${ns}.card`, b, preserve));
  await vault.close();
}

const dir = mkdtempSync(join(tmpdir(), 'cordon-bench-vault-'));
try {
  const keyring = new Keyring({ store: SqliteKeyStore.open(join(dir, 'keys.db'), { create: true }), kek: new LocalKek(randomBytes(32)), audit: new MemoryAuditSink(), principal: 'bench' });
  console.log(`bench:vault — ${N} values, batches of ${BATCH}, ${CONCURRENT} call(s) in flight, one process, Node ${process.version}`);
  await run('sqlite', SqliteVaultStore.open(join(dir, 'vault.db')), keyring);
  if (process.argv.includes('--writer-thread')) await run('sqlite+wt', SqliteVaultStore.open(join(dir, 'vault-wt.db'), SERVER_STORE_OPTIONS), keyring);
  const url = process.env['CORDON_TEST_PG_URL'];
  if (url !== undefined) await run('postgres', await PostgresVaultStore.open(url), keyring);
  else console.log('postgres  skipped: set CORDON_TEST_PG_URL=postgres://… to include it');
  await keyring.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
