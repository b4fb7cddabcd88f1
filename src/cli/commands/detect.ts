// `cordon detect`: finds sensitive entities in JSONL records (a `text` field per line) or plain
// text. One output line per input line, in order. Bad lines stop the run with their line number,
// or with --on-error skip are answered with an error object and counted at the end. Large inputs
// are answered on worker threads, in blocks, and printed in input order (detect-run.ts).
import type { Command } from 'commander';
import { createReadStream, fstatSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Transform, type Readable } from 'node:stream';
import { CordonError } from '../../errors.js';
import { ENTITIES, type DetectOptions, type Entity, type Recognizer } from '../../detect/types.js';
import type { ProfileName } from '../../detect/profiles/table.js';
import type { RecognizerDoc } from '../../contracts/types.js';
import { ENCODING_HELP, parseEncoding, parseProfile, PROFILE_HELP, RECOGNIZERS_HELP } from '../options.js';
import { decompressedInput } from '../../io/compression.js';
import { utf8Input, type TextEncoding } from '../../io/text-encoding.js';
import { progress } from '../output.js';
import type { DetectFormat, LineSettings } from './detect-lines.js';
import { PARALLEL_FROM_BYTES, runDetect } from './detect-run.js';

interface DetectFlags {
  in?: string;
  entities?: string;
  threshold?: string;
  explain?: boolean;
  format?: string;
  onError: string;
  showValues?: boolean;
  profile?: ProfileName;
  encoding?: TextEncoding;
  recognizers?: string;
  json?: boolean;
  workers?: number;
}

function parseOptions(f: DetectFlags, custom: readonly Recognizer[]): DetectOptions {
  let entities: Entity[] | undefined;
  if (f.entities !== undefined) {
    entities = f.entities.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s.length > 0) as Entity[];
    const known = [...ENTITIES, ...custom.map((r) => r.entity)];
    const unknown = entities.filter((e) => !known.includes(e));
    if (unknown.length > 0) throw new CordonError('ERR_USAGE', `unknown entities: ${unknown.join(', ')} (known: ${[...new Set(known)].join(', ')})`);
  }
  let threshold: number | undefined;
  if (f.threshold !== undefined) {
    threshold = Number(f.threshold);
    if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) throw new CordonError('ERR_USAGE', '--threshold must be a number between 0 and 1');
  }
  return { ...(entities ? { entities } : {}), ...(threshold !== undefined ? { threshold } : {}), ...(f.profile !== undefined ? { profile: f.profile } : {}) };
}

function write(s: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(s)) resolve();
    else process.stdout.once('drain', resolve);
  });
}

/** `src` as it is, counting the bytes that pass (for the progress line); errors pass on. */
function counting(src: Readable, onBytes: (bytes: number) => void): Readable {
  let n = 0;
  const t = new Transform({ transform(chunk: Buffer, _enc, cb) { n += chunk.length; onBytes(n); cb(null, chunk); } });
  src.on('error', (e) => t.destroy(e));
  return src.pipe(t);
}

function sizeOf(path: string): number | undefined {
  try { return statSync(path).size; } catch { return undefined; }
}

/** Standard input's size when it is a regular file (`< file`); undefined for a pipe or a terminal. */
function stdinSize(): number | undefined {
  try {
    const st = fstatSync(0);
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined;
  }
}

function parseWorkers(value: string): number {
  const n = /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 1 && n <= 256)) throw new CordonError('ERR_USAGE', '--workers expects a number of threads from 1 to 256');
  return n;
}

/** Files read as plain text when --format is not given: notes, logs, markdown. */
const TEXT_FILE = /\.(?:txt|text|log|md)(?:\.gz|\.zst)?$/i;

