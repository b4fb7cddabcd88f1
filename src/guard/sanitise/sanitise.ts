// sanitise(): strips characters that carry no visible meaning from untrusted text (user prompts,
// retrieved chunks) and reports each removal with its offsets in the original, and builds the
// scan view: NFKC, lowercase, a confusable and leetspeak fold, spaced-out letters joined, and text
// hidden in tag characters or variation selectors decoded in place. The view is only for scanners
// (its offsets map back to the original); the text passed on keeps its letters. Pure; linear time.
import { CordonError } from '../../errors.js';
import type { Finding } from '../types.js';
import { classOf, isEmojiBase, isIdeograph, isJoiningLetter, isPictographic, selectorByte, tagToAscii, type CharClass } from './char-classes.js';
import { CONFUSABLE, LEET } from './confusables.js';

/** Longest text one call accepts (UTF-16 units). Callers split longer documents into chunks. */
export const MAX_GUARD_TEXT = 1 << 20;

/** One run of removed code points of one class, as offsets into the original text. */
export interface Removal {
  readonly kind: CharClass;
  readonly start: number;
  readonly end: number;
  /** How many code points the run held. */
  readonly count: number;
}

/** What scanners read: folded text and, per UTF-16 unit of it, the span of the original it came from. */
export interface ScanView {
  readonly text: string;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

export interface SanitiseResult {
  /** The original minus the removed characters; letters, case and layout kept. */
  readonly text: string;
  readonly removed: readonly Removal[];
  /** Removals that are evidence of smuggling, scored (scanner "sanitise", rule = class). */
  readonly findings: readonly Finding[];
  readonly view: ScanView;
}

/** Map a view span [a, b) back to the original text. */
export function viewSpan(view: ScanView, a: number, b: number): { start: number; end: number } {
  if (view.text.length === 0) return { start: 0, end: 0 };
  const s = Math.min(Math.max(a, 0), view.text.length - 1);
  const e = Math.min(Math.max(b - 1, s), view.text.length - 1);
  return { start: view.starts[s]!, end: view.ends[e]! };
}

interface Cp { readonly cp: number; readonly start: number; readonly end: number }

function codePoints(text: string): Cp[] {
  const out: Cp[] = [];
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const n = cp > 0xffff ? 2 : 1;
    out.push({ cp, start: i, end: i + n });
    i += n;
  }
  return out;
}

/** Decide which code points to drop; legitimate uses (emoji sequences, joiners in joining scripts) stay. */
function decide(cps: readonly Cp[]): (CharClass | undefined)[] {
  const kinds: (CharClass | undefined)[] = cps.map((c) => classOf(c.cp));
  const cpAt = (i: number): number => (i >= 0 && i < cps.length ? cps[i]!.cp : -1);
  for (let i = 0; i < cps.length; i++) {
    const k = kinds[i];
    const cp = cps[i]!.cp;
    if (k === 'tag') {
      // TR #51 emoji tag sequence: U+1F3F4 (black flag), tag letters/digits, U+E007F cancel tag.
      if (cpAt(i - 1) === 0x1f3f4) {
        let j = i;
        while (j < cps.length && cps[j]!.cp >= 0xe0030 && cps[j]!.cp <= 0xe007a && j - i < 8) j++;
        if (j > i && cpAt(j) === 0xe007f) { for (let m = i; m <= j; m++) kinds[m] = undefined; i = j; }
      }
    } else if (k === 'variation-selector') {
      const base = cpAt(i - 1);
      const single = kinds[i - 1] !== 'variation-selector' && classOf(cpAt(i + 1)) !== 'variation-selector';
      if (single && ((cp === 0xfe0f || cp === 0xfe0e) && isEmojiBase(base))) kinds[i] = undefined;
      else if (single && cp >= 0xe0100 && isIdeograph(base)) kinds[i] = undefined;
      else if (single && cp <= 0xfe0d && base >= 0 && classOf(base) === undefined && !/^\p{L}$/u.test(String.fromCodePoint(base)) ) kinds[i] = undefined;
    } else if (k === 'zero-width' && (cp === 0x200d || cp === 0x200c)) {
      const prev = cpAt(i - 1);
      const next = cpAt(i + 1);
      if (cp === 0x200d && (isPictographic(prev) || cpAt(i - 1) === 0xfe0f || /^\p{Emoji_Modifier}$/u.test(prev >= 0 ? String.fromCodePoint(prev) : '')) && isPictographic(next)) kinds[i] = undefined;
      else if (isJoiningLetter(prev) && isJoiningLetter(next)) kinds[i] = undefined;
    } else if (k === 'zero-width' && cp === 0xfeff && i === 0) {
      kinds[i] = 'zero-width'; // a leading BOM is removed but is no evidence of smuggling
    }
  }
  return kinds;
}

