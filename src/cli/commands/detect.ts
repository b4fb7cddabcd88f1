// `cordon detect`: finds sensitive entities in JSONL records (a `text` field per line) or plain
// text. One output line per input line, in order. Bad lines stop the run with their line number,
// or with --on-error skip are answered with an error object and counted at the end.
import type { Command } from 'commander';
import { createReadStream, statSync } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { CordonError } from '../../errors.js';
import { analyze, MAX_TEXT_LENGTH } from '../../detect/analyze.js';
import { ENTITIES, type DetectOptions, type Entity, type Finding, type Recognizer } from '../../detect/types.js';
import { isBadLine, readLines } from '../../io/lines.js';
import type { ProfileName } from '../../detect/profiles/table.js';
import { ENCODING_HELP, parseEncoding, parseProfile, PROFILE_HELP, RECOGNIZERS_HELP } from '../options.js';
import { utf8Input, type TextEncoding } from '../../io/text-encoding.js';
import { progress } from '../output.js';

interface DetectFlags {
  in?: string;
  entities?: string;
  threshold?: string;
  explain?: boolean;
  format: string;
  onError: string;
  showValues?: boolean;
  profile?: ProfileName;
  encoding?: TextEncoding;
  recognizers?: string;
  json?: boolean;
}

function parseOptions(f: DetectFlags, recognizers: readonly Recognizer[]): DetectOptions {
  let entities: Entity[] | undefined;
  if (f.entities !== undefined) {
    entities = f.entities.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s.length > 0) as Entity[];
    const known = [...ENTITIES, ...recognizers.map((r) => r.entity)];
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

function toJson(f: Finding, explain: boolean): Record<string, unknown> {
  return { start: f.start, end: f.end, entity: f.entity, score: f.score, ...(explain ? { explanation: f.explanation } : {}) };
}

/** First and last two characters, the rest as '*': enough to recognise a finding without copying it. */
function preview(value: string): string {
  const chars = [...value];
  if (chars.length <= 4) return '*'.repeat(chars.length);
  return chars.slice(0, 2).join('') + '*'.repeat(Math.min(chars.length - 4, 12)) + chars.slice(-2).join('');
}

function write(line: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(line)) resolve();
    else process.stdout.once('drain', resolve);
  });
}

async function detectJsonl(input: Readable, f: DetectFlags, options: DetectOptions, recognizers: readonly Recognizer[]): Promise<void> {
  const skip = f.onError === 'skip';
  const bad: number[] = [];
  for await (const line of readLines(input)) {
    let error: CordonError | undefined;
    let findings: Finding[] = [];
    if (isBadLine(line)) {
      error = line.error;
    } else {
      let record: unknown;
      try {
        record = JSON.parse(line.text);
      } catch {
        error = new CordonError('ERR_INPUT_INVALID', `line ${line.number} is not valid JSON`, { details: { line: line.number } });
      }
      if (error === undefined) {
        const text = typeof record === 'object' && record !== null && !Array.isArray(record) ? (record as { text?: unknown }).text : undefined;
        if (typeof text !== 'string') error = new CordonError('ERR_INPUT_INVALID', `line ${line.number} has no string "text" field`, { details: { line: line.number } });
        else if (text.length > MAX_TEXT_LENGTH) error = new CordonError('ERR_INPUT_INVALID', `line ${line.number}: "text" is longer than ${MAX_TEXT_LENGTH} characters`, { details: { line: line.number } });
        else findings = analyze(text, recognizers, options);
      }
    }
    if (error !== undefined) {
      if (!skip) throw error;
      bad.push(line.number);
      await write(JSON.stringify({ entities: [], error: { code: error.code, line: line.number } }) + '\n');
      continue;
    }
    await write(JSON.stringify({ entities: findings.map((x) => toJson(x, f.explain === true)) }) + '\n');
  }
  if (bad.length > 0) {
    process.stderr.write(`cordon: skipped ${bad.length} bad line(s): ${bad.slice(0, 20).join(', ')}${bad.length > 20 ? ', …' : ''}\n`);
  }
}

