// The detection engine: runs recognizers over a text and returns explained, non-overlapping
// findings. Pure and synchronous. Work per call is bounded: input longer than MAX_TEXT_LENGTH is
// refused (callers split long documents), and every pattern is required to be linear-time.
import { CordonError } from '../errors.js';
import { cutsToken } from './boundaries.js';
import { charMask, requiredSets } from './required-chars.js';
import { asciiLower } from './tokens.js';
import { markWordStarts, startsOneOf, TABLE_WORDS, wordStartsOf, type WordStarts } from './word-starts.js';
import { profileFindings, profileRecognizers, profileThreshold, resolveProfile } from './profiles/apply-profile.js';
import type { Profile } from './profiles/table.js';
import { customEntities } from './custom/custom-entities.js';
import type { Candidate, DetectOptions, Entity, Explanation, Finding, Recognizer, Validator } from './types.js';

export const MAX_TEXT_LENGTH = 1_000_000;
export const DEFAULT_THRESHOLD = 0.5;
/** Presidio's context enhancement: +0.35, and at least 0.4, when a context word is near. */
const CONTEXT_BOOST = 0.35;
const CONTEXT_MIN_SCORE = 0.4;
/** Words looked at on each side of a match. */
const CONTEXT_WORDS = 5;
const CONTEXT_CHARS = 100;

const WORD_RE = /[\p{L}\p{N}]+/gu;

/**
 * A recognizer's patterns made ready once (a `g` copy of each regex, its `requires` test numbered so
 * that one analyze() call answers each distinct test once), so no call rebuilds or re-keys them.
 */
interface CompiledPattern {
  readonly re: RegExp;
  /** PatternRule.score and .name, copied so that every compiled pattern has one shape. */
  readonly score: number;
  readonly name: string;
  /** Index into REQUIRES, or -1 when the pattern has no literal prefilter. */
  readonly requires: number;
  /** PatternRule.digits, 0 when not given. */
  readonly digits: number;
  /**
   * What every match contains (required-chars.ts): the characters of its sets of one as a 128-bit
   * mask (n0-n3), its larger sets in `anyOf` (see anyOfMasks), and whether it has any set.
   */
  readonly needs: boolean;
  readonly n0: number;
  readonly n1: number;
  readonly n2: number;
  readonly n3: number;
  readonly anyOf: Int32Array;
  /** The keys one of which every match starts a word with (word-starts.ts), null when unknown. */
  readonly starts: WordStarts | null;
}
const compiled = new WeakMap<Recognizer, readonly CompiledPattern[]>();
/** Every distinct `requires` test seen, by source and flags: many patterns share /\d/. */
const REQUIRES: RegExp[] = [];
/** Per REQUIRES test, the 128-bit mask of the ASCII characters every match of it contains (4 words each). */
const REQUIRES_NEEDS: number[] = [];
/** Per REQUIRES test, its larger required sets (see anyOfMasks). */
const REQUIRES_ANY: Int32Array[] = [];
/**
 * Sets checked per pattern at most: the rarest first (required-chars.ts). A set of many common
 * characters is in nearly every text; checking it costs more than it saves.
 */
const MAX_SETS = 4;

/** The required sets of `re`: those of one character as one mask, the others as anyOfMasks. */
function needsOf(re: RegExp): { chars: string; anyOf: Int32Array } {
  // Sets of one character cost nothing more in the mask; of the others, the rarest MAX_SETS.
  const sets = requiredSets(re, Infinity);
  return { chars: sets.filter((x) => x.length === 1).join(''), anyOf: anyOfMasks(sets.filter((x) => x.length > 1).slice(0, MAX_SETS)) };
}

/** Sets of characters as 128-bit masks, four words each, one after the other. */
function anyOfMasks(sets: readonly string[]): Int32Array {
  const out = new Int32Array(sets.length * 4);
  sets.forEach((x, k) => out.set(charMask(x), k * 4));
  return out;
}

