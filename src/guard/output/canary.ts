// Output scanner: system-prompt leakage. Two signals: a canary token (a random marker the
// application put in its system prompt; an answer holding it has leaked the prompt, score 1), and
// n-gram overlap with the system prompt (runs of N consecutive words of the prompt repeated in the
// answer, case- and punctuation-insensitive). Overlap spans are merged; the score grows with how
// much of the prompt came back. Pure; linear in the two texts.
import type { Finding } from '../types.js';

export interface PromptLeakOptions {
  /** Canary tokens planted in the system prompt (each at least 8 characters). */
  readonly canaries?: readonly string[];
  /** The system prompt to compare against. */
  readonly systemPrompt?: string;
  /** Words per n-gram (default 6). */
  readonly ngram?: number;
}

interface Word {
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

const WORD_RE = /[\p{L}\p{N}]+/gu;

function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD_RE)) out.push({ key: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  return out;
}

/** Canary hits (scanner "output.prompt-leak", rule "canary") and prompt overlap (rule "system-prompt-overlap"). */
export function scanPromptLeak(text: string, options: PromptLeakOptions): Finding[] {
  const out: Finding[] = [];
  for (const c of options.canaries ?? []) {
    if (typeof c !== 'string' || c.length < 8) throw new TypeError('a canary token is a string of at least 8 characters');
    for (let at = text.indexOf(c); at !== -1; at = text.indexOf(c, at + c.length)) {
      out.push({ scanner: 'output.prompt-leak', rule: 'canary', score: 1, start: at, end: at + c.length });
    }
  }
  const prompt = options.systemPrompt;
  if (prompt === undefined || prompt === '') return out;
  const n = options.ngram ?? 6;
  if (!Number.isInteger(n) || n < 2 || n > 32) throw new TypeError('ngram is a whole number from 2 to 32');
  const pw = words(prompt);
  if (pw.length < n) return out;
  const grams = new Set<string>();
  for (let i = 0; i + n <= pw.length; i++) grams.add(pw.slice(i, i + n).map((w) => w.key).join(' '));
  const aw = words(text);
  let runStart = -1;
  let runEnd = -1;
  const flush = () => {
    if (runStart < 0) return;
    const count = runEnd - runStart; // words covered by the run
    const score = Math.min(1, 0.5 + 0.5 * (count / Math.max(n * 2, Math.min(pw.length, 40))));
    out.push({ scanner: 'output.prompt-leak', rule: 'system-prompt-overlap', score, start: aw[runStart]!.start, end: aw[runEnd - 1]!.end });
    runStart = -1;
  };
  for (let i = 0; i + n <= aw.length; i++) {
    if (grams.has(aw.slice(i, i + n).map((w) => w.key).join(' '))) {
      if (runStart >= 0 && i <= runEnd) runEnd = i + n;
      else {
        flush();
        runStart = i;
        runEnd = i + n;
      }
    }
  }
  flush();
  return out;
}
