// Splits a document into chunks for retrieval: paragraphs (blank lines) first, sentences inside a
// paragraph that is too long, and a cut at the last whitespace (else hard) inside a sentence that
// is too long; neighbouring small pieces are joined up to the bound. Every chunk keeps its offsets
// into the original text, so its provenance can point at exactly what was read. Pure.

export interface TextChunk {
  readonly text: string;
  /** UTF-16 offsets into the original text: text === original.slice(start, end). */
  readonly start: number;
  readonly end: number;
}

export interface SplitOptions {
  /** Largest chunk, in UTF-16 code units (default 1200, at least 64). */
  readonly maxChars?: number;
}

export const DEFAULT_CHUNK_CHARS = 1200;

interface Span { start: number; end: number }

function pieces(text: string, re: RegExp, from: number, to: number): Span[] {
  const out: Span[] = [];
  let at = from;
  re.lastIndex = from;
  const slice = text.slice(0, to);
  for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
    const cut = m.index + m[0].length;
    if (cut > at) out.push({ start: at, end: cut });
    at = cut;
    if (m[0].length === 0) re.lastIndex++;
  }
  if (at < to) out.push({ start: at, end: to });
  return out;
}

function hardCut(text: string, s: Span, max: number): Span[] {
  const out: Span[] = [];
  let at = s.start;
  while (s.end - at > max) {
    let cut = at + max;
    // Look back for a space only within the second half of the window: linear in the text.
    const lo = at + Math.floor(max / 2);
    const ws = text.slice(lo, cut).lastIndexOf(' ');
    if (ws >= 0) cut = lo + ws + 1;
    // Never split a surrogate pair.
    const c = text.charCodeAt(cut - 1);
    if (c >= 0xd800 && c <= 0xdbff) cut--;
    out.push({ start: at, end: cut });
    at = cut;
  }
  out.push({ start: at, end: s.end });
  return out;
}

function bounded(text: string, s: Span, max: number): Span[] {
  if (s.end - s.start <= max) return [s];
  // Sentence ends: . ! ? (and their full-width forms) followed by whitespace; or a single newline.
  const out: Span[] = [];
  for (const p of pieces(text, /[.!?\u3002\uff01\uff1f]+["')\]]*\s+|\n/g, s.start, s.end)) for (const c of hardCut(text, p, max)) out.push(c);
  return out;
}

/**
 * @example
 * splitText('First paragraph.\n\nSecond one.', { maxChars: 64 })
 * // [{ text: 'First paragraph.\n\nSecond one.', start: 0, end: 29 }]  (small pieces are joined)
 */
export function splitText(text: string, options: SplitOptions = {}): TextChunk[] {
  if (typeof text !== 'string') throw new TypeError('text must be a string');
  const max = options.maxChars ?? DEFAULT_CHUNK_CHARS;
  if (!Number.isInteger(max) || max < 64) throw new TypeError('maxChars must be an integer of at least 64');
  const spans: Span[] = [];
  for (const para of pieces(text, /\n[ \t]*\n\s*/g, 0, text.length)) for (const b of bounded(text, para, max)) spans.push(b);
  // Join neighbours while they fit, then trim whitespace at both ends (offsets follow).
  const joined: Span[] = [];
  for (const s of spans) {
    const last = joined[joined.length - 1];
    if (last !== undefined && s.end - last.start <= max) last.end = s.end;
    else joined.push({ ...s });
  }
  const out: TextChunk[] = [];
  for (const s of joined) {
    let a = s.start;
    let b = s.end;
    while (a < b && /\s/.test(text[a]!)) a++;
    while (b > a && /\s/.test(text[b - 1]!)) b--;
    if (b > a) out.push({ text: text.slice(a, b), start: a, end: b });
  }
  return out;
}