async function detectText(input: Readable, f: DetectFlags, options: DetectOptions, recognizers: readonly Recognizer[]): Promise<void> {
  let count = 0;
  // A line is analyzed whole, so it is bounded by what analyze takes (UTF-8: at most 4 bytes a character).
  for await (const line of readLines(input, { maxLineBytes: 4 * MAX_TEXT_LENGTH })) {
    if (isBadLine(line)) {
      if (f.onError === 'skip') { process.stderr.write(`cordon: skipped line ${line.number}: ${line.error.message}\n`); continue; }
      throw line.error;
    }
    if (line.text.length > MAX_TEXT_LENGTH) throw new CordonError('ERR_INPUT_INVALID', `line ${line.number} is longer than ${MAX_TEXT_LENGTH} characters`);
    for (const x of analyze(line.text, recognizers, options)) {
      count++;
      const value = line.text.slice(x.start, x.end);
      const shown = f.showValues ? JSON.stringify(value) : preview(value);
      let why = '';
      if (f.explain) {
        const e = x.explanation;
        why = `  [${e.recognizer}/${e.pattern} base ${e.baseScore}${e.validator ? `, ${e.validator.name} ${e.validator.result}` : ''}${e.contextWords.length ? `, context ${e.contextWords.join('+')} +${e.contextBoost}` : ''}]`;
      }
      await write(`${line.number}:${x.start + 1}-${x.end}  ${x.entity.padEnd(20)} ${x.score.toFixed(2)}  ${shown}${why}\n`);
    }
  }
  process.stderr.write(`${count} finding(s)\n`);
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
    .option('--format <format>', 'jsonl: one {"text": ...} object per line in, one {"entities": [...]} line out; text: plain text in, readable findings out', 'jsonl')
    .option('--json', 'the same as --format jsonl (JSON lines out); not with --format text')
    .option('--on-error <mode>', 'fail: stop at the first bad line (exit 3); skip: answer it with an error object and go on', 'fail')
    .option('--encoding <name>', ENCODING_HELP, parseEncoding)
    .option('--show-values', 'with --format text: print matched values in full (default: masked preview)')
    .addHelpText('after', `
Output (jsonl), one line per input line, same order:
  {"entities":[{"start":0,"end":5,"entity":"PERSON","score":0.91}]}
Offsets are UTF-16 code units (JavaScript's String.prototype.slice).

Examples:
  cordon detect --in records.jsonl > findings.jsonl
  cordon detect records.jsonl | head -1               # a closed pipe ends detect quietly (status 0)
  cat notes.txt | cordon detect - --format text
  echo '{"text":"card 4111 1111 1111 1111"}' | cordon detect --explain
  cordon detect --format text --in notes.txt --entities EMAIL_ADDRESS,PHONE_NUMBER
  cordon detect --profile hipaa --in notes.jsonl      # Safe Harbor identifiers: no clock times, ages over 89 only
  cordon detect --profile secrets --format text --in app.log
  cordon detect --format text --encoding utf-16le --in export.txt
  cordon detect --recognizers recognizers.yaml --in records.jsonl   # your own entities, e.g. EMPLOYEE_ID`)
    .action(async (positional: string | undefined, f: DetectFlags) => {
      if (positional !== undefined && f.in !== undefined && positional !== f.in) throw new CordonError('ERR_USAGE', 'give the input once: as an argument or with --in');
      f.in = positional ?? f.in ?? '-';
      if (f.format !== 'jsonl' && f.format !== 'text') throw new CordonError('ERR_USAGE', '--format must be jsonl or text');
      if (f.json === true && f.format !== 'jsonl') throw new CordonError('ERR_USAGE', '--json prints JSON lines: it cannot go with --format text');
      if (f.onError !== 'fail' && f.onError !== 'skip') throw new CordonError('ERR_USAGE', '--on-error must be fail or skip');
      // Loaded here, not at start-up: the recognizers (and libphonenumber's metadata) cost other commands
      // nothing, and without --recognizers the contract and YAML readers (ajv, yaml, the vault's pg
      // driver through workspace-data) are not loaded at all.
      const DEFAULT_RECOGNIZERS = f.recognizers === undefined
        ? (await import('../../detect/registry.js')).DEFAULT_RECOGNIZERS
        : (await import('../../contracts/with-custom-recognizers.js')).withCustomRecognizers((await import('../workspace-data.js')).readRecognizerFile(f.recognizers));
      const options = parseOptions(f, DEFAULT_RECOGNIZERS);
      const source: Readable = f.in === '-' ? process.stdin : createReadStream(f.in);
      // Progress only when the findings go elsewhere than the terminal the line is drawn on.
      const p = progress('detecting', f.in === '-' ? undefined : sizeOf(f.in), { off: f.json === true || process.stdout.isTTY === true });
      const raw = p.active ? counting(source, p.update) : source;
      try {
        const { stream: input } = await utf8Input(raw, f.encoding !== undefined ? { encoding: f.encoding } : {});
        if (f.format === 'jsonl') await detectJsonl(input, f, options, DEFAULT_RECOGNIZERS);
        else await detectText(input, f, options, DEFAULT_RECOGNIZERS);
        p.done();
      } catch (e) {
        p.done();
        const code = (e as { code?: string }).code;
        if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw new CordonError('ERR_IO', `cannot read ${f.in}: ${code}`);
        throw e;
      }
    });
}