/** The text (its presence mask in `state`) holds no character of one of the sets. */
function lacksOneOf(state: TextState, sets: Int32Array): boolean {
  for (let k = 0; k < sets.length; k += 4) {
    if (((state.m0 & sets[k]!) | (state.m1 & sets[k + 1]!) | (state.m2 & sets[k + 2]!) | (state.m3 & sets[k + 3]!)) === 0) return true;
  }
  return false;
}
const requiresIndex = new Map<string, number>();
/**
 * Answers to the REQUIRES tests, shared by every call instead of an array allocated per call: entry i
 * holds an answer of the call whose number is askedIn[i] (1 present, 2 absent). A call nested in a
 * finder gets a new number, so it never reads another call's answers, and the outer call asks again.
 */
let askedIn = new Int32Array(64);
let answers = new Uint8Array(64);
let calls = 0;

function addRequires(test: RegExp): number {
  const index = REQUIRES.length;
  // A sticky or global test would carry lastIndex from one text to the next.
  REQUIRES.push(new RegExp(test.source, test.flags.replace(/[gy]/g, '')));
  const needs = needsOf(test);
  REQUIRES_NEEDS.push(...charMask(needs.chars));
  REQUIRES_ANY.push(needs.anyOf);
  if (index >= askedIn.length) {
    const a = new Int32Array(askedIn.length * 2);
    a.set(askedIn);
    askedIn = a;
    const b = new Uint8Array(answers.length * 2);
    b.set(answers);
    answers = b;
  }
  return index;
}

/** The index in REQUIRES of a test equal to `test` (same source and flags), added if new. */
function requiresId(test: RegExp): number {
  const key = `${test.source}/${test.flags}`;
  let index = requiresIndex.get(key);
  if (index === undefined) {
    index = addRequires(test);
    requiresIndex.set(key, index);
  }
  return index;
}

/**
 * REQUIRES[index] answered for the call of `state`, once per call; 'absent' without running it when
 * a character every match contains is not in the text.
 */
function present(state: TextState, index: number): boolean {
  const call = state.call;
  if (askedIn[index] !== call) {
    if (state.digitRun < 0) measure(state);
    const k = index * 4;
    const lacks = ((state.m0 & REQUIRES_NEEDS[k]!) ^ REQUIRES_NEEDS[k]!) | ((state.m1 & REQUIRES_NEEDS[k + 1]!) ^ REQUIRES_NEEDS[k + 1]!)
      | ((state.m2 & REQUIRES_NEEDS[k + 2]!) ^ REQUIRES_NEEDS[k + 2]!) | ((state.m3 & REQUIRES_NEEDS[k + 3]!) ^ REQUIRES_NEEDS[k + 3]!);
    answers[index] = lacks === 0 && !lacksOneOf(state, REQUIRES_ANY[index]!) && REQUIRES[index]!.test(state.text) ? 1 : 2;
    askedIn[index] = call;
  }
  return answers[index] === 1;
}

function compile(rec: Recognizer): readonly CompiledPattern[] {
  let plan = compiled.get(rec);
  if (plan === undefined) {
    plan = rec.patterns.map((rule) => {
      const flags = new Set(rule.regex.flags.split(''));
      flags.add('g');
      // Match indices cost an allocation per match: only for patterns that narrow with group v.
      if (rule.regex.source.includes('(?<v>')) flags.add('d');
      const requires = rule.requires === undefined ? -1 : requiresId(rule.requires);
      const { chars, anyOf } = needsOf(rule.regex);
      const [n0, n1, n2, n3] = charMask(chars);
      const starts = wordStartsOf(rule.regex) ?? null;
      return { re: new RegExp(rule.regex.source, [...flags].join('')), score: rule.score, name: rule.name, requires, digits: rule.digits ?? 0, needs: chars !== '' || anyOf.length > 0, n0, n1, n2, n3, anyOf, starts };
    });
    compiled.set(rec, plan);
  }
  return plan;
}

/** What one analyze() call knows about its text, shared by every recognizer it runs. */
interface TextState {
  readonly text: string;
  /**
   * The text lower-cased when it is all ASCII (slices of it then equal lower-cased slices), '' when it
   * is not, null until the first context look-up asks (most short texts have no candidate at all).
   */
  lower: string | null;
  /** This call's number, for its answers to the REQUIRES tests (see `present`). */
  readonly call: number;
  /** Length of the longest run of ASCII digits, -1 until measure() runs (a pattern or test asks). */
  digitRun: number;
  /** The ASCII characters present in the text, a 128-bit mask (see charMask), set by measure(). */
  m0: number;
  m1: number;
  m2: number;
  m3: number;
}

