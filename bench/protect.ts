// `npm run bench:protect [-- --rows N]`: a customer CSV of 12 columns (7 sensitive, one free text)
// generated here, then, in one run: (a) a plain copy through the same reader and writer (the
// ceiling: a contract of `keep` everywhere), (b) protect with keyed, vault-free operators only
// (deterministic, hash, fpe, generalize, mask, redact), (c) protect with vault tokenization of every
// new value. Prints rows/s, MB/s, peak RSS and the ratios (b)/(a), (c)/(a).
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

const i = process.argv.indexOf('--rows');
const ROWS = i > 0 ? Number(process.argv[i + 1]) : 100_000;
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

function generate(path: string): number {
  const lines = [COLUMNS.join(',')];
  let seed = 42;
  const r = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let n = 0; n < ROWS; n++) {
    const f = FIRST[n % FIRST.length]!;
    const l = LAST[Math.floor(r() * LAST.length)]!;
    lines.push([
      String(100000 + n), f, l, `${f.toLowerCase()}.${l.toLowerCase()}${n}@example.com`, `+1-415-555-${String(1000 + (n % 9000))}`,
      luhnComplete(`4${String(Math.floor(r() * 1e14)).padStart(14, '0')}`), `${String(100 + (n % 600)).padStart(3, '0')}-${String(10 + (n % 89))}-${String(1000 + (n % 8999))}`,
      `19${50 + (n % 50)}-0${1 + (n % 9)}-1${n % 9}`, String(10000 + (n % 89999)), CITY[n % CITY.length]!, ['free', 'pro', 'team'][n % 3]!,
      `"Customer ${f} ${l} asked about invoice ${n}"`,
    ].join(','));
  }
  writeFileSync(path, lines.join('\n') + '\n');
  return statSync(path).size;
}

function contract(ops: Record<string, string>): string {
  const props = COLUMNS.map((c) => `      - name: ${c}\n        classification: ${ops[c] === 'keep' ? 'internal' : 'restricted'}\n        customProperties:\n          - property: cordonProtect\n            value: ${ops[c]}`).join('\n');
  return `apiVersion: v3.1.0\nkind: DataContract\nid: bench\nversion: 1.0.0\nstatus: active\nschema:\n  - name: customers\n    properties:\n${props}\n`;
}

const KEEP = Object.fromEntries(COLUMNS.map((c) => [c, '{ operator: keep }']));
const KEYED = {
  ...KEEP, first_name: '{ operator: hash }', last_name: '{ operator: hash }', email: '{ operator: deterministic }', phone: '{ operator: mask, params: { keepLast: 4 } }',
  card: '{ operator: fpe, params: { keepLast: 4 } }', ssn: '{ operator: hash }', dob: '{ operator: generalize, params: { kind: date, to: year } }',
  zip: '{ operator: generalize, params: { kind: zip } }', notes: '{ operator: redact }',
};
const VAULTED = { ...KEYED, first_name: '{ operator: tokenize }', last_name: '{ operator: tokenize }', email: '{ operator: tokenize }', ssn: '{ operator: tokenize }', card: '{ operator: tokenize }' };

const dir = mkdtempSync(join(tmpdir(), 'cordon-bench-protect-'));
try {
  const input = join(dir, 'customers.csv');
  const bytes = generate(input);
  const keyring = new Keyring({ store: SqliteKeyStore.open(join(dir, 'keys.db'), { create: true }), kek: new LocalKek(randomBytes(32)), audit: new MemoryAuditSink(), principal: 'bench' });
  const vault = await TokenVault.open(SqliteVaultStore.open(join(dir, 'vault.db')), keyring);
  console.log(`bench:protect — ${ROWS} rows × ${COLUMNS.length} columns, ${(bytes / 1e6).toFixed(1)} MB CSV, one process`);
  const results: Record<string, number> = {};
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  for (const [label, ops] of [['(a) plain copy (keep)', KEEP], ['(b) keyed operators', KEYED], ['(c) vault tokenize', VAULTED]] as const) {
    const t0 = process.hrtime.bigint();
    await protectFile({ input, output: join(dir, `out-${label[1]}.csv`), contract: parseContract(contract(ops)), keyring, vault, cordonVersion: 'bench' });
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    results[label] = s;
    console.log(`${label.padEnd(24)} ${s.toFixed(2)} s  ${Math.round(ROWS / s).toLocaleString('en-US')} rows/s  ${(bytes / 1e6 / s).toFixed(1)} MB/s`);
  }
  clearInterval(timer);
  const a = results['(a) plain copy (keep)']!;
  console.log(`ratios: (b)/(a) ${(a / results['(b) keyed operators']!).toFixed(2)}  (c)/(a) ${(a / results['(c) vault tokenize']!).toFixed(2)}   peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`);
  console.log('targets: (b)/(a) ≥ 0.5, (c)/(a) ≥ 0.25, peak RSS < 1 GiB');
  await vault.close();
  await keyring.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
