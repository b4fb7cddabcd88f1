// `npm run bench:crypto`: file encryption throughput against the machine's AES-256-GCM ceiling,
// and the rates of key wrapping, FF1 and AES-SIV. Prints figures; asserts nothing (timings do not
// belong in pass/fail tests on shared machines).
//
//   BENCH_SIZE_MIB   size of the test file (default 1024)
//   BENCH_REPS       runs per CLI measurement, best and median reported (default 3)
//   BENCH_DIR        where to put the files (default /dev/shm when present, else the OS temp dir)
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes as nodeRandomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JsonlAuditSink } from '../src/audit/jsonl-sink.js';
import { aesSivOpen, aesSivSeal } from '../src/crypto/aes-siv.js';
import { ff1DecryptString, ff1EncryptString } from '../src/crypto/ff1.js';
import { randomBytes } from '../src/crypto/random.js';
import { generateDataKey, unwrapDataKey } from '../src/keys/envelope.js';
import { LocalKek } from '../src/keys/kek/local.js';
import { Keyring } from '../src/keys/keyring.js';
import { SqliteKeyStore } from '../src/keys/store/sqlite.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'cordon.js');
const SIZE_MIB = Number(process.env.BENCH_SIZE_MIB ?? 1024);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const BASE = process.env.BENCH_DIR ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());
const dir = mkdtempSync(join(BASE, 'cordon-bench-'));
const MB = 1e6;

const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: dir,
  CORDON_HOME: join(dir, 'ws'),
  CORDON_MASTER_KEY: nodeRandomBytes(32).toString('base64'),
  CORDON_PRINCIPAL: 'bench',
};

function cordon(args: string[], stdoutToNull = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const p = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', stdoutToNull ? 'ignore' : 'pipe', 'pipe'] });
    let err = '';
    p.stderr!.on('data', (d) => (err += d));
    p.on('close', (code) => {
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      if (code === 0) resolve(s);
      else reject(new Error(`cordon ${args.join(' ')} exited ${code}: ${err}`));
    });
  });
}

function sha256File(path: string): string {
  const h = createHash('sha256');
  h.update(readFileSync(path));
  return h.digest('hex');
}

async function measure(label: string, args: string[], bytes: number, stdoutToNull = false): Promise<{ label: string; best: number; median: number }> {
  const rates: number[] = [];
  for (let i = 0; i < REPS; i++) rates.push(bytes / (await cordon(args, stdoutToNull)) / MB);
  rates.sort((a, b) => a - b);
  return { label, best: rates[rates.length - 1]!, median: rates[Math.floor(rates.length / 2)]! };
}