/** measure()'s mask while it is built (one per process: measure() is synchronous and never nested). */
const presence = new Int32Array(4);
/**
 * One pass over the text: the length of its longest run of ASCII digits (what PatternRule.digits is
 * compared to) and which ASCII characters it holds (what the patterns' and tests' required characters
 * are compared to).
 */
function measure(state: TextState): void {
  const text = state.text;
  const m = presence;
  m[0] = 0;
  m[1] = 0;
  m[2] = 0;
  m[3] = 0;
  let best = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // One word of the mask per 32 codes, picked by index: with a branch per word, the first control
    // character met after the loop was optimised (a branch never taken before) sent it back.
    if (c < 128) m[c >>> 5] |= 1 << (c & 31);
    if (c >= 48 && c <= 57) {
      if (++run > best) best = run;
    } else {
      run = 0;
    }
  }
  state.digitRun = best;
  state.m0 = m[0]!;
  state.m1 = m[1]!;
  state.m2 = m[2]!;
  state.m3 = m[3]!;
}

/**
 * The word starts of the text of call `startsOwner` (word-starts.ts), two tables shared by every call:
 * marked when a pattern first asks; a call nested in a finder marks them for its own text, and the
 * outer call, seeing another owner, marks its text again.
 */
const startTwo = new Int32Array(TABLE_WORDS);
const startThree = new Int32Array(TABLE_WORDS);
let startsOwner = 0;

/** A word of the text of `state` starts with one of the keys of `starts`. */
function startsIn(state: TextState, starts: WordStarts): boolean {
  if (startsOwner !== state.call) {
    markWordStarts(state.text, startTwo, startThree);
    startsOwner = state.call;
  }
  return startsOneOf(starts, startTwo, startThree);
}

function words(s: string): string[] {
  return (s.toLowerCase().match(WORD_RE) ?? []) as string[];
}

/** Context words of `rec` found within CONTEXT_WORDS words before or after [start, end). */
export function contextHits(text: string, start: number, end: number, context: readonly string[]): string[] {
  return context.length === 0 ? [] : hitsIn(text, undefined, start, end, context, contextTable(context));
}

/** Per context list: one alternation of its words, so the window is scanned once, not once per word. */
const contextRegexes = new WeakMap<readonly string[], RegExp>();
function anyContext(context: readonly string[]): RegExp {
  let re = contextRegexes.get(context);
  if (re === undefined) {
    re = new RegExp(context.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
    contextRegexes.set(context, re);
  }
  return re;
}

function isAsciiWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57); // a-z, 0-9 (the text is lower-cased)
}

/**
 * A context list made ready for the look-up in an ASCII text: by the key of a word (wordKey), the
 * indices of the list's entries that word can match. A near word w matches entry c when w === c, or
 * when c has 4 or more characters and w starts with c; either way c's first min(4, length) characters
 * are w's, so one key names every candidate. Entries whose key no word of a-z and 0-9 can have are left
 * out: no such word matches them.
 */
type ContextTable = ReadonlyMap<number, readonly number[]>;
const contextTables = new WeakMap<readonly string[], ContextTable>();
function contextTable(context: readonly string[]): ContextTable {
  let table = contextTables.get(context);
  if (table === undefined) {
    const byKey = new Map<number, number[]>();
    context.forEach((c, i) => {
      for (let k = 0; k < c.length && k < 4; k++) if (!isAsciiWordCode(c.charCodeAt(k))) return;
      if (c.length === 0) return;
      const key = wordKey(c, 0, c.length);
      let list = byKey.get(key);
      if (list === undefined) byKey.set(key, (list = []));
      list.push(i);
    });
    contextTables.set(context, (table = byKey));
  }
  return table;
}

/**
 * The first four (or fewer) character codes of s[start, end), 7 bits each, as one small integer (a
 * Smi: a Map looks it up without boxing). Codes of a-z and 0-9 are 48 or more, so words of different
 * lengths never share a key.
 */
