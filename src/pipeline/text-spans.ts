// The detector the `text` operator needs (OperatorContext.findSpans), built from the default
// recognizers. The score threshold is the operator's (a text param), not applied here: this returns
// every span the engine keeps at threshold 0, and filtering those afterwards gives the same spans as
// analyzing at the threshold (a span below it never wins an overlap against one above it).
// Texts longer than the engine's bound (MAX_TEXT_LENGTH) are analyzed in pieces cut at whitespace,
// never refused: a free-text cell must not stop a run, nor pass unprotected.
// Each cell is analyzed on its own, not joined with others into one call: the engine's fixed cost per
// call is ~1 µs (an empty text through the 31 default recognizers) of the ~23 µs a ~70-character note
// costs, and the rest grows with the text. Measured (same process, interleaved, best of 5 by CPU, load
// 15-17, 12,509 distinct demo notes and bench:detect's 20,000 short texts): blocks of 8 or 32 cells
// joined by a blank line cost 0.95-1.13x the per-cell calls, and the joined short texts already lost
// 4-7% of their findings to document-level rules, which a segment-aware engine would have to pay to
// restore. Repeated cells are memoized by the caller (apply-block.ts).
import { analyze, MAX_TEXT_LENGTH } from '../detect/analyze.js';
import { DEFAULT_RECOGNIZERS } from '../detect/registry.js';
import type { Recognizer } from '../detect/types.js';
import type { ProfileName } from '../detect/profiles/table.js';
import type { TextSpan } from '../transform/types.js';

export type FindSpans = (text: string) => ReadonlyArray<TextSpan>;

/** Pieces of at most `max` characters, each cut after the last whitespace that fits (if any). */
function pieces(text: string, max: number): Array<{ offset: number; text: string }> {
  const out: Array<{ offset: number; text: string }> = [];
  let offset = 0;
  while (text.length - offset > max) {
    let cut = offset + max;
    while (cut > offset + 1 && !/\s/.test(text[cut - 1]!)) cut--;
    if (cut === offset + 1) cut = offset + max; // no whitespace at all: cut anywhere
    out.push({ offset, text: text.slice(offset, cut) });
    offset = cut;
  }
  out.push({ offset, text: text.slice(offset) });
  return out;
}

/**
 * A span finder over `recognizers` (default: the default recognizers), under a detection
 * `profile` when given (the text operator's `profile` param). Make one per run: the
 * recognizers build their word lists on first use and keep them.
 *
 * @example
 * ```ts
 * const findSpans = textSpanFinder();
 * findSpans('Mail jane@example.com'); // [{ start: 5, end: 21, entity: 'EMAIL_ADDRESS', score: 1 }]
 * ```
 */
export function textSpanFinder(options: { recognizers?: readonly Recognizer[]; maxLength?: number; profile?: ProfileName } = {}): FindSpans {
  const recognizers = options.recognizers ?? DEFAULT_RECOGNIZERS;
  const max = Math.min(options.maxLength ?? MAX_TEXT_LENGTH, MAX_TEXT_LENGTH);
  const detect = { threshold: 0, ...(options.profile !== undefined ? { profile: options.profile } : {}) };
  const find = (text: string): TextSpan[] => analyze(text, recognizers, detect).map((f) => ({ start: f.start, end: f.end, entity: f.entity, score: f.score }));
  return (text) => {
    if (text.length <= max) return find(text);
    return pieces(text, max).flatMap((p) => find(p.text).map((s) => ({ ...s, start: s.start + p.offset, end: s.end + p.offset })));
  };
}