/** Score of a run as evidence of smuggling; below 0.5 a removal is reported but does not flag. */
function runScore(kind: CharClass, count: number, totals: ReadonlyMap<CharClass, number>, cps: readonly Cp[], first: number): number {
  switch (kind) {
    case 'tag': return 1;
    // A run of U+FE0F alone (a doubled emoji presentation selector, a copy-paste artefact in README
    // tables) encodes nothing but its length; byte smuggling needs the other selectors.
    case 'variation-selector': return count >= 2 && !cps.slice(first, first + count).every((c) => c.cp === 0xfe0f) ? 0.95 : 0.4;
    case 'bidi': return cps.slice(first, first + count).some((c) => (c.cp >= 0x202a && c.cp <= 0x202e)) ? 0.6 : 0.2;
    case 'control': return isMojibake(cps, first, count) ? 0.1 : 0.6;
    case 'private-use': return count >= 4 ? 0.6 : 0.2;
    case 'zero-width': return (totals.get('zero-width') ?? 0) >= 3 ? 0.6 : 0.3;
    case 'format': return (totals.get('format') ?? 0) >= 3 ? 0.5 : 0.2;
    case 'lone-surrogate': return 0.3;
  }
}

/**
 * UTF-8 read as Latin-1 (mojibake): "Ömer" encoded C3 96 and decoded byte by byte is "Ã" + U+0096.
 * A run of C1 controls (the continuation bytes 80–9F), no longer than its sequence, right after a
 * Latin-1 letter that is a UTF-8 lead byte (C2–F4) is that damage, not hidden text: removed and reported, below the
 * flagging line. Any C0 control, DEL, a longer run or a C1 control elsewhere keeps the full score, so
 * smuggling through controls is still flagged (test/unit/guard/sanitise).
 */
function isMojibake(cps: readonly Cp[], first: number, count: number): boolean {
  if (first === 0) return false;
  const lead = cps[first - 1]!.cp;
  if (lead < 0xc2 || lead > 0xf4) return false;
  // at most the continuation bytes the lead byte announces: C2–DF one, E0–EF two, F0–F4 three
  if (count > (lead < 0xe0 ? 1 : lead < 0xf0 ? 2 : 3)) return false;
  for (let i = first; i < first + count; i++) if (cps[i]!.cp < 0x80 || cps[i]!.cp > 0x9f) return false;
  return true;
}

const NOT_PLAIN = /[^\t-\r\x20-\x7e]/;
const MARK = /^\p{M}$/u;
const foldCache = new Map<number, string>();
const ASCII_LETTER = /^[A-Za-z]/;
const MARKS = /\p{M}/gu;
const SPACE = /^\s$/u;

/** NFKC, lowercase, diacritics off Latin letters, any space → ' ' (line breaks kept). */
function foldCp(cp: number): string {
  let s = foldCache.get(cp);
  if (s !== undefined) return s;
  const ch = String.fromCodePoint(cp);
  if (cp === 0x0a || cp === 0x0d) s = '\n';
  else if (SPACE.test(ch)) s = ' ';
  else {
    s = ch.normalize('NFKC');
    const d = s.normalize('NFKD');
    if (ASCII_LETTER.test(d)) s = d.replace(MARKS, '');
    s = s.toLowerCase();
    if (/^\s+$/u.test(s)) s = ' ';
  }
  if (foldCache.size < 65536) foldCache.set(cp, s);
  return s;
}

const ASCII_FOLD: readonly string[] = Array.from({ length: 128 }, (_, cp) => foldCp(cp));

class ViewBuilder {
  private parts: string[] = [];
  starts: number[] = [];
  ends: number[] = [];
  lastAsciiLetter = false;
  /** Inside a right-to-left override the reader sees the characters reversed: so does the scanner. */
  private reversed: { s: string; start: number; end: number }[] | undefined;
  startReversed(): void { this.endReversed(); this.reversed = []; }
  endReversed(): void {
    const r = this.reversed;
    if (r === undefined) return;
    this.reversed = undefined;
    for (let i = r.length - 1; i >= 0; i--) this.push(r[i]!.s, r[i]!.start, r[i]!.end);
  }
  push(s: string, start: number, end: number): void {
    if (this.reversed !== undefined) {
      if (s === '\n') this.endReversed();
      else { this.reversed.push({ s, start, end }); return; }
    }
    this.parts.push(s);
    for (let i = 0; i < s.length; i++) { this.starts.push(start); this.ends.push(end); }
    const last = s.charCodeAt(s.length - 1);
    this.lastAsciiLetter = last >= 97 && last <= 122;
  }
  get text(): string { return this.parts.join(''); }
}

