// `npm run bench:protect [-- --rows N] [-- --workers N] [-- --cli-rows N] [-- --only cli|inprocess]`.
// Two parts, one run:
// 1. In process: a customer CSV of 12 columns (9 sensitive, one of them free text) generated here,
//    then (a) a plain copy through the same reader and writer (readRecords → openRecordWriter, no
//    contract: the ceiling), (b) protect with keyed, vault-free operators only (deterministic, hash,
//    fpe, generalize, mask, and `text` on the notes), (c) protect with vault tokenization of every new
//    value. (b) and (c) run everything protect runs: record checks, the undeclared-personal-data scan
//    of internal columns, atomic output, manifest. Prints rows/s, MB/s and the ratios (b)/(a), (c)/(a).
// 2. The command line against an external baseline: a 17-column customer CSV (the demo's generator,
//    plus an IP address and a balance) of --cli-rows rows (default 200,000), a fresh workspace,
//    `cordon contract init` drafting the contract, then `cordon protect` as a subprocess and a Python
//    csv.reader → csv.writer copy of the same file, back to back. Wall and CPU seconds and peak RSS of
//    each come from /usr/bin/time (wall only without it); the ratio is Python's wall time over ours.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readRecords } from '../src/io/dataset.js';
import type { DatasetRecord } from '../src/io/record.js';
import { openRecordWriter } from '../src/io/writers/open-writer.js';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryAuditSink } from '../src/audit/jsonl-sink.js';
import { randomBytes } from '../src/crypto/random.js';
import { LocalKek } from '../src/keys/kek/local.js';
import { Keyring } from '../src/keys/keyring.js';
import { SqliteKeyStore } from '../src/keys/store/sqlite.js';
import { parseContract } from '../src/contracts/parse-contract.js';
import { protectFile } from '../src/pipeline/protect-file.js';
import { TokenVault } from '../src/vault/vault.js';
import { SqliteVaultStore } from '../src/vault/store/sqlite.js';
import { CUSTOMER_COLUMNS, generateCustomers } from '../src/demo/generate-customers.js';

function arg(name: string): number | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : undefined;
}
const ROWS = arg('--rows') ?? 100_000;
const WORKERS = arg('--workers');
const CLI_ROWS = arg('--cli-rows') ?? 200_000;
const COLUMNS = ['id', 'first_name', 'last_name', 'email', 'phone', 'card', 'ssn', 'dob', 'zip', 'city', 'plan', 'notes'];
const FIRST = ['Maria', 'James', 'Aisha', 'Wei', 'Olga', 'Carlos', 'Priya', 'Tom'];
const LAST = ['Gonzalez', 'Smith', 'Okafor', 'Chen', 'Ivanova', 'Silva', 'Patel', 'Baker'];
const CITY = ['Chicago', 'Lyon', 'Leeds', 'Porto', 'Osaka', 'Denver'];

