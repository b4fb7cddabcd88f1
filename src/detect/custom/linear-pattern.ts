// A conservative check that a user's regular expression runs in linear time on V8's backtracking
// engine: no backreferences, no quantified group that itself holds a quantifier or an alternation
// ((a+)+, (a|ab)*: the shapes of catastrophic backtracking), bounded {n,m} repeats, a bounded
// length. It refuses some safe patterns; it must never accept an exponential one.

const MAX_SOURCE = 1000;
const MAX_REPEAT = 1000;

/**
 * Why `source` may not run in linear time, or undefined when it passes.
 *
 * @example
 * ```ts
 * linearPatternProblem('EMP-\\d{6}') // → undefined
 * linearPatternProblem('(a+)+$')     // → 'a quantified group holds a quantifier (nested quantifiers)'
 * ```
 */
export function linearPatternProblem(source: string): string | undefined {
  if (source.length === 0) return 'is empty';
  if (source.length > MAX_SOURCE) return `is longer than ${MAX_SOURCE} characters`;
  // Per open group: does it hold a quantifier or a top-level alternation?
  const stack: Array<{ quantified: boolean; alternation: boolean }> = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const n = source[i + 1] ?? '';
      if (/[1-9]/.test(n) || n === 'k') return 'uses a backreference';
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') { inClass = true; continue; }
    if (c === '(') { stack.push({ quantified: false, alternation: false }); continue; }
    if (c === '|') { const top = stack[stack.length - 1]; if (top) top.alternation = true; continue; }
    const quantifier = c === '*' || c === '+' || c === '?' || c === '{';
    if (c === '{') {
      const m = /^\{(\d+)(?:,(\d*))?\}/.exec(source.slice(i));
      if (m === null) continue; // a literal brace
      if (m[2] === '' || Number(m[2] ?? m[1]) > MAX_REPEAT) return `has an unbounded or larger than ${MAX_REPEAT} {n,m} repeat; give an upper bound`;
      i += m[0].length - 1;
    }
    if (c === ')') {
      const group = stack.pop();
      if (group === undefined) return 'has an unbalanced parenthesis';
      const next = source[i + 1] ?? '';
      const groupQuantified = next === '*' || next === '+' || (next === '{' && /^\{\d+(?:,\d*)?\}/.test(source.slice(i + 1)));
      if (groupQuantified && group.quantified) return 'a quantified group holds a quantifier (nested quantifiers)';
      if (groupQuantified && group.alternation) return 'a quantified group holds an alternation';
      const parent = stack[stack.length - 1];
      if (parent && (group.quantified || groupQuantified)) parent.quantified = true;
      continue;
    }
    if (quantifier && c !== '?') {
      const top = stack[stack.length - 1];
      if (top) top.quantified = true;
    }
  }
  if (stack.length > 0) return 'has an unbalanced parenthesis';
  return undefined;
}