function opensslCeiling(): number | undefined {
  const r = spawnSync('openssl', ['speed', '-evp', 'aes-256-gcm', '-seconds', '3'], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  const line = r.stdout.split('\n').find((l) => /^AES-256-GCM\s/i.test(l) || /^aes-256-gcm\s/.test(l));
  if (!line) return undefined;
  const cols = line.trim().split(/\s+/).slice(1).map((c) => Number(c.replace(/k$/, '')) * 1000);
  return cols[cols.length - 1]! / MB; // largest block size (16 KiB), bytes/s → MB/s
}

function rate(n: number, fn: () => void): number {
  for (let i = 0; i < Math.min(200, n); i++) fn(); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  return n / (Number(process.hrtime.bigint() - t0) / 1e9);
}

async function rateAsync(n: number, fn: (i: number) => Promise<void>): Promise<number> {
  for (let i = 0; i < 100; i++) await fn(i);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn(i);
  return n / (Number(process.hrtime.bigint() - t0) / 1e9);
}

const fmt = (x: number, d = 0): string => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

async function main(): Promise<void> {
  console.log(`cordon bench:crypto — node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), files in ${dir}`);
  console.log(`file: ${SIZE_MIB} MiB, ${REPS} runs each, best and median; each run is a whole \`cordon\` process (start-up included)\n`);

  // Input: a 16 MiB random block repeated (fast to make; AES-GCM speed does not depend on content).
  const input = join(dir, 'input.bin');
  const block = nodeRandomBytes(16 * 1024 * 1024);
  const fd = openSync(input, 'w');
  for (let written = 0; written < SIZE_MIB * 1024 * 1024; written += block.length) writeSync(fd, block, 0, Math.min(block.length, SIZE_MIB * 1024 * 1024 - written));
  closeSync(fd);
  const bytes = SIZE_MIB * 1024 * 1024;

  await cordon(['init']);
  const enc = join(dir, 'input.cdn');
  const out = join(dir, 'output.bin');
  const results = [
    await measure('cordon encrypt  file → file', ['encrypt', input, '-o', enc, '--force'], bytes),
    await measure('cordon decrypt  file → file', ['decrypt', enc, '-o', out, '--force'], bytes),
    await measure('cordon encrypt  file → /dev/null', ['encrypt', input, '-o', '-'], bytes, true),
    await measure('cordon decrypt  file → /dev/null', ['decrypt', enc, '-o', '-'], bytes, true),
  ];
  // Baseline for the file → file rows: the same file copied by a Node process with no crypto
  // (1 MiB reads and writes), so the cost of the storage itself is visible.
  const copy = join(dir, 'copy.bin');
  const copyScript = `const fs=require('fs');const i=fs.openSync(process.argv[1],'r'),o=fs.openSync(process.argv[2],'w');const b=Buffer.allocUnsafe(1<<20);let p=0,n;while((n=fs.readSync(i,b,0,b.length,p))>0){fs.writeSync(o,b,0,n);p+=n}fs.closeSync(o)`;
  const copyRates: number[] = [];
  for (let i = 0; i < REPS; i++) {
    rmSync(copy, { force: true });
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['-e', copyScript, input, copy]);
    if (r.status !== 0) throw new Error('copy baseline failed');
    copyRates.push(bytes / (Number(process.hrtime.bigint() - t0) / 1e9) / MB);
  }
  rmSync(copy, { force: true });
  copyRates.sort((a, b) => a - b);
  results.push({ label: 'baseline: plain copy by node, no crypto, file → file', best: copyRates[copyRates.length - 1]!, median: copyRates[Math.floor(copyRates.length / 2)]! });

  const same = sha256File(input) === sha256File(out);
  rmSync(out, { force: true });

  const ceiling = opensslCeiling();
  console.log('| measurement | best MB/s | median MB/s | best / ceiling |');
  console.log('|---|---:|---:|---:|');
  for (const r of results) console.log(`| ${r.label} | ${fmt(r.best)} | ${fmt(r.median)} | ${ceiling ? fmt(r.best / ceiling, 2) : 'n/a'} |`);
  console.log(`| openssl speed -evp aes-256-gcm (16 KiB blocks, one core) | ${ceiling ? fmt(ceiling) : 'openssl not found'} | | 1.00 |`);
  console.log(`\ndecrypted output identical to the input (SHA-256): ${same ? 'yes' : 'NO'}`);
  console.log('file → file includes writing the output into the page cache; → /dev/null is the crypto and read path alone.\n');
  if (!same) process.exitCode = 1;

  // Key wrapping through a real keyring: SQLite store, local master key, JSONL audit sink.
  const kdir = join(dir, 'kr');
  const store = SqliteKeyStore.open(join(dir, 'bench-keys.db'), { create: true });
  const audit = new JsonlAuditSink(join(dir, 'bench-audit.jsonl'));
  const keyring = new Keyring({ store, kek: new LocalKek(randomBytes(32)), audit, principal: 'bench' });
  void kdir;
  await keyring.create('k');
  const ctx = new TextEncoder().encode('bench-object');
  const wrapped = (await generateDataKey(keyring, 'k', ctx)).wrappedKey;
  const N = 20_000;
  const wrapRate = await rateAsync(N, async () => { await generateDataKey(keyring, 'k', ctx); });
  const unwrapRate = await rateAsync(N, async () => { await unwrapDataKey(keyring, wrapped, ctx); });
  await keyring.close();
  audit.close();

  const fpeKey = randomBytes(32);
  const digits = Array.from({ length: 5000 }, () => Array.from(nodeRandomBytes(16), (b) => String(b % 10)).join(''));
  let j = 0;
  const ff1Enc = rate(20_000, () => { ff1EncryptString(fpeKey, '0123456789', digits[j++ % digits.length]!); });
  const ff1Cts = digits.map((d) => ff1EncryptString(fpeKey, '0123456789', d));
  const ff1Dec = rate(20_000, () => { ff1DecryptString(fpeKey, '0123456789', ff1Cts[j++ % ff1Cts.length]!); });

  const sivKey = randomBytes(64);
  const values = Array.from({ length: 5000 }, () => randomBytes(32));
  const sivEnc = rate(50_000, () => { aesSivSeal(sivKey, values[j++ % values.length]!); });
  const sivCts = values.map((v) => aesSivSeal(sivKey, v));
  const sivDec = rate(50_000, () => { aesSivOpen(sivKey, sivCts[j++ % sivCts.length]!); });

  console.log('| operation | per second |');
  console.log('|---|---:|');
  console.log(`| data key generate + wrap (keyring, SQLite store, JSONL audit) | ${fmt(wrapRate)} |`);
  console.log(`| data key unwrap (audited) | ${fmt(unwrapRate)} |`);
  console.log(`| FF1 encrypt, 16 decimal digits, AES-256 | ${fmt(ff1Enc)} |`);
  console.log(`| FF1 decrypt, 16 decimal digits | ${fmt(ff1Dec)} |`);
  console.log(`| AES-SIV seal, 32-byte value, 512-bit key | ${fmt(sivEnc)} |`);
  console.log(`| AES-SIV open, 32-byte value | ${fmt(sivDec)} |`);
}

try {
  await main();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
