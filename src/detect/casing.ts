// How a text uses capitals, for the recognizers that read capitalisation as a cue for names and
// places. In ALL CAPS text (common in clinical notes, forms, OCR) a capital says nothing, as in
// lower-case text; recognizers then need other evidence. Cached for the last text, because several
// recognizers ask within one analyze() call.

export type Casing = 'mixed' | 'upper' | 'lower';

let lastText: string | undefined;
let last: Casing = 'mixed';

/**
 * 'upper' when at least 85% of the letters are capitals (and there are 12 or more), 'lower' when
 * under 3% are, 'mixed' otherwise.
 *
 * @example
 * ```ts
 * textCasing('PT RESTING COMFORTABLY, WIFE AT BEDSIDE') // → 'upper'
 * ```
 */
export function textCasing(text: string): Casing {
  if (text === lastText) return last;
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
    else if (c > 127) {
      const ch = text[i]!;
      if (ch !== ch.toLowerCase()) upper++;
      else if (ch !== ch.toUpperCase()) lower++;
    }
  }
  return knownCasing(text, upper, lower);
}

/**
 * Records the casing of `text` from its counts of upper- and lower-case letters (as textCasing counts
 * them) and returns it: the tokenizer counts them in its own pass over an ASCII text, so the
 * recognizers' textCasing() calls on that text need no pass of their own.
 */
export function knownCasing(text: string, upper: number, lower: number): Casing {
  const letters = upper + lower;
  last = letters >= 12 && upper / letters >= 0.85 ? 'upper' : letters > 0 && upper / letters < 0.03 ? 'lower' : 'mixed';
  lastText = text;
  return last;
}