export function registerDetect(program: Command): void {
  program.command('detect')
    .description('find sensitive data (PII, PHI, payment data, secrets) in JSONL records or plain text')
    .argument('[input]', 'input file, or - for stdin (the same as --in)')
    .option('-i, --in <file>', 'input file, or - for stdin (default: stdin)')
    .option('-e, --entities <list>', `only these entities, comma-separated (${ENTITIES.slice(0, 4).join(', ')}, …)`)
    .option('-t, --threshold <score>', 'drop findings scoring below this, 0-1 (default 0.5)')
    .option('-p, --profile <name>', PROFILE_HELP, parseProfile)
    .option('-r, --recognizers <file>', RECOGNIZERS_HELP)
    .option('--explain', 'include how each score was reached (recognizer, pattern, validator, context words)')
    .option('--format <format>', 'jsonl: one {"text": ...} object per line in, one {"entities": [...]} line out; text: plain text in, readable findings out (default: text for a .txt, .text, .log or .md file, else jsonl)')
    .option('--json', 'the same as --format jsonl (JSON lines out); not with --format text')
    .option('--on-error <mode>', 'fail: stop at the first bad line (exit 3); skip: answer it with an error object and go on', 'fail')
    .option('--encoding <name>', ENCODING_HELP, parseEncoding)
    .option('--show-values', 'with --format text: print matched values in full (default: masked preview)')
    .option('--workers <n>', `threads that answer lines: from ${PARALLEL_FROM_BYTES / 1024 / 1024} MiB of input, blocks of lines are answered by this many threads (this one and N - 1 worker threads) and the answers come out in input order; 1: one thread (default: one per CPU core)`, parseWorkers)
    .addHelpText('after', `
Output (jsonl), one line per input line, same order:
  {"entities":[{"start":0,"end":5,"entity":"PERSON","score":0.91}]}
Offsets are UTF-16 code units (JavaScript's String.prototype.slice).
From ${PARALLEL_FROM_BYTES / 1024 / 1024} MiB of input (a file's size, or that much read from a pipe), lines are answered by
--workers threads (default: one per CPU core; the main thread and N - 1 workers) in blocks; the output
is the same, in the same order.

Examples:
  cordon detect --in records.jsonl > findings.jsonl
  cordon detect records.jsonl | head -1               # a closed pipe ends detect quietly (status 0)
  cat notes.txt | cordon detect - --format text
  cordon detect notes.txt                             # .txt, .text, .log, .md: plain text, readable findings
  echo '{"text":"card 4111 1111 1111 1111"}' | cordon detect --explain
  cordon detect --format text --in notes.txt --entities EMAIL_ADDRESS,PHONE_NUMBER
  cordon detect --profile hipaa --in notes.jsonl      # Safe Harbor identifiers: no clock times, ages over 89 only
  cordon detect --profile secrets --format text --in app.log
  cordon detect --format text --encoding utf-16le --in export.txt
  cordon detect --recognizers recognizers.yaml --in records.jsonl   # your own entities, e.g. EMPLOYEE_ID
  cordon detect --in big.jsonl --workers 1 > findings.jsonl   # one thread, whatever the size`)
    .action(async (positional: string | undefined, f: DetectFlags) => {
      if (positional !== undefined && f.in !== undefined && positional !== f.in) throw new CordonError('ERR_USAGE', 'give the input once: as an argument or with --in');
      f.in = positional ?? f.in ?? '-';
      f.format ??= f.json !== true && TEXT_FILE.test(f.in) ? 'text' : 'jsonl';
      if (f.format !== 'jsonl' && f.format !== 'text') throw new CordonError('ERR_USAGE', '--format must be jsonl or text');
      if (f.json === true && f.format !== 'jsonl') throw new CordonError('ERR_USAGE', '--json prints JSON lines: it cannot go with --format text');
      if (f.onError !== 'fail' && f.onError !== 'skip') throw new CordonError('ERR_USAGE', '--on-error must be fail or skip');
      // Without --recognizers the contract and YAML readers (ajv, yaml, the vault's pg driver through
      // workspace-data) are not loaded at all; the built-in recognizers (and libphonenumber's metadata)
      // are loaded on the thread that answers the lines, when it needs them.
      let doc: RecognizerDoc | undefined;
      let custom: readonly Recognizer[] = [];
      if (f.recognizers !== undefined) {
        doc = (await import('../workspace-data.js')).readRecognizerFile(f.recognizers);
        custom = (await import('../../contracts/load-recognizers.js')).customOf(doc);
      }
      const options = parseOptions(f, custom);
      const source: Readable = f.in === '-' ? process.stdin : createReadStream(f.in);
      const size = f.in === '-' ? stdinSize() : sizeOf(f.in);
      // Progress only when the findings go elsewhere than the terminal the line is drawn on.
      const p = progress('detecting', f.in === '-' ? undefined : size, { off: f.json === true || process.stdout.isTTY === true });
      const raw = p.active ? counting(source, p.update) : source;
      const format = f.format as DetectFormat;
      const settings: LineSettings = { format, explain: f.explain === true, showValues: f.showValues === true, skip: f.onError === 'skip', options };
      try {
        // gzip and zstd by their magic bytes, as the dataset readers take them.
        const { stream: input } = await utf8Input(await decompressedInput(raw), f.encoding !== undefined ? { encoding: f.encoding } : {});
        const r = await runDetect(input, { settings, workers: f.workers ?? availableParallelism(), size, ...(doc !== undefined ? { doc } : {}), write, warn: (s) => { process.stderr.write(s); } });
        p.done();
        if (format === 'text') process.stderr.write(`${r.findings} finding(s)\n`);
        else if (r.skipped.length > 0) process.stderr.write(`cordon: skipped ${r.skipped.length} bad line(s): ${r.skipped.slice(0, 20).join(', ')}${r.skipped.length > 20 ? ', …' : ''}\n`);
      } catch (e) {
        p.done();
        const code = (e as { code?: string }).code;
        if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw new CordonError('ERR_IO', `cannot read ${f.in}: ${code}`);
        throw e;
      }
    });
}