function decodeSelectors(cps: readonly Cp[], from: number, to: number): string {
  const bytes = new Uint8Array(to - from);
  for (let i = from; i < to; i++) bytes[i - from] = selectorByte(cps[i]!.cp);
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/**
 * Confusables and leetspeak inside words: mixed-script or all-lookalike words, and words mixing
 * letters with leet digits ("1gn0r3"). A word of leet digits alone ("70") folds only next to a word
 * that was folded as leetspeak, so ordinary numbers stay numbers.
 */
function foldWords(text: string): string {
  if (!FOLD_CANDIDATE.test(text)) return text;
  // One pass: words are runs of letters, digits, marks and '$'; each is classified as it ends.
  type Word = { start: number; end: number; kind: 'look' | 'leet' | 'digits' | undefined };
  const words: Word[] = [];
  let start = -1; let latin = 0; let look = 0; let digits = 0; let other = 0;
  const close = (end: number): void => {
    const len = end - start;
    const letters = latin + look;
    let kind: Word['kind'];
    if (other > 0 || (look === 0 && digits === 0)) kind = undefined;
    else if (look > 0 && digits === 0 && (latin > 0 || look >= 2)) kind = 'look';
    else if (digits > 0 && letters >= 1 && len >= 3 && digits <= 3 * letters) kind = 'leet';
    else if (digits > 0 && letters === 0 && len <= 4) kind = 'digits';
    if (kind !== undefined || words.length > 0 && words[words.length - 1]!.kind === 'leet') words.push({ start, end, kind });
    start = -1; latin = 0; look = 0; digits = 0; other = 0;
  };
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    let word = false;
    if (c >= 97 && c <= 122) { word = true; latin++; }
    else if ((c >= 48 && c <= 57) || c === 36) { word = true; if (LEET.has(text[i]!)) digits++; else other++; }
    else if (c >= 0x80) {
      const ch = text[i]!;
      if (CONFUSABLE.has(ch)) { word = true; look++; }
      else if (WORD_CHAR.test(ch)) { word = true; other++; }
    } else if (c >= 65 && c <= 90) { word = true; latin++; }
    if (word) { if (start < 0) start = i; }
    else if (start >= 0) close(i);
  }
  if (words.length === 0) return text;
  const near = (a: Word | undefined, b: Word | undefined): boolean => a !== undefined && b !== undefined && a.kind === 'leet' && Math.abs((a.start < b.start ? b.start - a.end : a.start - b.end)) <= 2;
  const parts: string[] = [];
  let at = 0;
  words.forEach((w, i) => {
    let k = w.kind;
    if (k === 'digits') k = near(words[i - 1], w) || near(words[i + 1], w) ? 'leet' : undefined;
    if (k === undefined) return;
    let out = '';
    for (let j = w.start; j < w.end; j++) {
      const ch = text[j]!;
      out += (k === 'look' ? CONFUSABLE.get(ch) ?? LEET.get(ch) : LEET.get(ch) ?? CONFUSABLE.get(ch)) ?? ch;
    }
    parts.push(text.slice(at, w.start), out);
    at = w.end;
  });
  parts.push(text.slice(at));
  return parts.join('');
}

const FOLD_CANDIDATE = /[013457$]|[^\x00-\x7f]/;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/**
 * "i g n o r e  a l l" → "ignore all": six or more single characters in a row, each followed by one
 * spacer, are joined; a longer gap was a word break and keeps one space. Letters and digits may be
 * spaced with . - _ * + ~ too; any other character only with spaces ("< | i m _ s t a r t | >").
 */
const SPACED: readonly { re: RegExp; unit: RegExp }[] = [
  { re: /(?<!\S)(?:\S(?: | {2,3})){5,}\S(?!\S)/gu, unit: /\S/u },
  { re: /(?<![a-z0-9])(?:[a-z0-9](?:[ .\-_*+~]| {2,3})){5,}[a-z0-9](?![a-z0-9])/g, unit: /[a-z0-9]/ },
];

