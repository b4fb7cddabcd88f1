// Linear time of the built-in patterns, decided by their structure rather than by a stopwatch. Every
// pattern (and every `requires` prefilter) of every default recognizer goes through the checker that
// custom recognizers must pass (src/detect/custom/linear-pattern.ts). The few it refuses are listed
// below, each with the checker's reason and why the pattern is still safe, and each must pass a
// second structural rule: every repeat that holds a quantifier is bounded and holds only bounded
// quantifiers, so the work tried from one start position has a fixed ceiling. A new pattern the
// checker refuses fails here until it is reviewed into the list. The self-tests at the end show that
// the counted-work check used by the other linear-time tests fails on a quadratic finder.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import { linearPatternProblem } from '../../../src/detect/custom/linear-pattern.js';
import { assertLinearWork } from './linear-time.js';

/** recognizer/pattern → [the checker's reason, why the pattern is linear anyway]. */
const REVIEWED: Record<string, [string, string]> = {
  'email/address': ['nested', 'dot-separated labels of at most 64 (local) and 63 (domain) characters, at most 8 of each: a literal "." or "@" ends every repeat'],
  'credit-card/grouped-4': ['nested', 'exactly two more groups of four digits, each after a separator'],
  'iban/grouped': ['nested', '2 to 7 space-led groups of exactly four characters'],
  'us-driver-license/letter-dashed': ['nested', '2 to 4 dash-led groups of at most 4 digits'],
  'ip-address/ipv4': ['nested', 'exactly three dot-led groups of at most 3 digits'],
  'ip-address/ipv6': ['nested', '2 to 7 colon-ended groups of at most 4 hex digits'],
  'mac-address/colon': ['nested', 'exactly five colon-led pairs'],
  'mac-address/hyphen': ['nested', 'exactly five dash-led pairs'],
  'date-time/numeric-month-day-procedure': ['nested', '1 to 4 space-ended words of at most 31 characters after a literal s/p, status post or underwent'],
  'url/absolute': ['large', 'one character class of at most 2,047 after a literal scheme: a bounded scan per "://"'],
  'url/www': ['nested', 'at most 6 dot-ended labels of at most 63 characters, then one bounded path class'],
  'url/bare-domain': ['nested', 'at most 4 dot-ended labels of at most 63 characters, then one bounded path class'],
  'secret/jwt': ['large', 'three bounded base64url runs, each led by a literal ("eyJ", ".eyJ", ".")'],
  'secret/pem-private-key': ['nested', 'at most 3 words of at most 16 characters; the body alternatives ([^-] and "-" not followed by "----") are disjoint'],
};

function kind(problem: string): 'nested' | 'large' | 'other' {
  if (problem.includes('nested quantifiers')) return 'nested';
  if (problem.includes('larger than')) return 'large';
  return 'other';
}

/** A quantifier starting at source[i]: its length and whether it is unbounded. */
function quantifierAt(source: string, i: number): { len: number; unbounded: boolean } | undefined {
  const c = source[i];
  let len: number;
  let unbounded: boolean;
  if (c === '*' || c === '+') { len = 1; unbounded = true; }
  else if (c === '?') { len = 1; unbounded = false; }
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
    if (m === null) return undefined;
    len = m[0].length;
    unbounded = m[2] !== undefined && m[3] === '';
  } else return undefined;
  if (source[i + len] === '?') len++; // lazy
  return { len, unbounded };
}

/**
 * Why `source` may do unbounded work from one start position: an unbounded quantifier inside a
 * repeated group, or an unbounded repeat of a group holding a quantifier or an alternation.
 */