function luhnComplete(prefix15: string): string {
  let sum = 0;
  for (let k = 0; k < 15; k++) {
    let d = Number(prefix15[14 - k]);
    if (k % 2 === 0) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return prefix15 + String((10 - (sum % 10)) % 10);
}

/** Writes the dataset in chunks, so generating a big one does not inflate the peak RSS measured later. */
function generate(path: string): number {
  const fd = openSync(path, 'w');
  writeSync(fd, COLUMNS.join(',') + '\n');
  let seed = 42;
  const r = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  let lines: string[] = [];
  for (let n = 0; n < ROWS; n++) {
    const f = FIRST[n % FIRST.length]!;
    const l = LAST[Math.floor(r() * LAST.length)]!;
    const email = `${f.toLowerCase()}.${l.toLowerCase()}${n}@example.com`;
    lines.push([
      String(100000 + n), f, l, email, `+1-415-555-${String(1000 + (n % 9000))}`,
      luhnComplete(`4${String(Math.floor(r() * 1e14)).padStart(14, '0')}`), `${String(100 + (n % 600)).padStart(3, '0')}-${String(10 + (n % 89))}-${String(1000 + (n % 8999))}`,
      `19${50 + (n % 50)}-0${1 + (n % 9)}-1${n % 9}`, String(10000 + (n % 89999)), CITY[n % CITY.length]!, ['free', 'pro', 'team'][n % 3]!,
      n % 3 === 0 ? `"Customer ${f} ${l} asked about invoice ${n}; reply to ${email}"` : `"Customer ${f} ${l} asked about invoice ${n}"`,
    ].join(','));
    if (lines.length === 10_000) { writeSync(fd, lines.join('\n') + '\n'); lines = []; }
  }
  if (lines.length > 0) writeSync(fd, lines.join('\n') + '\n');
  closeSync(fd);
  return statSync(path).size;
}

/** (a): the same reader and writer protect uses, and nothing else. */
async function plainCopy(input: string, output: string): Promise<void> {
  const fd = openSync(output, 'w');
  const w = openRecordWriter({ write: async (b) => { writeSync(fd, b); } }, { format: 'csv', columns: COLUMNS });
  let batch: DatasetRecord[] = [];
  for await (const r of readRecords(input)) {
    batch.push(r);
    if (batch.length >= 2000) { await w.write(batch); batch = []; }
  }
  if (batch.length > 0) await w.write(batch);
  await w.close();
  closeSync(fd);
}

function contract(ops: Record<string, string>): string {
  const props = COLUMNS.map((c) => `      - name: ${c}\n        classification: ${SENSITIVE.has(c) ? 'restricted' : 'internal'}\n        customProperties:\n          - property: cordonProtect\n            value: ${ops[c]}`).join('\n');
  return `apiVersion: v3.1.0\nkind: DataContract\nid: bench\nversion: 1.0.0\nstatus: active\nschema:\n  - name: customers\n    properties:\n${props}\n`;
}

const SENSITIVE = new Set(['first_name', 'last_name', 'email', 'phone', 'card', 'ssn', 'dob', 'zip', 'notes']);
const KEYED = {
  id: '{ operator: keep }', city: '{ operator: keep }', plan: '{ operator: keep }', first_name: '{ operator: hash }', last_name: '{ operator: hash }', email: '{ operator: deterministic }', phone: '{ operator: mask, params: { keepLast: 4 } }',
  card: '{ operator: fpe, params: { keepLast: 4 } }', ssn: '{ operator: hash }', dob: '{ operator: generalize, params: { kind: date, to: year } }',
  zip: '{ operator: generalize, params: { kind: zip } }', notes: '{ operator: text, params: { default: redact, entities: { EMAIL_ADDRESS: deterministic } } }',
};
const VAULTED = { ...KEYED, first_name: '{ operator: tokenize }', last_name: '{ operator: tokenize }', email: '{ operator: tokenize }', ssn: '{ operator: tokenize }', card: '{ operator: tokenize }' };

/** Part 1: the plain copy, keyed operators and vault tokenization in this process. */
async function inProcess(dir: string): Promise<void> {
  const input = join(dir, 'customers.csv');
  const bytes = generate(input);
  const keyring = new Keyring({ store: SqliteKeyStore.open(join(dir, 'keys.db'), { create: true }), kek: new LocalKek(randomBytes(32)), audit: new MemoryAuditSink(), principal: 'bench' });
  const vault = await TokenVault.open(SqliteVaultStore.open(join(dir, 'vault.db')), keyring);
  console.log(`bench:protect (1) in process — ${ROWS} rows × ${COLUMNS.length} columns, ${(bytes / 1e6).toFixed(1)} MB CSV, ${WORKERS ?? 'default'} worker(s)`);
  const results: Record<string, number> = {};
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  const saved = (name: string, text: string): string => { if (KEEP_FILES) writeFileSync(join(dir, name), text); return text; };
  const runs: Array<[string, () => Promise<unknown>]> = [
    ['(a) plain copy', () => plainCopy(input, join(dir, 'out-a.csv'))],
    ['(b) keyed operators', () => protectFile({ input, output: join(dir, 'out-b.csv'), contract: parseContract(saved('keyed.odcs.yaml', contract(KEYED))), keyring, vault, cordonVersion: 'bench', ...(WORKERS !== undefined ? { workers: WORKERS } : {}) })],
    ['(c) vault tokenize', () => protectFile({ input, output: join(dir, 'out-c.csv'), contract: parseContract(saved('vaulted.odcs.yaml', contract(VAULTED))), keyring, vault, cordonVersion: 'bench', ...(WORKERS !== undefined ? { workers: WORKERS } : {}) })],
  ];
  for (const [label, run] of runs) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    await run();
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    const c = process.cpuUsage(c0);
    const cpu = (c.user + c.system) / 1e6;
    results[label] = s;
    // CPU seconds count every thread of the process: on a busy machine they show what wall time hides.
    console.log(`${label.padEnd(24)} ${s.toFixed(2)} s  ${Math.round(ROWS / s).toLocaleString('en-US')} rows/s  ${(bytes / 1e6 / s).toFixed(1)} MB/s  cpu ${cpu.toFixed(2)} s (${(cpu / s).toFixed(2)} cores)  (RSS so far ${(peak / 2 ** 20).toFixed(0)} MiB)`);
  }
  clearInterval(timer);
  const a = results['(a) plain copy']!;
  console.log(`ratios: (b)/(a) ${(a / results['(b) keyed operators']!).toFixed(2)}  (c)/(a) ${(a / results['(c) vault tokenize']!).toFixed(2)}   peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB (all three runs, one process)`);
  console.log('targets: (b)/(a) ≥ 0.5, (c)/(a) ≥ 0.25');
  await vault.close();
  await keyring.close();
}

