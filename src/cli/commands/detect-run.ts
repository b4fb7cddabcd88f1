// The line loop of `cordon detect`: reads lines, answers them on this thread or on worker threads,
// and prints the answers strictly in input order. Small inputs are answered here, line by line, as
// they arrive (no worker start-up to pay). Large ones are cut into blocks; with --workers N, N - 1
// worker threads (detect-pool.ts) start while this thread reads, and this thread answers blocks
// too: a block goes to the workers while they hold fewer than INFLIGHT_PER_WORKER blocks each, and
// is answered here when they are all busy. So N threads answer lines and only N - 1 pay a worker's
// start-up and JIT warm-up (issue 13: about 1.5 s of CPU each). At most AHEAD_HERE blocks answered
// here wait behind a worker's block; then the reader waits, so memory stays bounded whatever the
// input's size. Every path answers with detectBlock(), so they print the same bytes.
import type { Readable } from 'node:stream';
import { MAX_TEXT_LENGTH } from '../../detect/analyze.js';
import type { Recognizer } from '../../detect/types.js';
import type { RecognizerDoc } from '../../contracts/types.js';
import { readLines } from '../../io/lines.js';
import { detectBlock, inputLine, toCordonError, type BlockResult, type InputLine, type LineSettings } from './detect-lines.js';
import { startDetectPool, type DetectWorkerPool } from './detect-pool.js';

/**
 * Worker threads are used from this much input on: a file's (or redirected stdin's) size, known at
 * once, or for a pipe the characters answered so far. Each worker loads the recognizers (~0.5 s of
 * CPU) and warms its own JIT up (~1.5 s of CPU over its first ~0.8 MB). On bench:detect's notes, two
 * cores, a quiet machine (2026-12-07, --cli-rounds 1): two workers took 1.22x the wall time of one
 * thread on 2.1 MB, 0.91x on 4.2 MB, 0.81x on 6.4 MB and 0.71x on 10.1 MB (1.58x, 1.30x, 1.25x and
 * 1.17x its CPU), so they gain wall time from about 3.5 MB on; below that they cost more than they save.
 * Those were two workers beside a main thread that only read and printed; the main thread now answers
 * blocks too, with one worker fewer (the same number of warm-ups, one thread and isolate fewer), and
 * the threshold is kept until it is measured again on a quiet machine.
 */
export const PARALLEL_FROM_BYTES = 4 * 1024 * 1024;
/** A block handed to a worker ends at this many lines or characters, whichever comes first. */
const BLOCK_LINES = 256;
const BLOCK_CHARS = 64 * 1024;
/** Blocks in flight per worker: one being answered, one waiting, so no worker idles between blocks. */
const INFLIGHT_PER_WORKER = 2;
/**
 * Blocks answered on this thread that may be held, answered, behind an unanswered worker block (the
 * output is printed in input order). Past that this thread waits for the workers.
 */
const AHEAD_HERE = 8;

export interface DetectRun {
  readonly settings: LineSettings;
  /** Threads that answer lines, this one included; 1 answers every line on this thread. */
  readonly workers: number;
  /** The input's size in bytes when known (a file), undefined for a pipe. */
  readonly size: number | undefined;
  /** The --recognizers document, already checked. */
  readonly doc?: RecognizerDoc;
  /** Writes output, resolving when it may be written again (backpressure). */
  readonly write: (s: string) => Promise<void>;
  readonly warn: (s: string) => void;
  /** Tests only: PARALLEL_FROM_BYTES and BLOCK_LINES, smaller. */
  readonly parallelFrom?: number;
  readonly blockLines?: number;
}

export interface DetectRunResult {
  /** Findings printed (text format). */
  readonly findings: number;
  /** Line numbers answered with an error object (jsonl, --on-error skip). */
  readonly skipped: readonly number[];
  /** Worker threads started (0: every line was answered on this thread; else one fewer than DetectRun.workers). */
  readonly workers: number;
  /** Lines answered by workers (the others were answered on this thread). */
  readonly linesOnWorkers: number;
}

/** The recognizers of this run on this thread, loaded on first use (a run on workers never needs them here). */
async function recognizersFor(doc: RecognizerDoc | undefined): Promise<readonly Recognizer[]> {
  if (doc === undefined) return (await import('../../detect/registry.js')).DEFAULT_RECOGNIZERS;
  return (await import('../../contracts/with-custom-recognizers.js')).withCustomRecognizers(doc);
}

/**
 * Answers every line of `input` in order. A bad line stops the run (after every line before it was
 * printed) unless the settings skip bad lines; a failed worker stops it with ERR_INTERNAL.
 */
export async function runDetect(input: Readable, run: DetectRun): Promise<DetectRunResult> {
  const { settings } = run;
  const from = run.parallelFrom ?? PARALLEL_FROM_BYTES;
  const blockLines = run.blockLines ?? BLOCK_LINES;
  // This thread is one of the N: it answers blocks while the N - 1 workers are busy.
  const startPool = (): DetectWorkerPool => startDetectPool(run.workers - 1, { settings, ...(run.doc !== undefined ? { recognizers: run.doc } : {}) });
  let pool = run.workers > 1 && run.size !== undefined && run.size >= from ? startPool() : undefined;
  let recognizers: readonly Recognizer[] | undefined;
  let findings = 0;
  const skipped: number[] = [];
  let here = 0;
  let there = 0;
  const print = async (r: BlockResult): Promise<void> => {
    if (r.out !== '') await run.write(r.out);
    for (const w of r.warnings) run.warn(w);
    findings += r.findings;
    for (const n of r.skipped) skipped.push(n);
    if (r.error !== undefined) throw toCordonError(r.error);
  };
  // Every block not printed yet, in input order: a worker's answer to come or one answered here.
  const queued: Promise<BlockResult>[] = [];
  /** Blocks sent to the workers and not answered yet. */
  let onWorkers = 0;
  const answered = (): void => { onWorkers--; };
  let block: InputLine[] = [];
  let blockChars = 0;
  const send = async (): Promise<void> => {
    const lines = block;
    block = [];
    blockChars = 0;
    const window = pool!.size * INFLIGHT_PER_WORKER;
    if (onWorkers < window) {
      const p = pool!.run({ lines });
      onWorkers++;
      // Awaited in order below; marked handled now, so a later block's failure is not reported early.
      p.then(answered, answered);
      queued.push(p);
      there += lines.length;
    } else {
      recognizers ??= await recognizersFor(run.doc);
      queued.push(Promise.resolve(detectBlock(lines, settings, recognizers)));
    }
    while (queued.length >= window + AHEAD_HERE) await print(await queued.shift()!);
  };
  try {
    // A line is answered whole, so it is bounded by what analyze takes (UTF-8: at most 4 bytes a character).
    for await (const line of readLines(input, settings.format === 'text' ? { maxLineBytes: 4 * MAX_TEXT_LENGTH } : {})) {
      const item = inputLine(line);
      const chars = 'text' in item ? item.text.length : 0;
      if (pool === undefined && run.workers > 1 && run.size === undefined && here >= from) pool = startPool();
      if (pool === undefined) {
        recognizers ??= await recognizersFor(run.doc);
        here += chars;
        await print(detectBlock([item], settings, recognizers));
        continue;
      }
      block.push(item);
      blockChars += chars;
      if (block.length >= blockLines || blockChars >= BLOCK_CHARS) await send();
    }
    if (block.length > 0) await send();
    while (queued.length > 0) await print(await queued.shift()!);
  } finally {
    await pool?.close();
  }
  return { findings, skipped, workers: pool?.size ?? 0, linesOnWorkers: there };
}
