// matchRules(): runs the weighted patterns over a scan view and maps every match back to the
// original text. One finding per rule name (its strongest match; the span of that match); the
// rule layer's score is a noisy-OR over rule names, so two different kinds of evidence add up and
// many matches of one pattern do not. In a user prompt, a match inside a quotation the prompt asks
// about counts half (quotedSpans).
import type { Finding, GuardSource } from '../types.js';
import { viewSpan, type ScanView } from '../sanitise/sanitise.js';
import { RULES, ruleScore } from './rules.js';
import { quotedSpans } from './features.js';

export interface RulesVerdict {
  readonly score: number;
  readonly findings: readonly Finding[];
}

/** A rule match wholly inside a quotation of a user prompt that also says something else counts this much. */
const QUOTED = 0.5;

export function matchRules(view: ScanView, source: GuardSource): RulesVerdict {
  const best = new Map<string, Finding>();
  const quoted = source === 'user' ? quotedSpans(view.text) : [];
  for (const r of RULES) {
    const s = ruleScore(r, source);
    if (s <= 0) continue;
    r.re.lastIndex = 0;
    for (const m of view.text.matchAll(r.re)) {
      const prev = best.get(r.rule);
      if (prev !== undefined && prev.score >= s) break;
      const lead = /^\s*/.exec(m[0])![0].length;
      const a = m.index + lead;
      const b = m.index + m[0].length;
      const inQuote = quoted.some((q) => q.start <= a && b <= q.end);
      const score = inQuote ? Math.round(s * QUOTED * 1000) / 1000 : s;
      if (prev !== undefined && prev.score >= score) continue;
      const span = viewSpan(view, a, b);
      best.set(r.rule, { scanner: 'injection.rules', rule: r.rule, score, start: span.start, end: span.end });
      if (!inQuote) break;
    }
  }
  const findings = [...best.values()].sort((a, b) => a.start - b.start || b.score - a.score);
  let miss = 1;
  for (const f of findings) miss *= 1 - f.score;
  return { score: Math.round((1 - miss) * 1000) / 1000, findings };
}