export function nestedBoundsProblem(source: string): string | undefined {
  const stack = [{ quantified: false, unbounded: false, alternation: false }];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    const top = stack[stack.length - 1]!;
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') { inClass = true; continue; }
    if (c === '|') { top.alternation = true; continue; }
    if (c === '(') {
      stack.push({ quantified: false, unbounded: false, alternation: false });
      if (source[i + 1] === '?') i++; // (?: (?= (?! (?<= (?<! (?<name>
      continue;
    }
    if (c === ')') {
      const group = stack.pop()!;
      const parent = stack[stack.length - 1];
      if (parent === undefined) return 'has an unbalanced parenthesis';
      const q = quantifierAt(source, i + 1);
      if (q !== undefined) {
        if (group.unbounded) return 'a repeated group holds an unbounded quantifier';
        if (q.unbounded && (group.quantified || group.alternation)) return 'an unbounded repeat of a group that holds a quantifier or an alternation';
        i += q.len;
      }
      parent.quantified ||= group.quantified || q !== undefined;
      parent.unbounded ||= group.unbounded || q?.unbounded === true;
      continue;
    }
    const q = quantifierAt(source, i);
    if (q !== undefined) {
      top.quantified = true;
      top.unbounded ||= q.unbounded;
      i += q.len - 1;
    }
  }
  return stack.length === 1 ? undefined : 'has an unbalanced parenthesis';
}

describe('built-in patterns are linear by structure', () => {
  const refused = new Map<string, string>();
  for (const rec of DEFAULT_RECOGNIZERS) {
    for (const p of rec.patterns) {
      for (const [what, re] of [['', p.regex], [' requires', p.requires]] as const) {
        if (re === undefined) continue;
        const key = `${rec.id}/${p.name}${what}`;
        const problem = linearPatternProblem(re.source);
        if (problem !== undefined) refused.set(key, problem);
        it(`${key}: passes the custom-pattern checker or is reviewed`, () => {
          if (problem === undefined) return;
          const review = REVIEWED[key];
          assert.ok(review !== undefined, `${key} is refused by the linear-pattern checker (${problem}): make it pass, or review it into REVIEWED`);
          assert.equal(kind(problem), review[0], `${key}: the checker's reason changed to "${problem}"`);
          assert.equal(nestedBoundsProblem(re.source), undefined, `${key}: ${nestedBoundsProblem(re.source)}`);
        });
      }
    }
  }
  it('lists no reviewed pattern that no longer needs it', () => {
    assert.deepEqual(Object.keys(REVIEWED).filter((k) => !refused.has(k)), []);
  });
});

describe('the nested-bounds rule', () => {
  it('accepts bounded repeats of bounded groups and refuses what can backtrack without limit', () => {
    for (const ok of ['\\d{1,3}(?:\\.\\d{1,3}){3}', '(?:ab){2,5}c', 'a+b*', '(?<v>\\d{2})\\s?yo', '[(+]{1,3}x', '\\p{L}{2}']) assert.equal(nestedBoundsProblem(ok), undefined, ok);
    for (const bad of ['(a+){0,8}', '(?:a{1,3})+', '(a|ab)*', '(?:x\\d*)?', '((a)']) assert.notEqual(nestedBoundsProblem(bad), undefined, bad);
  });
});

describe('counted work', () => {
  const words = (n: number): string => 'alpha beta '.repeat(Math.ceil(n / 11)).slice(0, n);
  it('passes a finder that reads each word once', () => {
    assertLinearWork('linear finder', (text) => {
      const seen = new Set<string>();
      for (const w of text.split(' ')) seen.has(w);
    }, words, 2_000);
  });
  it('fails a finder that re-reads the text before every word', () => {
    assert.throws(() => assertLinearWork('quadratic finder', (text) => {
      for (let at = text.indexOf(' '); at >= 0; at = text.indexOf(' ', at + 1)) text.slice(0, at).lastIndexOf('alpha');
    }, words, 2_000), /ratio/);
  });
  it('fails a finder that looks up every pair of words', () => {
    assert.throws(() => assertLinearWork('pairwise finder', (text) => {
      const ws = text.split(' ');
      const set = new Set<string>();
      for (let i = 0; i < ws.length; i++) for (let j = i; j < ws.length; j++) set.has(ws[j]!);
    }, words, 500), /ratio/);
  });
});