/** The 17 columns of part 2: the demo's 15 and two more a customer export often has. */
const CLI_COLUMNS = [...CUSTOMER_COLUMNS, 'ip_address', 'balance'];

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The demo's customers in chunks of 10,000 (each its own seed, ids continuing), so memory stays flat. */
function generateCli(path: string, rows: number): number {
  const fd = openSync(path, 'w');
  writeSync(fd, CLI_COLUMNS.join(',') + '\n');
  for (let k = 0; k * 10_000 < rows; k++) {
    const chunk = generateCustomers({ rows: Math.min(10_000, rows - k * 10_000), seed: 1000 + k });
    const lines = chunk.map((r, i) => {
      const n = k * 10_000 + i;
      const extra = [`10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`, (((n * 7919) % 100_000) / 100).toFixed(2)];
      return [...CUSTOMER_COLUMNS.map((c) => (c === 'customer_id' ? `CUS-${String(100_001 + n).padStart(7, '0')}` : r[c])), ...extra].map(csvField).join(',');
    });
    writeSync(fd, lines.join('\n') + '\n');
  }
  closeSync(fd);
  return statSync(path).size;
}

interface Measured { wall: number; cpu?: number; rssMiB?: number }

const TIME = ['/usr/bin/time', '/bin/time'].find((p) => existsSync(p));

