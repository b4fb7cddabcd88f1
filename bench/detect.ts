// `npm run bench:detect [-- --mb N] [-- --baseline DIR]`: free-text detection speed with every default
// recognizer, on the texts detection meets in practice, and memory as the input grows.
//
// - Notes: the clinical and ICU nursing notes of bench/data (generated surrogates, the genre the issue
//   targets), repeated to N MB (default 2). "Whole process" divides their bytes by the CPU seconds the
//   process used from its start: module load, word lists built on first use and the JIT's warm-up
//   included, as `cordon detect` pays them; on Linux split into the main thread and the others (the
//   JIT's optimising compiles run there). "Steady" is a further pass once everything is warm.
// - Whole process, CLI: `node bin/cordon.js detect --in notes.jsonl` spawned on the same notes, once
//   with --workers 1 (one thread) and once with --workers N (default: one per core, `--cli-workers N`),
//   wall seconds and the child's CPU seconds (all its threads); both outputs must be the same bytes.
//   This is what a user's `cordon detect` costs on a file of --mb MB: node's start, the CLI and
//   detector modules, the word-list table, the JIT's warm-up (once per worker), reading and parsing
//   the JSONL, the findings' JSON and writing them. `--no-cli` leaves it out; `--cli-only` runs it
//   alone (for large --mb: 10, 40), `--cli-rounds N` alternates the two runs N times. Each run prints
//   the 1-minute load average before and after it: on a shared machine, read the CPU figures.
// - Short texts: real 60-character pieces of the same notes, cut at spaces (what the `text` operator
//   sees in a notes column), so the fixed cost per call is measured on real words, not on "x".
// - Memory: the CLI's line reader over 1 MB and 4 MB of the notes, peak RSS.
// - `--baseline DIR`: another build's dist/ (e.g. main before a change, built into a temp dir) runs
//   the same texts in the same process, interleaved with this build, best of three rounds each; the
//   ratio then holds for one machine state. Both builds' finding counts are printed: a pure speed
//   change must find the same.
// Every figure gives wall and CPU seconds: on a shared machine the CPU figure is the steadier one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { analyze } from '../src/detect/analyze.js';
import { DEFAULT_RECOGNIZERS } from '../src/detect/registry.js';
import type { Finding, Recognizer } from '../src/detect/types.js';
import { isBadLine, readLines } from '../src/io/lines.js';

type Analyze = (text: string, recognizers: readonly Recognizer[]) => Finding[];
interface Engine {
  readonly name: string;
  readonly analyze: Analyze;
  readonly recognizers: readonly Recognizer[];
}

const DATA = join(process.cwd(), 'bench', 'data');
const NOTE_FILES = ['icu-notes.dev.jsonl', 'icu-notes.heldout.jsonl', 'clinical-notes.jsonl'];
const SHORT_LENGTH = 60;

/** The notes of bench/data, one text each. */
export function notes(): string[] {
  return NOTE_FILES.flatMap((f) => readFileSync(join(DATA, f), 'utf8').split('\n').filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { text: string }).text));
}

/**
 * Consecutive pieces of each note, each at most `length` characters and cut at a space. Later rounds
 * start each note one word further in, so every piece is a different text.
 */
export function shortTexts(texts: readonly string[], count: number, length = SHORT_LENGTH): string[] {
  const out: string[] = [];
  for (let round = 0; round < 8 && out.length < count; round++) {
    for (const t of texts) {
      let at = 0;
      for (let skip = 0; skip < round && at >= 0; skip++) at = t.indexOf(' ', at + 1);
      if (at < 0) continue;
      while (at < t.length && out.length < count) {
        let end = Math.min(t.length, at + length);
        const space = end < t.length ? t.lastIndexOf(' ', end) : -1;
        if (space > at + length / 2) end = space;
        const piece = t.slice(at, end).trim();
        if (piece.length >= length / 2) out.push(piece);
        at = end + 1;
      }
    }
  }
  return out;
}

function bytesOf(texts: readonly string[]): number {
  return texts.reduce((a, t) => a + Buffer.byteLength(t) + 1, 0);
}

interface Run {
  readonly wall: number;
  readonly cpu: number;
  readonly findings: number;
}

