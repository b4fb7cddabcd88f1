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

/** Combines two 32-bit hashes (order matters). */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ b, 0x85ebca6b) ^ (b >>> 13);
  h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35);
  return (h ^ (h >>> 15)) >>> 0;
}

const WORD_RE = /[\p{L}\p{N}]+(?:'[\p{L}]+)?|[^\s\p{L}\p{N}]/gu;

// Repeats are removed with a stamp per feature slot instead of a Set: one typed array for the
// process, a new stamp per call. Not re-entrant, and nothing here awaits.
const STAMP = new Uint32Array(1 << FEATURE_BITS);
let stamp = 0;
const NGRAM_SALT = [0, 0, 0, 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35];

/**
 * The feature indices of a text (with repeats removed) and the value each one carries: binary
 * features scaled to unit L2 norm, so long and short texts score on one scale.
 */
export function featurize(text: string): { readonly idx: Uint32Array; readonly value: number } {
  if (++stamp === 0xffffffff) { STAMP.fill(0); stamp = 1; }
  const out: number[] = [];
  const add = (h: number): void => {
    const i = h & MASK;
    if (STAMP[i] !== stamp) { STAMP[i] = stamp; out.push(i); }
  };
  add(0); // bias
  const words = text.slice(0, CHAR_LIMIT * 2).match(WORD_RE)?.slice(0, WORD_LIMIT) ?? [];
  const hw = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) hw[i] = fnv(1, words[i]!);
  for (let i = 0; i < words.length; i++) {
    add(hw[i]!);
    if (i + 1 < words.length) add(mix(mix(0x2545f491, hw[i]!), hw[i + 1]!));
    if (i + 2 < words.length) add(mix(mix(mix(0x3c6ef372, hw[i]!), hw[i + 1]!), hw[i + 2]!));
  }
  // The opening words say whether a sentence is an instruction ("explain ...", "ignore ...").
  if (words.length > 0) add(mix(0x4f1bbcdc, hw[0]!));
  if (words.length > 1) add(mix(mix(0x5be0cd19, hw[0]!), hw[1]!));
  // Character 3-, 4- and 5-grams with one rolling FNV-1a per start position.
  const t = ' ' + text.slice(0, CHAR_LIMIT).replace(/\s+/g, ' ') + ' ';
  for (let i = 0; i + 3 <= t.length; i++) {
    let h = 0x811c9dc5;
    const end = Math.min(t.length, i + 5);
    for (let j = i; j < end; j++) {
      h ^= t.charCodeAt(j);
      h = Math.imul(h, 0x01000193);
      const n = j - i + 1;
      if (n >= 3) add(Math.imul(h ^ NGRAM_SALT[n]!, 0x27d4eb2d) >>> 7);
    }
  }
  const idx = Uint32Array.from(out);
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