/** Runs a command to completion; wall, CPU (user + sys) and peak RSS of the process tree from time(1). */
function measure(label: string, cmd: string, args: readonly string[], env: NodeJS.ProcessEnv): Measured {
  const report = join(tmpdir(), `cordon-bench-time-${process.pid}-${label}.txt`);
  const argv = TIME !== undefined ? [TIME, '-f', '%e %U %S %M', '-o', report, cmd, ...args] : [cmd, ...args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 16 * 2 ** 20 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${label} failed (exit ${r.status}): ${r.stderr.toString().slice(-2000)}`);
  if (TIME === undefined) return { wall };
  const [, user, sys, rssKiB] = readFileSync(report, 'utf8').trim().split(/\s+/).slice(-4).map(Number);
  rmSync(report, { force: true });
  return { wall, cpu: user! + sys!, rssMiB: rssKiB! / 1024 };
}

function line(label: string, m: Measured, rows: number): string {
  const cpu = m.cpu !== undefined ? `  cpu ${m.cpu.toFixed(2)} s (${(m.cpu / m.wall).toFixed(2)} cores)` : '';
  const rss = m.rssMiB !== undefined ? `  peak RSS ${m.rssMiB.toFixed(0)} MiB` : '';
  return `${label.padEnd(24)} ${m.wall.toFixed(2)} s  ${Math.round(rows / m.wall).toLocaleString('en-US')} rows/s${cpu}${rss}`;
}

/** Part 2: `cordon contract init` + `cordon protect` as subprocesses against a Python csv copy. */
function cliRun(dir: string): void {
  const input = join(dir, 'customers17.csv');
  const bytes = generateCli(input, CLI_ROWS);
  const env = { ...process.env, CORDON_HOME: join(dir, 'workspace'), NO_COLOR: '1' };
  const cordon = fileURLToPath(new URL('../../bin/cordon.js', import.meta.url));
  const node = process.execPath;
  const setup = (args: string[]): void => {
    const r = spawnSync(node, [cordon, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) throw new Error(`cordon ${args[0]} failed: ${r.stderr.toString().slice(-2000)}`);
  };
  setup(['init', '--kek', 'local']);
  const contractPath = join(dir, 'customers17.odcs.yaml');
  setup(['contract', 'init', input, '-o', contractPath]);
  const drafted = readFileSync(contractPath, 'utf8');
  const operators = [...drafted.matchAll(/operator: ([a-z-]+)/g)].map((m) => m[1]!);
  const tally = [...new Set(operators)].map((o) => `${o} ×${operators.filter((x) => x === o).length}`).join(', ');
  console.log(`bench:protect (2) command line — ${CLI_ROWS} rows × ${CLI_COLUMNS.length} columns, ${(bytes / 1e6).toFixed(1)} MB CSV; drafted operators: ${tally}`);
  const python = ['python3'].find((p) => spawnSync(p, ['--version']).status === 0);
  let py: Measured | undefined;
  if (python !== undefined) {
    const script = 'import csv,sys\nwith open(sys.argv[1], newline="") as i, open(sys.argv[2], "w", newline="") as o:\n  w = csv.writer(o)\n  for r in csv.reader(i): w.writerow(r)';
    py = measure('python', python, ['-c', script, input, join(dir, 'python-copy.csv')], env);
    console.log(line('python csv copy', py, CLI_ROWS));
  } else {
    console.log('python csv copy          skipped: no python3 on PATH');
  }
  // A fresh workspace: every vault token of the run is new, as on a first protect of a dataset.
  const protect = measure('protect', node, [cordon, 'protect', input, '-c', contractPath, '-o', join(dir, 'protected17.csv'), '--quiet', ...(WORKERS !== undefined ? ['--workers', String(WORKERS)] : [])], env);
  console.log(line('cordon protect', protect, CLI_ROWS));
  if (py !== undefined) {
    const cpuRatio = py.cpu !== undefined && protect.cpu !== undefined ? `, CPU ${(py.cpu / protect.cpu).toFixed(3)}` : '';
    console.log(`ratio: python copy / cordon protect, wall ${(py.wall / protect.wall).toFixed(3)}${cpuRatio}   (target ≥ 0.5 wall; peak RSS target < 512 MiB at 1M rows)`);
  }
}

// --keep leaves the datasets, contracts and outputs in the temporary directory for inspection.
const KEEP_FILES = process.argv.includes('--keep');
const ONLY = (() => { const i = process.argv.indexOf('--only'); return i > 0 ? process.argv[i + 1] : undefined; })();
const dir = mkdtempSync(join(tmpdir(), 'cordon-bench-protect-'));
try {
  console.log(`node ${process.version}, ${availableParallelism()} CPU(s), load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (other work running shows here)`);
  if (ONLY !== 'cli') await inProcess(dir);
  if (ONLY !== 'inprocess') cliRun(dir);
} finally {
  if (KEEP_FILES) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