function run(engine: Engine, texts: readonly string[]): Run {
  let findings = 0;
  const t0 = process.hrtime.bigint();
  const u0 = process.cpuUsage();
  for (const t of texts) findings += engine.analyze(t, engine.recognizers).length;
  const u = process.cpuUsage(u0);
  return { wall: Number(process.hrtime.bigint() - t0) / 1e9, cpu: (u.user + u.system) / 1e6, findings };
}

/**
 * CPU seconds of this process's main thread and of its other threads (V8's concurrent compilers and
 * GC helpers, libuv's pool), read from /proc/self/task (Linux; undefined elsewhere). process.cpuUsage()
 * counts both: the JIT's warm-up is mostly optimising compiles on the other threads, which no profile
 * of the main thread shows.
 */
function threadCpu(): { main: number; others: number } | undefined {
  let tasks: string[];
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    return undefined;
  }
  let main = 0;
  let others = 0;
  for (const tid of tasks) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // a thread that ended since the listing
    }
    // Fields after the command's closing parenthesis: state is field 3, utime and stime 14 and 15 (clock ticks, 100 a second).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const seconds = (Number(fields[11]) + Number(fields[12])) / 100;
    if (Number(tid) === process.pid) main += seconds;
    else others += seconds;
  }
  return { main, others };
}

function best(runs: readonly Run[]): Run {
  return runs.reduce((a, b) => (b.cpu < a.cpu ? b : a));
}

