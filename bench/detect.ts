// `npm run bench:detect [-- --mb N]`: free-text detection throughput on one core with every default
// recognizer, and memory as the input grows (streaming through the same line reader the CLI uses).
//
// The corpus is generated here, deterministically: support-ticket and clinical-note style lines
// in which about one sentence in three carries personal data (names, e-mails, phones, cards, dates,
// addresses), the rest ordinary prose. The generator is not the dev data and is not tuned to it.
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { analyze } from '../src/detect/analyze.js';
import { DEFAULT_RECOGNIZERS } from '../src/detect/registry.js';
import { isBadLine, readLines } from '../src/io/lines.js';
import { classifyColumns } from '../src/detect/columns/index.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Maria', 'James', 'Aisha', 'Wei', 'Olga', 'Carlos', 'Priya', 'Tom', 'Fatima', 'Lars', 'Yuki', 'Grace'];
const LAST = ['Gonzalez', 'Smith', 'Okafor', 'Chen', 'Ivanova', 'Silva', 'Patel', 'Baker', 'Haddad', 'Nilsson', 'Tanaka', 'Murphy'];
const CITY = ['Chicago', 'Lyon', 'Leeds', 'Porto', 'Osaka', 'Denver', 'Gdansk', 'Toronto'];
const PROSE = [
  'The update rolled out to all regions without incident and the dashboard shows normal traffic.',
  'We reviewed the quarterly figures and agreed to revisit the forecast after the holidays.',
  'The patient tolerated the procedure well and was advised to rest and drink plenty of fluids.',
  'Please find attached the minutes of the meeting along with the action items we discussed.',
  'Our team is still investigating the root cause of the intermittent timeout errors.',
  'Version 2.14.3 fixes the memory leak reported in the previous release notes.',
  'The shipment left the warehouse on time but was delayed at the regional sorting center.',
  'Blood pressure was stable, and the follow-up plan remains unchanged for now.',
];
const PII: Array<(r: () => number) => string> = [
  (r) => `Customer ${pick(r, FIRST)} ${pick(r, LAST)} called from ${phone(r)} about order 55123.`,
  (r) => `Please email ${pick(r, FIRST).toLowerCase()}.${pick(r, LAST).toLowerCase()}@example.com with the refund details.`,
  (r) => `Card ending in 4242, full number 4111 1111 1111 1111, was declined on ${date(r)}.`,
  (r) => `Patient ${pick(r, FIRST)} ${pick(r, LAST)}, DOB ${date(r)}, was admitted in ${pick(r, CITY)}.`,
  (r) => `Ship to ${1 + Math.floor(r() * 9000)} Oak Street, ${pick(r, CITY)}, IL 6060${Math.floor(r() * 10)}.`,
  (r) => `SSN on file is 536-22-${1000 + Math.floor(r() * 8999)} per the intake form.`,
  (r) => `Login from 192.168.${Math.floor(r() * 255)}.${Math.floor(r() * 255)} failed three times for user ${pick(r, FIRST)}.`,
];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}
function phone(r: () => number): string {
  return `(415) 555-${String(1000 + Math.floor(r() * 8999))}`;
}
function date(r: () => number): string {
  return `${1 + Math.floor(r() * 12)}/${1 + Math.floor(r() * 28)}/${1950 + Math.floor(r() * 70)}`;
}

/** Deterministic synthetic lines totalling about `bytes` bytes. */
export function corpus(bytes: number, seed = 7): string[] {
  const r = rng(seed);
  const lines: string[] = [];
  let n = 0;
  while (n < bytes) {
    const parts: string[] = [];
    const sentences = 2 + Math.floor(r() * 4);
    for (let i = 0; i < sentences; i++) parts.push(r() < 0.33 ? pick(r, PII)(r) : pick(r, PROSE));
    const line = parts.join(' ');
    lines.push(line);
    n += Buffer.byteLength(line) + 1;
  }
  return lines;
}

function mb(n: number): string {
  return (n / 1e6).toFixed(2);
}