function wordKey(s: string, start: number, end: number): number {
  const stop = end - start < 4 ? end : start + 4;
  let key = 0;
  for (let i = start; i < stop; i++) key = (key << 7) | s.charCodeAt(i);
  return key;
}

/**
 * Marks in `found` the entries of `context` that the word lower[s, e) matches (see ContextTable);
 * returns `found`, made on the first match.
 */
function markWord(lower: string, s: number, e: number, context: readonly string[], table: ContextTable, found: number[] | undefined): number[] | undefined {
  const entries = table.get(wordKey(lower, s, e));
  if (entries === undefined) return found;
  for (let j = 0; j < entries.length; j++) {
    const i = entries[j]!;
    const c = context[i]!;
    // Same key: equal when both are shorter than 4; else c must fit in the word and start it.
    if (c.length < 4 || (c.length <= e - s && lower.startsWith(c, s))) (found ??= []).push(i);
  }
  return found;
}

/**
 * The context hits of a lower-cased ASCII text, where a word ([\p{L}\p{N}]+) is a run of a-z and 0-9:
 * the last n words of lower[from, start) and the first n of lower[end, to), each looked up in the
 * table by its key, without slicing it out. Hits in the list's order, as the list-order scan gave them.
 */
function hitsAscii(lower: string, from: number, start: number, end: number, to: number, n: number, context: readonly string[], table: ContextTable): string[] {
  let found: number[] | undefined;
  let words = 0;
  for (let k = start; k > from && words < n;) {
    while (k > from && !isAsciiWordCode(lower.charCodeAt(k - 1))) k--;
    const e = k;
    while (k > from && isAsciiWordCode(lower.charCodeAt(k - 1))) k--;
    if (e > k) { found = markWord(lower, k, e, context, table, found); words++; }
  }
  const stop = Math.min(to, lower.length);
  words = 0;
  for (let k = end; k < stop && words < n;) {
    while (k < stop && !isAsciiWordCode(lower.charCodeAt(k))) k++;
    const s = k;
    while (k < stop && isAsciiWordCode(lower.charCodeAt(k))) k++;
    if (k > s) { found = markWord(lower, s, k, context, table, found); words++; }
  }
  if (found === undefined) return [];
  if (found.length > 1) found.sort((a, b) => a - b);
  const hits: string[] = [];
  for (let j = 0; j < found.length; j++) if (j === 0 || found[j] !== found[j - 1]) hits.push(context[found[j]!]!);
  return hits;
}

/** TextState.lower, computed on first use. */
function lowerOf(state: TextState): string | undefined {
  if (state.lower === null) state.lower = asciiLower(state.text) ?? '';
  return state.lower === '' ? undefined : state.lower;
}

/** contextHits, with the text's lower-cased copy when it has one (see TextState.lower). */
function hitsIn(text: string, lower: string | undefined, start: number, end: number, context: readonly string[], table: ContextTable): string[] {
  const from = Math.max(0, start - CONTEXT_CHARS);
  if (lower !== undefined) return hitsAscii(lower, from, start, end, end + CONTEXT_CHARS, CONTEXT_WORDS, context, table);
  // Most candidates have no context word anywhere near: one scan of the window settles those cheaply.
  const window = text.slice(from, end + CONTEXT_CHARS).toLowerCase();
  if (!anyContext(context).test(window)) return [];
  const near = [...words(text.slice(from, start)).slice(-CONTEXT_WORDS), ...words(text.slice(end, end + CONTEXT_CHARS)).slice(0, CONTEXT_WORDS)];
  const hits: string[] = [];
  for (const c of context) {
    if (near.some((w) => w === c || (c.length >= 4 && w.startsWith(c)))) hits.push(c);
  }
  return hits;
}

