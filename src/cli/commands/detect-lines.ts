// What `cordon detect` answers for a block of input lines: the output text of those lines, in order,
// in the jsonl or text format. One function for both paths, so a run on the main thread and a run
// on worker threads (detect-worker.ts) print the same bytes. Its inputs and results are plain data
// (they cross to and from workers by structured clone); it never prints a matched value unless
// --show-values asked for it.
import { CordonError, type ErrorCode } from '../../errors.js';
import { analyze, MAX_TEXT_LENGTH } from '../../detect/analyze.js';
import type { DetectOptions, Finding, Recognizer } from '../../detect/types.js';
import { isBadLine, type BadLine, type Line } from '../../io/lines.js';

export type DetectFormat = 'jsonl' | 'text';

/** A stable error as data: what a worker sends back instead of a CordonError (whose class does not cross). */
export interface LineError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}

/** One input line: its text, or why the reader could not read it. */
export type InputLine = { readonly number: number; readonly text: string } | { readonly number: number; readonly error: LineError };

/** How lines are answered: the same on every thread of a run. */
export interface LineSettings {
  readonly format: DetectFormat;
  readonly explain: boolean;
  readonly showValues: boolean;
  /** --on-error skip: a bad line is answered (jsonl) or reported on stderr (text), and the run goes on. */
  readonly skip: boolean;
  readonly options: DetectOptions;
}

export interface BlockResult {
  /** The output of the lines answered, in order. */
  readonly out: string;
  /** Findings printed (text format). */
  readonly findings: number;
  /** Line numbers answered with an error object (jsonl, --on-error skip). */
  readonly skipped: readonly number[];
  /** Lines for stderr (text format, --on-error skip). */
  readonly warnings: readonly string[];
  /** The line that stopped the run; `out` holds every line before it. */
  readonly error?: LineError;
}

/** The reader's line as plain data. */
export function inputLine(line: Line | BadLine): InputLine {
  return isBadLine(line) ? { number: line.number, error: lineError(line.error) } : line;
}

export function lineError(e: CordonError): LineError {
  return { code: e.code, message: e.message, ...(e.details !== undefined ? { details: e.details } : {}) };
}

/** The CordonError a LineError stands for. */
export function toCordonError(e: LineError): CordonError {
  return new CordonError(e.code, e.message, e.details !== undefined ? { details: { ...e.details } } : undefined);
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

function invalid(message: string, line: number): LineError {
  return { code: 'ERR_INPUT_INVALID', message, details: { line } };
}

/** The `text` field of a JSONL line, or why there is none. */
function textOf(line: { number: number; text: string }): string | LineError {
  let record: unknown;
  try {
    record = JSON.parse(line.text);
  } catch {
    // A line that does not even open an object is most likely plain text read as JSONL.
    const hint = /^\s*\{/.test(line.text) ? '' : ' (plain text? pass --format text)';
    return invalid(`line ${line.number} is not valid JSON${hint}`, line.number);
  }
  const text = typeof record === 'object' && record !== null && !Array.isArray(record) ? (record as { text?: unknown }).text : undefined;
  if (typeof text !== 'string') return invalid(`line ${line.number} has no string "text" field`, line.number);
  if (text.length > MAX_TEXT_LENGTH) return invalid(`line ${line.number}: "text" is longer than ${MAX_TEXT_LENGTH} characters`, line.number);
  return text;
}

/**
 * Answers `lines` in order. It stops at the first bad line unless `settings.skip`; a text-format
 * line longer than analyze() takes stops the run either way.
 */
export function detectBlock(lines: readonly InputLine[], settings: LineSettings, recognizers: readonly Recognizer[]): BlockResult {
  let out = '';
  let findings = 0;
  const skipped: number[] = [];
  const warnings: string[] = [];
  const stop = (error: LineError): BlockResult => ({ out, findings, skipped, warnings, error });
  for (const line of lines) {
    if (settings.format === 'jsonl') {
      const text = 'error' in line ? line.error : textOf(line);
      if (typeof text !== 'string') {
        if (!settings.skip) return stop(text);
        skipped.push(line.number);
        out += JSON.stringify({ entities: [], error: { code: text.code, line: line.number } }) + '\n';
        continue;
      }
      out += JSON.stringify({ entities: analyze(text, recognizers, settings.options).map((x) => toJson(x, settings.explain)) }) + '\n';
      continue;
    }
    if ('error' in line) {
      if (!settings.skip) return stop(line.error);
      warnings.push(`cordon: skipped line ${line.number}: ${line.error.message}\n`);
      continue;
    }
    if (line.text.length > MAX_TEXT_LENGTH) return stop({ code: 'ERR_INPUT_INVALID', message: `line ${line.number} is longer than ${MAX_TEXT_LENGTH} characters` });
    for (const x of analyze(line.text, recognizers, settings.options)) {
      findings++;
      const value = line.text.slice(x.start, x.end);
      const shown = settings.showValues ? JSON.stringify(value) : preview(value);
      let why = '';
      if (settings.explain) {
        const e = x.explanation;
        why = `  [${e.recognizer}/${e.pattern} base ${e.baseScore}${e.validator ? `, ${e.validator.name} ${e.validator.result}` : ''}${e.contextWords.length ? `, context ${e.contextWords.join('+')} +${e.contextBoost}` : ''}]`;
      }
      out += `${line.number}:${x.start + 1}-${x.end}  ${x.entity.padEnd(20)} ${x.score.toFixed(2)}  ${shown}${why}\n`;
    }
  }
  return { out, findings, skipped, warnings };
}
