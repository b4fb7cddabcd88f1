// Splits a byte stream into lines without holding more than one line in memory. Each line is
// decoded as strict UTF-8: invalid bytes are reported with their line number, never replaced. A
// line longer than maxLineBytes is reported, not buffered without bound.
import type { Readable } from 'node:stream';
import { CordonError } from '../errors.js';

export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

export interface Line {
  /** 1-based line number. */
  readonly number: number;
  readonly text: string;
  /** The line ended in CRLF, or in a CR at the end of input (the CR dropped from `text`); false for LF and CR endings. */
  readonly crlf: boolean;
}

/** A line that could not be read; yielded instead of thrown when the caller skips bad lines. */
export interface BadLine {
  readonly number: number;
  readonly error: CordonError;
}

/** What ends a line: LF (a CR before it dropped: CRLF), or a lone CR (classic Mac, Excel's "CSV (Macintosh)"). */
export type LineEnding = 'lf' | 'cr';

/**
 * Yields the lines of `input` (LF or CRLF endings, or with `ending: 'cr'` CR endings, a CRLF then
 * counting as one; a final line without newline included).
 * Bad lines (invalid UTF-8, too long) are yielded as BadLine so the caller decides to stop or skip.
 */
export async function* readLines(input: Readable, options: { maxLineBytes?: number; ending?: LineEnding } = {}): AsyncGenerator<Line | BadLine> {
  const max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const cr = options.ending === 'cr';
  const terminator = cr ? 0x0d : 0x0a;
  // CR endings: an LF right after a CR (a CRLF among CRs) belongs to that CR, even across chunks.
  let afterCr = false;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let parts: Buffer[] = [];
  let size = 0;
  let number = 0;
  // The rest of a too-long line, already reported: discarded up to its newline without buffering.
  let skipping = false;

  function tooLong(): BadLine {
    number++;
    parts = [];
    size = 0;
    return { number, error: new CordonError('ERR_INPUT_INVALID', `line ${number} is longer than ${max} bytes`, { details: { line: number } }) };
  }

  function finish(): Line | BadLine {
    number++;
    const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    parts = [];
    size = 0;
    const end = !cr && bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
    try {
      return { number, text: decoder.decode(bytes.subarray(0, end)), crlf: end < bytes.length };
    } catch {
      return { number, error: new CordonError('ERR_INPUT_INVALID', `line ${number} is not valid UTF-8 (binary input?)`, { details: { line: number } }) };
    }
  }

  for await (const chunk of input) {
    const buf: Buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let from = 0;
    if (afterCr && buf.length > 0) {
      if (buf[0] === 0x0a) from = 1;
      afterCr = false;
    }
    for (let nl = buf.indexOf(terminator, from); nl !== -1; nl = buf.indexOf(terminator, from)) {
      if (skipping) skipping = false;
      else if (size + (nl - from) > max) {
        yield tooLong();
      } else {
        parts.push(buf.subarray(from, nl));
        yield finish();
      }
      from = nl + 1;
      if (cr) {
        if (from === buf.length) afterCr = true;
        else if (buf[from] === 0x0a) from++;
      }
    }
    if (from < buf.length && !skipping) {
      size += buf.length - from;
      if (size > max) {
        // Reported as soon as it passes the bound, not at its newline: an endless line (/dev/zero)
        // stops a caller that stops on errors instead of being read for ever.
        skipping = true;
        yield tooLong();
      } else {
        parts.push(buf.subarray(from));
      }
    }
  }
  if (parts.length > 0) yield finish();
}

export function isBadLine(l: Line | BadLine): l is BadLine {
  return 'error' in l;
}