/** Scores one candidate: deny, validator, context; pushes the finding unless it was dropped. */
function consider(state: TextState, step: Step, start: number, end: number, base: number, pattern: string, entity: Finding['entity'] | undefined, out: Finding[]): void {
  if (end <= start) return;
  const text = state.text;
  if (step.deny !== undefined && step.deny.call(step.rec, text, start, end) !== undefined) return;
  let score = base;
  let validator: Explanation['validator'];
  if (step.validator !== undefined) {
    const result = step.validator.validate(text.slice(start, end));
    validator = { name: step.validator.name, result };
    if (result === 'invalid') return;
    if (result === 'valid') score = step.validScore ?? Math.max(score, 0.95);
  }
  const hits = step.context === undefined ? [] : hitsIn(text, lowerOf(state), start, end, step.context, step.contextTable!);
  let boost = 0;
  if (hits.length > 0) {
    const boosted = Math.min(1, Math.max(score + CONTEXT_BOOST, CONTEXT_MIN_SCORE));
    boost = boosted - score;
    score = boosted;
  }
  const contextBoost = Math.round(boost * 1000) / 1000;
  out.push({
    entity: entity ?? step.entity,
    start,
    end,
    score: Math.round(score * 1000) / 1000,
    // Two literals rather than a spread: the key order of the explanation is part of the output.
    explanation: validator === undefined
      ? { recognizer: step.id, pattern, baseScore: base, contextWords: hits, contextBoost }
      : { recognizer: step.id, pattern, baseScore: base, validator, contextWords: hits, contextBoost },
  });
}

/**
 * Runs one recognizer's patterns and finder over `text`. Unless the recognizer declares `cutsWords`,
 * a match or candidate that starts or ends inside a word, number or opaque identifier is dropped
 * before scoring (boundaries.ts): one rule of the engine, not a lookbehind in every pattern.
 * The recognizer's own `requires`, then each pattern's, are answered once per distinct test and text
 * (present()), and the longest digit run once (state.digitRun) for every pattern's `digits`.
 */
function runRecognizer(state: TextState, step: Step, out: Finding[]): void {
  const text = state.text;
  if (step.requires >= 0 && !present(state, step.requires)) return;
  const bounded = step.bounded;
  const patterns = step.patterns;
  for (let i = 0; i < patterns.length; i++) {
    const p = patterns[i]!;
    if (p.digits > 0 || p.needs) {
      if (state.digitRun < 0) measure(state);
      if (state.digitRun < p.digits) continue;
      if ((((state.m0 & p.n0) ^ p.n0) | ((state.m1 & p.n1) ^ p.n1) | ((state.m2 & p.n2) ^ p.n2) | ((state.m3 & p.n3) ^ p.n3)) !== 0) continue;
      if (lacksOneOf(state, p.anyOf)) continue;
    }
    if (p.starts !== null && !startsIn(state, p.starts)) continue;
    if (p.requires >= 0 && !present(state, p.requires)) continue;
    const re = p.re;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      // The whole match must stand on token boundaries; a group v may then narrow it ("72" of "72yo").
      if (bounded && cutsToken(text, m.index, m.index + m[0].length) !== undefined) continue;
      if (m.indices === undefined) {
        consider(state, step, m.index, m.index + m[0].length, p.score, p.name, undefined, out);
      } else {
        const [start, end] = m.indices.groups?.v ?? m.indices[0]!;
        consider(state, step, start, end, p.score, p.name, undefined, out);
      }
    }
  }
  if (step.find !== undefined) {
    const found = step.find.call(step.rec, text);
    // The word finders return arrays: walked by index, without an iterator and a result per candidate
    // (a for-of over values that are arrays for some finders and generators for others allocates both).
    if (Array.isArray(found)) {
      const candidates = found as readonly Candidate[];
      for (let k = 0; k < candidates.length; k++) considerCandidate(state, step, candidates[k]!, out);
    } else {
      for (const c of found) considerCandidate(state, step, c, out);
    }
  }
}

/** A finder's candidate, dropped when it cuts a token (unless the recognizer cuts words), else scored. */
function considerCandidate(state: TextState, step: Step, c: Candidate, out: Finding[]): void {
  if (step.bounded && cutsToken(state.text, c.start, c.end) !== undefined) return;
  consider(state, step, c.start, c.end, c.score, c.pattern, c.entity, out);
}

