// matchRules(): runs the weighted patterns over a scan view and maps every match back to the
// original text. One finding per rule name (its strongest match; the span of that match); the
// rule layer's score is a noisy-OR over rule names, so two different kinds of evidence add up and
// many matches of one pattern do not. In a user prompt, a match inside a quotation the prompt asks
// about counts half (quotedSpans), and quoted findings do not add up (the strongest counts once). Structure rules (STRUCTURE_RULES: a role-play frame beside a
// clause that frees it from limits) report under their rule name like the patterns.
import type { Finding, GuardSource } from '../types.js';
import { viewSpan, type ScanView } from '../sanitise/sanitise.js';
import { NOT_AFTER_WINDOW, RULES, STRUCTURE_RULES, STRUCTURE_WINDOW, ruleScore, type StructureRule } from './rules.js';
import { quotedSpans } from './features.js';

export interface RulesVerdict {
  readonly score: number;
  readonly findings: readonly Finding[];
}

/** A rule match wholly inside a quotation of a user prompt that also says something else counts this much. */
const QUOTED = 0.5;

/** Matches of one pattern, at most this many (bounds the work on long texts full of one word). */
const MAX_PART_MATCHES = 32;

function firstMatches(text: string, re: RegExp): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  re.lastIndex = 0;
  for (const m of text.matchAll(re)) {
    out.push({ start: m.index, end: m.index + m[0].length });
    if (out.length >= MAX_PART_MATCHES) break;
  }
  return out;
}

/**
 * A structure rule matches when, for some match of its first part, every other part matches within
 * STRUCTURE_WINDOW characters of it; the finding spans those matches. Each part is searched once
 * over the whole text (at most MAX_PART_MATCHES kept), so the work is linear in the text.
 */
function matchStructure(text: string, r: StructureRule, seen: Map<RegExp, { start: number; end: number }[]>): { start: number; end: number } | undefined {
  // parts are shared between structure rules: each pattern runs once per text
  const of = (re: RegExp): { start: number; end: number }[] => {
    let ms = seen.get(re);
    if (ms === undefined) { ms = firstMatches(text, re); seen.set(re, ms); }
    return ms;
  };
  const [anchor, ...rest] = r.parts;
  if (anchor === undefined) return undefined;
  // the clauses are rare and the frames common: look for the clauses first
  const others: { start: number; end: number }[][] = [];
  for (const p of rest) {
    const ms = of(p);
    if (ms.length === 0) return undefined;
    others.push(ms);
  }
  const anchors = of(anchor);
  for (const a of anchors) {
    let start = a.start; let end = a.end;
    let all = true;
    for (const ms of others) {
      const near = ms.find((m) => m.end >= a.start - STRUCTURE_WINDOW && m.start <= a.end + STRUCTURE_WINDOW);
      if (near === undefined) { all = false; break; }
      start = Math.min(start, near.start); end = Math.max(end, near.end);
    }
    if (all) return { start, end };
  }
  return undefined;
}

/** `quoted`: the user prompt's quotedSpans() when the caller already has them (scanInput). */
export function matchRules(view: ScanView, source: GuardSource, quoted: readonly { start: number; end: number }[] = source === 'user' ? quotedSpans(view.text) : []): RulesVerdict {
  const best = new Map<string, Finding>();
  const quotedFindings = new Set<Finding>();
  const keep = (rule: string, f: Finding, inQuote: boolean): void => {
    best.set(rule, f);
    if (inQuote) quotedFindings.add(f); else quotedFindings.delete(f);
  };
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
      if (r.notAfter !== undefined && r.notAfter.test(view.text.slice(Math.max(0, a - NOT_AFTER_WINDOW), a))) continue;
      const inQuote = quoted.some((q) => q.start <= a && b <= q.end);
      const score = inQuote ? Math.round(s * QUOTED * 1000) / 1000 : s;
      if (prev !== undefined && prev.score >= score) continue;
      const span = viewSpan(view, a, b);
      keep(r.rule, { scanner: 'injection.rules', rule: r.rule, score, start: span.start, end: span.end }, inQuote);
      if (!inQuote) break;
    }
  }
  const seen = new Map<RegExp, { start: number; end: number }[]>();
  for (const r of STRUCTURE_RULES) {
    const s = ruleScore(r, source);
    const prev = best.get(r.rule);
    if (s <= 0 || (prev !== undefined && prev.score >= s)) continue;
    const hit = matchStructure(view.text, r, seen);
    if (hit === undefined) continue;
    const inQuote = quoted.some((q) => q.start <= hit.start && hit.end <= q.end);
    const score = inQuote ? Math.round(s * QUOTED * 1000) / 1000 : s;
    if (prev !== undefined && prev.score >= score) continue;
    const span = viewSpan(view, hit.start, hit.end);
    keep(r.rule, { scanner: 'injection.rules', rule: r.rule, score, start: span.start, end: span.end }, inQuote);
  }
  const findings = [...best.values()].sort((a, b) => a.start - b.start || b.score - a.score);
  // Evidence from inside quotations does not add up: the strongest quoted finding counts, once.
  let miss = 1;
  let quotedBest = 0;
  for (const f of findings) {
    if (quotedFindings.has(f)) quotedBest = Math.max(quotedBest, f.score);
    else miss *= 1 - f.score;
  }
  miss *= 1 - quotedBest;
  return { score: Math.round((1 - miss) * 1000) / 1000, findings };
}
