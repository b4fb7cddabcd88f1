// `npm run bench:crypto`: file encryption throughput against the machine's AES-256-GCM ceiling,
// and the rates of key wrapping, FF1 and AES-SIV. Prints figures; asserts nothing (timings do not
// belong in pass/fail tests on shared machines).
//
//   BENCH_SIZE_MIB   size of the test file (default 1024)
//   BENCH_REPS       runs per CLI measurement, best and median reported (default 3)
//   BENCH_DIR        where to put the files (default /dev/shm when present, else the OS temp dir)
//   BENCH_ONLY=primitives   only the FF1 / AES-SIV table (Cordon's node:crypto implementations
//                    beside @noble/ciphers', which they replaced), no files, no keyring:
//                    `npx tsc -p tsconfig.json && BENCH_ONLY=primitives node dist/bench/crypto.js`
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes as nodeRandomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JsonlAuditSink } from '../src/audit/jsonl-sink.js';
import { aessiv } from '@noble/ciphers/aes.js';
import { FF1 } from '@noble/ciphers/ff1.js';
import { aesSivOpen, aesSivSeal } from '../src/crypto/aes-siv.js';
import { ff1DecryptString, ff1EncryptDigits, ff1EncryptString, ff1Prepare, parseAlphabet } from '../src/crypto/ff1.js';
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

/** The old src/crypto/ff1.ts string path: a noble FF1 built per call (it expands the AES key each call). */
function nobleFf1String(key: Uint8Array, alphabet: string, text: string, tweak: Uint8Array, decrypt: boolean): string {
  const { symbols, index } = parseAlphabet(alphabet);
  const f = FF1(symbols.length, key, tweak);
  const digits = [...text].map((c) => index.get(c)!);
  return (decrypt ? f.decrypt(digits) : f.encrypt(digits)).map((d) => symbols[d]!).join('');
}

/**
 * FF1 and AES-SIV per value: Cordon (node:crypto) beside @noble/ciphers (before), same inputs. Each
 * figure is the best of 5 trials, ours and noble's taken in turn, so load on a shared machine
 * weighs on both alike.
 */
function primitives(): void {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  const DIGITS = '0123456789';
  const fpeKey = randomBytes(32);
  const none = new Uint8Array(0);
  const cards = Array.from({ length: 5000 }, () => Array.from(nodeRandomBytes(16), (b) => String(b % 10)).join(''));
  // The fpe operator's tweak binds scope and the kept digits: ~54 bytes, different per BIN/last four.
  const tweaks = cards.map((c) => enc(`cordon/fpe/v1|default|${c.slice(0, 6).split('').join(',')}|${c.slice(12).split('').join(',')}`));
  const cts = cards.map((d) => ff1EncryptString(fpeKey, DIGITS, d));
  for (let i = 0; i < 200; i++) {
    const t = tweaks[i]!;
    if (ff1EncryptString(fpeKey, DIGITS, cards[i]!, { tweak: t }) !== nobleFf1String(fpeKey, DIGITS, cards[i]!, t, false)) throw new Error('FF1 mismatch');
  }
  let j = 0;
  const next = (): number => j++ % cards.length;
  const N = 20_000;
  const prepared = ff1Prepare(fpeKey, 10);
  const cardDigits = cards.map((c) => [...c].map(Number));

  const sivKey = randomBytes(64);
  const values = Array.from({ length: 5000 }, () => randomBytes(32));
  const ad = [enc('cordon/deterministic/v1|default|1')];
  const sealed = values.map((v) => aesSivSeal(sivKey, v, ad));
  const M = 50_000;

  const TRIALS = 5;
  const pair = (n: number, ours: () => void, noble: () => void): [number, number] => {
    let a = 0;
    let b = 0;
    for (let t = 0; t < TRIALS; t++) {
      a = Math.max(a, rate(n / TRIALS, ours));
      b = Math.max(b, rate(n / TRIALS, noble));
    }
    return [a, b];
  };
  const rows: [string, ...[number, number]][] = [
    ['FF1 encrypt, 16 decimal digits, AES-256, empty tweak (ff1EncryptString)',
      ...pair(N, () => { ff1EncryptString(fpeKey, DIGITS, cards[next()]!); }, () => { nobleFf1String(fpeKey, DIGITS, cards[next()]!, none, false); })],
    ['FF1 decrypt, 16 decimal digits (ff1DecryptString)',
      ...pair(N, () => { ff1DecryptString(fpeKey, DIGITS, cts[next()]!); }, () => { nobleFf1String(fpeKey, DIGITS, cts[next()]!, none, true); })],
    ['FF1 encrypt, 16 digits, 54-byte tweak different per value (fpe operator)',
      ...pair(N, () => { const k = next(); ff1EncryptString(fpeKey, DIGITS, cards[k]!, { tweak: tweaks[k]! }); }, () => { const k = next(); nobleFf1String(fpeKey, DIGITS, cards[k]!, tweaks[k]!, false); })],
    ['FF1 encrypt, 16 digits, digit arrays, ff1Prepare / noble FF1 object reused',
      ...(() => { const f = FF1(10, fpeKey); return pair(N, () => { prepared.encrypt(cardDigits[next()]!); }, () => { f.encrypt([...cardDigits[next()]!]); }); })()],
    ['FF1 encrypt, 16 digits, ff1EncryptDigits',
      ...pair(N, () => { ff1EncryptDigits(fpeKey, 10, cardDigits[next()]!); }, () => { FF1(10, fpeKey).encrypt([...cardDigits[next()]!]); })],
    ['AES-SIV seal, 32-byte value, 512-bit key, 1 AD component (deterministic operator)',
      ...pair(M, () => { aesSivSeal(sivKey, values[next()]!, ad); }, () => { aessiv(sivKey, ...ad).encrypt(values[next()]!); })],
    ['AES-SIV open, 32-byte value, 1 AD component',
      ...pair(M, () => { aesSivOpen(sivKey, sealed[next()]!, ad); }, () => { aessiv(sivKey, ...ad).decrypt(sealed[next()]!); })],
  ];
  console.log('| operation | Cordon (node:crypto) per second | @noble/ciphers (before) per second | speed-up |');
  console.log('|---|---:|---:|---:|');
  for (const [label, ours, noble] of rows) console.log(`| ${label} | ${fmt(ours)} | ${fmt(noble)} | ${fmt(ours / noble, 1)}× |`);
}

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === 'primitives') {
    console.log(`cordon bench:crypto primitives — node ${process.version}, ${cpus()[0]?.model ?? '?'}\n`);
    primitives();
    return;
  }
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

  console.log('| operation | per second |');
  console.log('|---|---:|');
  console.log(`| data key generate + wrap (keyring, SQLite store, JSONL audit) | ${fmt(wrapRate)} |`);
  console.log(`| data key unwrap (audited) | ${fmt(unwrapRate)} |\n`);
  primitives();
}

try {
  await main();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