/**
 * Keeps the best of overlapping findings: higher score, then longer span, then earlier. The kept
 * findings never overlap, so they stay sorted by start and by end at once, and a binary search finds
 * the one neighbour that could overlap a candidate: O(n log n), whatever the number of findings.
 */
export function resolveOverlaps(findings: Finding[]): Finding[] {
  // Most texts have no finding or one: nothing to sort or search.
  if (findings.length < 2) return findings.slice();
  const sorted = [...findings].sort((a, b) => b.score - a.score || (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  const kept: Finding[] = [];
  for (const f of sorted) {
    // First kept finding that ends after f starts: the only one that can overlap f.
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (kept[mid]!.end <= f.start) lo = mid + 1;
      else hi = mid;
    }
    const next = kept[lo];
    if (next !== undefined && next.start < f.end) continue;
    kept.splice(lo, 0, f);
  }
  return kept;
}

/**
 * Finds sensitive entities in `text`.
 *
 * @example
 * ```ts
 * analyze('Mail jane@example.com', DEFAULT_RECOGNIZERS)
 * // → [{ entity: 'EMAIL_ADDRESS', start: 5, end: 21, score: 1, explanation: {...} }]
 * ```
 */
export function analyze(text: string, recognizers: readonly Recognizer[], options: DetectOptions = {}): Finding[] {
  if (text.length > MAX_TEXT_LENGTH) {
    throw new CordonError('ERR_INPUT_INVALID', `text longer than ${MAX_TEXT_LENGTH} characters; split it before detection`, { details: { length: text.length } });
  }
  const plan = planFor(recognizers, options);
  const all: Finding[] = [];
  // Call numbers stay small integers; past 2^30 the stamps start over from a cleared array.
  if (calls >= 0x3fffffff) {
    askedIn.fill(0);
    calls = 0;
    startsOwner = 0;
  }
  const state: TextState = { text, lower: null, call: ++calls, digitRun: -1, m0: 0, m1: 0, m2: 0, m3: 0 };
  const steps = plan.steps;
  for (let i = 0; i < steps.length; i++) runRecognizer(state, steps[i]!, all);
  if (all.length === 0) return [];
  const { profile, threshold, wanted } = plan;
  const kept = all.filter((f) => f.score >= (profile === undefined ? threshold : profileThreshold(profile, f.entity, threshold)) && (wanted === undefined || wanted.has(f.entity)));
  const resolved = resolveOverlaps(kept);
  return profile === undefined ? resolved : profileFindings(resolved, profile);
}

/**
 * What analyze() derives from its recognizers and options alone — the profile resolved, the
 * recognizers it keeps, each with its compiled patterns, the entities wanted, the threshold — made
 * once per list and options and reused by every call with them (the `text` operator calls analyze
 * once per cell with the same ones).
 */
interface Plan {
  readonly steps: readonly Step[];
  readonly profile: Profile | undefined;
  readonly threshold: number;
  readonly wanted: ReadonlySet<string> | undefined;
}

/**
 * A recognizer with its compiled patterns and the fields the engine reads, copied into one shape: the
 * recognizers are objects of many shapes (with or without a finder, deny, validator...), which made
 * every field read in the per-candidate path a megamorphic look-up.
 */
interface Step {
  readonly rec: Recognizer;
  readonly id: string;
  readonly entity: Entity;
  readonly patterns: readonly CompiledPattern[];
  /** Index into REQUIRES of Recognizer.requires, or -1. */
  readonly requires: number;
  readonly find: Recognizer['find'];
  readonly deny: Recognizer['deny'];
  readonly validator: Validator | undefined;
  readonly validScore: number | undefined;
  /** Recognizer.context, undefined when it has no word. */
  readonly context: readonly string[] | undefined;
  /** contextTable(context), when it has words. */
  readonly contextTable: ContextTable | undefined;
  /** Matches must stand on token boundaries (not Recognizer.cutsWords). */
  readonly bounded: boolean;
}

function stepOf(rec: Recognizer): Step {
  return {
    rec,
    id: rec.id,
    entity: rec.entity,
    patterns: compile(rec),
    requires: rec.requires === undefined ? -1 : requiresId(rec.requires),
    find: rec.find,
    deny: rec.deny,
    validator: rec.validator,
    validScore: rec.validScore,
    context: rec.context === undefined || rec.context.length === 0 ? undefined : rec.context,
    contextTable: rec.context === undefined || rec.context.length === 0 ? undefined : contextTable(rec.context),
    bounded: rec.cutsWords !== true,
  };
}

function makePlan(recognizers: readonly Recognizer[], options: DetectOptions): Plan {
  const profile = typeof options.profile === 'string' ? resolveProfile(options.profile) : options.profile;
  const threshold = options.threshold ?? profile?.threshold ?? DEFAULT_THRESHOLD;
  let wanted: Set<string> | undefined = options.entities === undefined ? undefined : new Set(options.entities);
  if (profile !== undefined) {
    recognizers = profileRecognizers(recognizers, profile);
    // Custom entities count under every profile (profiles/apply-profile.ts).
    const custom = [...customEntities(recognizers).keys()] as Entity[];
    const asked = wanted;
    wanted = new Set([...profile.entities, ...custom].filter((e) => asked === undefined || asked.has(e)));
  }
  const w = wanted;
  // Compiled in list order: a recognizer met for the first time adds its `requires` tests to REQUIRES.
  const steps = recognizers.map(stepOf)
    .filter(({ rec }) => w === undefined || w.has(rec.entity) || (rec.emits ?? []).some((e) => w.has(e)));
  return { steps, profile, threshold, wanted };
}

/**
 * Plans by recognizer list (taken as fixed once passed, as the profile and custom-entity caches take
 * it), then by the options' values; a Profile object by its identity. Options objects are not keyed
 * by identity: a caller may change an entities array between calls.
 */
interface PlanCache {
  none: Plan | undefined;
  /**
   * The options of the last call with options, by value, and their plan: a caller such as the `text`
   * operator passes the same options on every call, and comparing three fields (and an entities list
   * against a copy of it) costs less than the key string below.
   */
  last: LastOptions | undefined;
  readonly byKey: Map<string, Plan>;
  readonly byProfile: WeakMap<Profile, Map<string, Plan>>;
}
interface LastOptions {
  readonly profile: DetectOptions['profile'];
  readonly threshold: number | undefined;
  /** A copy of the entities asked, so that a caller changing its array between calls is seen. */
  readonly entities: readonly Entity[] | undefined;
  readonly plan: Plan;
}
const plans = new WeakMap<readonly Recognizer[], PlanCache>();

function sameEntities(copy: readonly Entity[] | undefined, entities: readonly Entity[] | undefined): boolean {
  if (copy === undefined || entities === undefined) return copy === entities;
  if (copy.length !== entities.length) return false;
  for (let i = 0; i < copy.length; i++) if (copy[i] !== entities[i]) return false;
  return true;
}
/** Distinct options kept per list and profile; a caller that varies them without end gets plans made per call. */
const MAX_PLANS = 256;

function planFor(recognizers: readonly Recognizer[], options: DetectOptions): Plan {
  let cache = plans.get(recognizers);
  if (cache === undefined) plans.set(recognizers, (cache = { none: undefined, last: undefined, byKey: new Map(), byProfile: new WeakMap() }));
  const { entities, threshold, profile } = options;
  if (entities === undefined && threshold === undefined && profile === undefined) return (cache.none ??= makePlan(recognizers, options));
  const last = cache.last;
  if (last !== undefined && last.profile === profile && last.threshold === threshold && sameEntities(last.entities, entities)) return last.plan;
  const key = `${typeof profile === 'string' ? profile : ''}|${threshold ?? ''}|${entities === undefined ? '' : JSON.stringify(entities)}`;
  let byKey = cache.byKey;
  if (typeof profile === 'object') {
    let m = cache.byProfile.get(profile);
    if (m === undefined) cache.byProfile.set(profile, (m = new Map()));
    byKey = m;
  }
  let plan = byKey.get(key);
  if (plan === undefined) {
    plan = makePlan(recognizers, options);
    if (byKey.size < MAX_PLANS) byKey.set(key, plan);
  }
  cache.last = { profile, threshold, entities: entities === undefined ? undefined : [...entities], plan };
  return plan;
}
