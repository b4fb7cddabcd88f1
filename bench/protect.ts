// `npm run bench:protect [-- --rows N] [-- --workers N]`: a customer CSV of 12 columns (9 sensitive,
// one of them free text) generated here, then, in one run: (a) a plain copy through the same reader
// and writer (readRecords → openRecordWriter, no contract: the ceiling), (b) protect with keyed,
// vault-free operators only (deterministic, hash, fpe, generalize, mask, and `text` on the notes),
// (c) protect with vault tokenization of every new value. (b) and (c) run everything protect runs:
// record checks, the undeclared-personal-data scan of internal columns, atomic output, manifest.
// Prints rows/s, MB/s, peak RSS and the ratios (b)/(a), (c)/(a).
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { readRecords } from '../src/io/dataset.js';
import type { DatasetRecord } from '../src/io/record.js';
import { openRecordWriter } from '../src/io/writers/open-writer.js';
import { tmpdir } from 'node:os';
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

function arg(name: string): number | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : undefined;
}
const ROWS = arg('--rows') ?? 100_000;
const WORKERS = arg('--workers');
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

// --keep leaves the dataset, contracts and outputs in the temporary directory for inspection.
const KEEP_FILES = process.argv.includes('--keep');
const dir = mkdtempSync(join(tmpdir(), 'cordon-bench-protect-'));
try {
  const input = join(dir, 'customers.csv');
  const bytes = generate(input);
  const keyring = new Keyring({ store: SqliteKeyStore.open(join(dir, 'keys.db'), { create: true }), kek: new LocalKek(randomBytes(32)), audit: new MemoryAuditSink(), principal: 'bench' });
  const vault = await TokenVault.open(SqliteVaultStore.open(join(dir, 'vault.db')), keyring);
  console.log(`bench:protect — ${ROWS} rows × ${COLUMNS.length} columns, ${(bytes / 1e6).toFixed(1)} MB CSV, one process, ${WORKERS ?? 'default'} worker(s)`);
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
  console.log(`ratios: (b)/(a) ${(a / results['(b) keyed operators']!).toFixed(2)}  (c)/(a) ${(a / results['(c) vault tokenize']!).toFixed(2)}   peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`);
  console.log('targets: (b)/(a) ≥ 0.5, (c)/(a) ≥ 0.25, peak RSS < 1 GiB');
  await vault.close();
  await keyring.close();
} finally {
  if (KEEP_FILES) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
