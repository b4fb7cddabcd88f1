// Every secret candidate in a text: provider tokens (known formats), values assigned to secret names,
// and values after fixed phrases (URL userinfo, Authorization, command lines, prose). The recognizer
// in recognizers/secret.ts hands these to the engine, which scores, explains and de-overlaps them.
import type { Candidate } from '../types.js';
import { findAssignments } from './assignments.js';
import { findPhrases } from './phrases.js';
import { findProviderTokens } from './provider-tokens.js';
import { isExampleKey } from './not-a-secret.js';

/**
 * @example
 * ```ts
 * [...findSecrets('GITLAB_TOKEN=glpat-' + 'Xq3'.repeat(7))].map((c) => c.pattern) // → ['provider:gitlab-token']
 * ```
 */
export function findSecrets(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const t of findProviderTokens(text)) {
    if (isExampleKey(text.slice(t.start, t.end))) continue;
    out.push({ start: t.start, end: t.end, score: t.format.score, pattern: `provider:${t.format.name}` });
  }
  out.push(...findAssignments(text), ...findPhrases(text));
  return out;
}
