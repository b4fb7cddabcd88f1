// The one shape of a guard placeholder and a hand-written scanner for it: "<" LABEL "_" N ">",
// LABEL = [A-Z][A-Z0-9_]*, N = a number from 1 without leading zeros, at most MAX_PLACEHOLDER_LENGTH
// characters in all. Restoring looks placeholders up as exact strings in a map: no regular
// expression is ever built from a placeholder or a value. Pure; linear in the text.

/** Longest placeholder: labels are cut to 40 characters (vault placeholderLabel) and numbers stay short. */
export const MAX_PLACEHOLDER_LENGTH = 64;

const isUpper = (c: number) => c >= 65 && c <= 90;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isLabelChar = (c: number) => isUpper(c) || isDigit(c) || c === 95;

/** A placeholder-shaped span of a text. */
export interface PlaceholderSpan {
  readonly start: number;
  readonly end: number;
  readonly placeholder: string;
}

/** Length of the placeholder starting at `at` (text[at] === "<"), or 0 when none starts there. */
function placeholderAt(text: string, at: number): number {
  if (!isUpper(text.charCodeAt(at + 1))) return 0;
  let i = at + 2;
  const limit = Math.min(text.length, at + MAX_PLACEHOLDER_LENGTH);
  while (i < limit && isLabelChar(text.charCodeAt(i))) i++;
  if (i >= limit || text.charCodeAt(i) !== 62) return 0; // ">"
  // The number is what follows the last "_": at least one digit, no leading zero.
  const us = text.lastIndexOf('_', i - 1);
  if (us <= at + 1 || us === i - 1) return 0;
  for (let k = us + 1; k < i; k++) if (!isDigit(text.charCodeAt(k))) return 0;
  if (text.charCodeAt(us + 1) === 48) return 0;
  return i + 1 - at;
}

/** Every placeholder-shaped span in `text`, left to right, non-overlapping. */
export function findPlaceholders(text: string): PlaceholderSpan[] {
  const out: PlaceholderSpan[] = [];
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
    const n = placeholderAt(text, at);
    if (n > 0) {
      out.push({ start: at, end: at + n, placeholder: text.slice(at, at + n) });
      at += n - 1;
    }
  }
  return out;
}

/** True when `s` has the placeholder shape exactly. */
export function isPlaceholder(s: string): boolean {
  return s.charCodeAt(0) === 60 && placeholderAt(s, 0) === s.length;
}

/**
 * Where a text's trailing possible placeholder begins (a "<" then label characters, no ">" yet,
 * shorter than a placeholder can be), or the text's length when its end cannot begin one. A
 * streaming restorer holds back text from there until the next chunk decides.
 */
export function heldBackFrom(text: string): number {
  const lt = text.lastIndexOf('<');
  if (lt === -1 || text.length - lt >= MAX_PLACEHOLDER_LENGTH) return text.length;
  if (lt + 1 < text.length && !isUpper(text.charCodeAt(lt + 1))) return text.length;
  for (let i = lt + 2; i < text.length; i++) if (!isLabelChar(text.charCodeAt(i))) return text.length;
  return lt;
}