async function streamed(lines: string[]): Promise<{ seconds: number; findings: number; peakRss: number }> {
  const input = Readable.from((function* () { for (const l of lines) yield l + '\n'; })());
  let findings = 0;
  let peakRss = process.memoryUsage().rss;
  const t0 = process.hrtime.bigint();
  let i = 0;
  for await (const line of readLines(input)) {
    if (isBadLine(line)) throw line.error;
    findings += analyze(line.text, DEFAULT_RECOGNIZERS).length;
    if (++i % 2000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, findings, peakRss };
}

async function main(): Promise<void> {
  console.log(`bench:detect — node ${process.version}, ${DEFAULT_RECOGNIZERS.length} default recognizers, one core`);
  const argMb = process.argv.indexOf('--mb');
  const size = (argMb > 0 ? Number(process.argv[argMb + 1]) : 8) * 1e6;
  // Warm-up: builds the word lists and lets the JIT compile the hot paths, so the figures below are
  // steady-state throughput (what a long scan sees), not start-up.
  const t0w = process.hrtime.bigint();
  for (const l of corpus(1e6, 3)) analyze(l, DEFAULT_RECOGNIZERS);
  console.log(`warm-up: 1 MB of a different seed in ${(Number(process.hrtime.bigint() - t0w) / 1e9).toFixed(2)} s (word lists built, JIT warmed)`);

  const lines = corpus(size);
  const bytes = lines.reduce((a, l) => a + Buffer.byteLength(l) + 1, 0);
  // Throughput: analyze() over in-memory lines.
  // Wall time and this thread's CPU time: on a shared machine the CPU figure is the steadier one.
  let findings = 0;
  const t0 = process.hrtime.bigint();
  const u0 = process.cpuUsage();
  for (const l of lines) findings += analyze(l, DEFAULT_RECOGNIZERS).length;
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const u = process.cpuUsage(u0);
  const cpu = (u.user + u.system) / 1e6;
  console.log(`free text, in memory: ${mb(bytes)} MB, ${lines.length} lines, ${findings} findings in ${s.toFixed(2)} s → ${(bytes / 1e6 / s).toFixed(2)} MB/s (CPU time ${cpu.toFixed(2)} s → ${(bytes / 1e6 / cpu).toFixed(2)} MB/s per core)`);

  // Streaming: the CLI's line reader plus analyze(); memory should not grow with input size.
  for (const factor of [1, 4]) {
    const big = factor === 1 ? lines : Array.from({ length: factor }, () => lines).flat();
    const b = bytes * factor;
    global.gc?.();
    const r = await streamed(big);
    console.log(`free text, streamed: ${mb(b)} MB in ${r.seconds.toFixed(2)} s → ${(b / 1e6 / r.seconds).toFixed(2)} MB/s, peak RSS ${(r.peakRss / 2 ** 20).toFixed(0)} MiB`);
  }
  // Column scan: a customer table of typical shape, every sampled row classified.
  const rows = 2000;
  const r = rng(11);
  const records = Array.from({ length: rows }, (_, i) => ({
    id: String(100000 + i),
    first_name: pick(r, FIRST),
    last_name: pick(r, LAST),
    email: `${pick(r, FIRST).toLowerCase()}${i}@example.com`,
    phone: phone(r),
    city: pick(r, CITY),
    zip: String(10000 + Math.floor(r() * 89999)),
    birth_date: date(r),
    card: '4111111111111111',
    amount: (r() * 1000).toFixed(2),
    status: pick(r, ['active', 'closed', 'pending']),
    notes: pick(r, PROSE),
  }));
  classifyColumns({ records: records.slice(0, 50) }, { recognizers: DEFAULT_RECOGNIZERS });
  const c0 = process.hrtime.bigint();
  const cols = classifyColumns({ records }, { recognizers: DEFAULT_RECOGNIZERS });
  const cs = Number(process.hrtime.bigint() - c0) / 1e9;
  console.log(`column scan: ${rows} rows × ${cols.length} columns in ${cs.toFixed(2)} s → ${Math.round(rows / cs)} rows/s (${Math.round(rows * cols.length / cs)} cells/s)`);
  console.log('target: ≥ 5 MB/s of text per core; RSS flat as the input grows (the input array itself is held in memory here)');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