function joinSpaced(view: ScanView): ScanView {
  for (const { re, unit } of SPACED) {
    re.lastIndex = 0;
    if (!re.test(view.text)) continue;
    re.lastIndex = 0;
    const keep = new Uint8Array(view.text.length).fill(1);
    for (const m of view.text.matchAll(re)) {
      const end = m.index + m[0].length;
      for (let i = m.index + 1; i < end;) {
        let j = i;
        while (j < end && !unit.test(view.text[j]!)) j++;
        if (j - i === 1) keep[i] = 0;
        else for (let k = i + 1; k < j; k++) keep[k] = 0;
        i = j + 1;
      }
    }
    let text = ''; const starts: number[] = []; const ends: number[] = [];
    for (let i = 0; i < view.text.length; i++) {
      if (!keep[i]) continue;
      text += view.text[i];
      starts.push(view.starts[i]!); ends.push(view.ends[i]!);
    }
    view = { text, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
  }
  return view;
}

/**
 * Sanitise untrusted text.
 *
 * @example
 * const r = sanitise('hi\u200Bthere');
 * r.text;      // 'hithere'
 * r.removed;   // [{ kind: 'zero-width', start: 2, end: 3, count: 1 }]
 */
export function sanitise(input: string): SanitiseResult {
  if (typeof input !== 'string') throw new TypeError('sanitise: text must be a string');
  if (input.length > MAX_GUARD_TEXT) throw new CordonError('ERR_INPUT_INVALID', `text is longer than ${MAX_GUARD_TEXT} UTF-16 units: split it into chunks`);
  // Printable ASCII and layout only (most traffic): nothing to remove, and the fold is lowercase.
  if (!NOT_PLAIN.test(input)) {
    const n = input.length;
    const starts = new Int32Array(n); const ends = new Int32Array(n);
    for (let i = 0; i < n; i++) { starts[i] = i; ends[i] = i + 1; }
    const lower = input.toLowerCase().replace(/\r/g, '\n').replace(/[\t\v\f]/g, ' ');
    return { text: input, removed: [], findings: [], view: joinSpaced({ text: foldWords(lower), starts, ends }) };
  }
  const cps = codePoints(input);
  const kinds = decide(cps);
  const removed: Removal[] = [];
  const runFirst: number[] = [];
  const clean: string[] = [];
  const vb = new ViewBuilder();
  for (let i = 0; i < cps.length;) {
    const k = kinds[i];
    const c = cps[i]!;
    if (k === undefined) {
      clean.push(c.cp < 0x10000 ? input[c.start]! : input.slice(c.start, c.end));
      if (!(vb.lastAsciiLetter && c.cp >= 0x300 && MARK.test(String.fromCodePoint(c.cp)))) vb.push(c.cp < 0x80 ? ASCII_FOLD[c.cp]! : foldCp(c.cp), c.start, c.end);
      i++;
      continue;
    }
    let j = i;
    while (j < cps.length && kinds[j] === k) j++;
    if (k === 'bidi') {
      for (let m = i; m < j; m++) {
        const b = cps[m]!.cp;
        if (b === 0x202e) vb.startReversed();
        else if (b === 0x202c || b === 0x2069 || b === 0x202d) vb.endReversed();
      }
    }
    removed.push({ kind: k, start: c.start, end: cps[j - 1]!.end, count: j - i });
    runFirst.push(i);
    if (k === 'tag') {
      vb.push(' ', c.start, c.start + 2);
      for (let m = i; m < j; m++) {
        const a = tagToAscii(cps[m]!.cp);
        if (a !== undefined) vb.push(a.toLowerCase(), cps[m]!.start, cps[m]!.end);
      }
      vb.push(' ', cps[j - 1]!.end - 2, cps[j - 1]!.end);
    } else if (k === 'variation-selector' && j - i >= 2) {
      const hidden = decodeSelectors(cps, i, j).replace(/[^\P{C}\n]/gu, ' ').toLowerCase();
      vb.push(' ' + hidden + ' ', c.start, cps[j - 1]!.end);
    }
    i = j;
  }
  vb.endReversed();
  const totals = new Map<CharClass, number>();
  for (const r of removed) totals.set(r.kind, (totals.get(r.kind) ?? 0) + r.count);
  const findings: Finding[] = removed.map((r, n) => ({ scanner: 'sanitise', rule: r.kind, score: runScore(r.kind, r.count, totals, cps, runFirst[n]!), start: r.start, end: r.end }));
  const folded = foldWords(vb.text);
  const view = joinSpaced({ text: folded, starts: Int32Array.from(vb.starts), ends: Int32Array.from(vb.ends) });
  return { text: clean.join(''), removed, findings, view };
}