async function streamed(texts: readonly string[]): Promise<{ seconds: number; peakRss: number }> {
  const input = Readable.from((function* () { for (const l of texts) yield l.replace(/\n/g, ' ') + '\n'; })());
  let peakRss = process.memoryUsage().rss;
  const t0 = process.hrtime.bigint();
  let i = 0;
  for await (const line of readLines(input)) {
    if (isBadLine(line)) throw line.error;
    analyze(line.text, DEFAULT_RECOGNIZERS);
    if (++i % 500 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, peakRss };
}

interface CliRun {
  readonly wall: number;
  readonly cpu: number;
  readonly out: Buffer;
  /** The 1-minute load average before and after the run. */
  readonly load: readonly [number, number];
}

/**
 * `cordon detect --in FILE --workers N` as a user runs it, in a child process. Its CPU seconds (every
 * thread's) are written by a preloaded module when the process exits: Node gives no child's rusage.
 */
function cliDetect(dir: string, file: string, workers: number): CliRun {
  const hook = join(dir, 'cpu-at-exit.mjs');
  writeFileSync(hook, "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write(`\\ncordon-bench-cpu ${u.user + u.system}\\n`); });\n");
  const before = loadavg()[0]!;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(hook).href, join(process.cwd(), 'bin', 'cordon.js'), 'detect', '--in', file, '--workers', String(workers)], { maxBuffer: 1024 * 1024 * 1024 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = /cordon-bench-cpu (\d+)/.exec(r.stderr.toString());
  if (r.status !== 0 || cpu === null) throw new Error(`cordon detect --workers ${workers} failed (status ${r.status}): ${r.stderr.toString().slice(0, 500)}`);
  return { wall, cpu: Number(cpu[1]) / 1e6, out: r.stdout, load: [before, loadavg()[0]!] };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const f2 = (n: number): string => n.toFixed(2);

/**
 * `cordon detect --in` on `texts` as one JSONL file, with --workers 1 and --workers N (--cli-workers,
 * default one per core), alternated --cli-rounds times (default 1); every output must be the bytes
 * of the first.
 */
function cliRuns(texts: readonly string[], bytes: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-bench-detect-'));
  try {
    const file = join(dir, 'notes.jsonl');
    writeFileSync(file, texts.map((t) => JSON.stringify({ text: t }) + '\n').join(''));
    const n = Number(arg('--cli-workers') ?? availableParallelism());
    const rounds = Number(arg('--cli-rounds') ?? 1);
    const mb = f2(bytes / 1e6);
    let first: Buffer | undefined;
    let same = true;
    const runs = new Map<number, CliRun[]>([[1, []], [n, []]]);
    for (let round = 0; round < rounds; round++) {
      for (const w of [1, n]) {
        const r = cliDetect(dir, file, w);
        runs.get(w)!.push(r);
        first ??= r.out;
        same &&= r.out.equals(first);
        console.log(`notes, whole process, CLI (cordon detect --in, --workers ${w}): ${mb} MB in ${f2(r.wall)} s wall → ${f2(bytes / 1e6 / r.wall)} MB/s wall; ${f2(r.cpu)} s CPU (all threads) → ${f2(bytes / 1e6 / r.cpu)} MB/s per CPU second; load ${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)}`);
      }
    }
    // Best of the rounds by CPU seconds, each worker count's own best.
    const bestOf = (w: number): CliRun => runs.get(w)!.reduce((a, b) => (b.cpu < a.cpu ? b : a));
    const one = bestOf(1);
    const many = bestOf(n);
    console.log(`notes, CLI: every run printed ${same ? 'the same bytes' : 'OTHER BYTES'} (${first!.length} bytes), --workers 1 and ${n}; best by CPU: --workers ${n} took ${f2(many.cpu / one.cpu)}x the CPU seconds of --workers 1 and ${f2(many.wall / one.wall)}x its wall time`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function loadBaseline(dir: string): Promise<Engine> {
  const a = await import(pathToFileURL(join(dir, 'src', 'detect', 'analyze.js')).href) as { analyze: Analyze };
  const r = await import(pathToFileURL(join(dir, 'src', 'detect', 'registry.js')).href) as { DEFAULT_RECOGNIZERS: readonly Recognizer[] };
  return { name: `baseline (${dir})`, analyze: a.analyze, recognizers: r.DEFAULT_RECOGNIZERS };
}

async function main(): Promise<void> {
  const size = Number(arg('--mb') ?? 2) * 1e6;
  const current: Engine = { name: 'this build', analyze, recognizers: DEFAULT_RECOGNIZERS };
  console.log(`bench:detect — node ${process.version}, ${DEFAULT_RECOGNIZERS.length} default recognizers, one thread`);
  const set = notes();
  const setBytes = bytesOf(set);
  const all: string[] = [];
  while (bytesOf(all) < size) all.push(...set);
  const bytes = bytesOf(all);
  if (process.argv.includes('--cli-only')) {
    cliRuns(all, bytes);
    return;
  }

  // Start-up, apart: module load so far, then one first call (word lists built, patterns compiled).
  // Both stay inside the whole-process figure below, which counts every CPU second since start.
  const loaded = process.cpuUsage();
  current.analyze(set[0]!, current.recognizers);
  const called = process.cpuUsage(loaded);
  console.log(`start-up: ${Math.round((loaded.user + loaded.system) / 1e3)} ms CPU to load the modules, ${Math.round((called.user + called.system) / 1e3)} ms CPU for the first call (word lists built on first use)`);
  // Whole process: everything this process has spent so far (start-up, loading) plus the first pass.
  const first = run(current, all);
  const proc = process.cpuUsage();
  const procCpu = (proc.user + proc.system) / 1e6;
  console.log(`notes, whole process: ${f2(bytes / 1e6)} MB (${all.length} notes of ${set.length} distinct, ${Math.round(setBytes / set.length)} B each) in ${f2(first.wall)} s wall, process CPU since start ${f2(procCpu)} s → ${f2(bytes / 1e6 / procCpu)} MB/s`);
  const threads = threadCpu();
  if (threads !== undefined) console.log(`notes, whole process by thread: main ${f2(threads.main)} s CPU, other threads (V8's concurrent compilers and GC helpers) ${f2(threads.others)} s`);
  const steady = run(current, all);
  console.log(`notes, steady: ${f2(steady.wall)} s wall, ${f2(steady.cpu)} s CPU → ${f2(bytes / 1e6 / steady.cpu)} MB/s per core, ${steady.findings} findings`);
  // What the first pass cost beyond a warm one: the JIT compiling and optimising the finders.
  console.log(`notes, warm-up: the first pass took ${f2(first.cpu)} s CPU, the steady one ${f2(steady.cpu)} s (${f2(first.cpu - steady.cpu)} s of JIT warm-up)`);

  if (!process.argv.includes('--no-cli')) cliRuns(all, bytes);

  const short = shortTexts(set, 20_000);
  const shortChars = short.reduce((a, t) => a + t.length, 0);
  run(current, short.slice(0, 2000));
  const s = run(current, short);
  console.log(`short texts: ${short.length} real note pieces of ${Math.round(shortChars / short.length)} characters on average, ${f2(s.wall)} s wall, ${f2(s.cpu)} s CPU → ${Math.round(short.length / s.cpu)} texts/s per core (${(s.cpu / short.length * 1e6).toFixed(1)} µs each)`);

  const baseDir = arg('--baseline');
  if (baseDir !== undefined) {
    const base = await loadBaseline(baseDir);
    // Three passes over the distinct notes (about 0.6 MB) per round.
    const sample = [...set, ...set, ...set];
    const sampleBytes = bytesOf(sample);
    run(base, all.slice(0, set.length));
    run(base, short.slice(0, 2000));
    const runs = new Map<Engine, { notes: Run[]; short: Run[] }>([[current, { notes: [], short: [] }], [base, { notes: [], short: [] }]]);
    for (let round = 0; round < 3; round++) {
      for (const e of round % 2 === 0 ? [base, current] : [current, base]) {
        runs.get(e)!.notes.push(run(e, sample));
        runs.get(e)!.short.push(run(e, short));
      }
    }
    const line = (e: Engine): { n: Run; s: Run } => {
      const r = runs.get(e)!;
      const n = best(r.notes);
      const sh = best(r.short);
      console.log(`  ${e.name}: notes ${f2(sampleBytes / 1e6 / n.cpu)} MB/s (${f2(n.cpu)} s CPU, ${f2(n.wall)} s wall, ${n.findings} findings); short ${Math.round(short.length / sh.cpu)} texts/s (${f2(sh.cpu)} s CPU, ${f2(sh.wall)} s wall, ${sh.findings} findings)`);
      return { n, s: sh };
    };
    console.log(`same process, interleaved, best of 3 by CPU time (${f2(sampleBytes / 1e6)} MB of notes, ${short.length} short texts):`);
    const b = line(base);
    const c = line(current);
    console.log(`  ratio this/baseline: notes ${f2(b.n.cpu / c.n.cpu)}x, short texts ${f2(b.s.cpu / c.s.cpu)}x`);
  }

  // Streaming: the CLI's line reader plus analyze(); memory should not grow with input size.
  for (const mb of [1, 4]) {
    const big: string[] = [];
    while (bytesOf(big) < mb * 1e6) big.push(...set);
    global.gc?.();
    const r = await streamed(big);
    console.log(`notes, streamed: ${f2(bytesOf(big) / 1e6)} MB in ${f2(r.seconds)} s → ${f2(bytesOf(big) / 1e6 / r.seconds)} MB/s wall, peak RSS ${(r.peakRss / 2 ** 20).toFixed(0)} MiB`);
  }

  // Column scan: a customer table of typical shape, every sampled row classified.
  const rows = 2000;
  const firstNames = ['Maria', 'James', 'Aisha', 'Wei', 'Olga', 'Carlos', 'Priya', 'Tom'];
  const records = Array.from({ length: rows }, (_, i) => ({
    id: String(100000 + i),
    name: `${firstNames[i % firstNames.length]} ${['Gonzalez', 'Smith', 'Okafor', 'Chen'][i % 4]}`,
    email: `user${i}@example.com`,
    phone: `(415) 555-${String(1000 + (i * 37) % 8999)}`,
    zip: String(10000 + (i * 7919) % 89999),
    birth_date: `${1 + i % 12}/${1 + i % 28}/${1950 + i % 70}`,
    amount: ((i * 13.37) % 1000).toFixed(2),
    notes: short[i % short.length]!,
  }));
  // Loaded here, not with the detector: `cordon detect` never loads the column classifier, so the
  // whole-process figure above must not count it.
  const { classifyColumns } = await import('../src/detect/columns/index.js');
  classifyColumns({ records: records.slice(0, 50) }, { recognizers: DEFAULT_RECOGNIZERS });
  const c0 = process.hrtime.bigint();
  const cols = classifyColumns({ records }, { recognizers: DEFAULT_RECOGNIZERS });
  const cs = Number(process.hrtime.bigint() - c0) / 1e9;
  console.log(`column scan: ${rows} rows × ${cols.length} columns in ${f2(cs)} s → ${Math.round(rows / cs)} rows/s`);
  console.log('targets (issue 13): ≥ 5 MB/s of notes whole process, ≥ 50,000 short texts/s per core, RSS flat as the input grows');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
