// Hashed n-gram features for the built-in injection classifier, shared by the runtime and the
// training script (scripts/train-injection.mjs imports the compiled file), so the two can never
// disagree. Input is scan-view text (already folded). Pure; linear in the text length.

/** log2 of the hashed feature space of one model. */
export const FEATURE_BITS = 18;
const MASK = (1 << FEATURE_BITS) - 1;
/** Character n-grams come from at most this many leading UTF-16 units of a text. */
const CHAR_LIMIT = 4096;
const WORD_LIMIT = 2048;

/** FNV-1a 32-bit over UTF-16 units, seeded by a namespace character. */
function fnv(ns: number, s: string, from = 0, to = s.length): number {
  let h = (0x811c9dc5 ^ ns) >>> 0;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const WORD_RE = /[\p{L}\p{N}]+(?:'[\p{L}]+)?|[^\s\p{L}\p{N}]/gu;

/**
 * The feature indices of a text (with repeats removed) and the value each one carries: binary
 * features scaled to unit L2 norm, so long and short texts score on one scale.
 */
export function featurize(text: string): { readonly idx: Uint32Array; readonly value: number } {
  const set = new Set<number>();
  const words = text.slice(0, CHAR_LIMIT * 2).match(WORD_RE)?.slice(0, WORD_LIMIT) ?? [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    set.add(fnv(1, w) & MASK);
    if (i + 1 < words.length) set.add(fnv(2, w + ' ' + words[i + 1]!) & MASK);
    if (i + 2 < words.length) set.add(fnv(3, w + ' ' + words[i + 1]! + ' ' + words[i + 2]!) & MASK);
  }
  // The opening words say whether a sentence is an instruction ("explain ...", "ignore ...").
  if (words.length > 0) set.add(fnv(4, words[0]!) & MASK);
  if (words.length > 1) set.add(fnv(5, words[0]! + ' ' + words[1]!) & MASK);
  const t = ' ' + text.slice(0, CHAR_LIMIT).replace(/\s+/g, ' ') + ' ';
  for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= t.length; i++) set.add(fnv(10 + n, t, i, i + n) & MASK);
  set.add(0); // bias
  const idx = Uint32Array.from(set);
  return { idx, value: 1 / Math.sqrt(idx.length) };
}

/**
 * Segments of a document: lines and sentences (a run of . ! ? followed by a space or the end; 。！？),
 * short ones merged with the next, long ones cut at spaces.
 */
export function segments(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  const close = (end: number, force: boolean): void => {
    if (end <= start) return;
    if (!force && text.slice(start, end).trim().length < 25) return;
    out.push(...cut(text, { start, end }));
    start = end;
  };
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      // a code fence is a hard boundary: an instruction is never merged with the code it introduces
      const fence = text.startsWith('```', i + 1) || text.slice(lineStart, i).trimStart().startsWith('```');
      close(i + 1, fence);
      lineStart = i + 1;
    }
    else if (c === 0x3002 || c === 0xff01 || c === 0xff1f) close(i + 1, false);
    else if (c === 46 || c === 33 || c === 63) {
      let j = i + 1;
      while (j < text.length && (text[j] === '.' || text[j] === '!' || text[j] === '?')) j++;
      if (j === text.length || /\s/.test(text[j]!)) close(j, false);
      i = j - 1;
    }
  }
  if (start < text.length) {
    const rest = text.slice(start).trim().length;
    const last = out[out.length - 1];
    if (rest === 0) { if (last !== undefined) last.end = text.length; }
    else if (last !== undefined && rest < 12 && last.end - last.start < MAX_SEGMENT) last.end = text.length;
    else close(text.length, true);
  }
  return out;
}

const MAX_SEGMENT = 400;

function cut(text: string, seg: { start: number; end: number }): { start: number; end: number }[] {
  if (seg.end - seg.start <= MAX_SEGMENT) return [seg];
  const out: { start: number; end: number }[] = [];
  let s = seg.start;
  while (seg.end - s > MAX_SEGMENT) {
    let e = text.lastIndexOf(' ', s + MAX_SEGMENT);
    if (e <= s + MAX_SEGMENT / 2) e = s + MAX_SEGMENT;
    out.push({ start: s, end: e });
    s = e;
  }
  out.push({ start: s, end: seg.end });
  return out;
}
