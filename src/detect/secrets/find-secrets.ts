// Every secret candidate in a text: provider tokens (known formats), values assigned to secret names,
// and values after fixed phrases (URL userinfo, Authorization, command lines, prose). The recognizer
// in recognizers/secret.ts hands these to the engine, which scores, explains and de-overlaps them.
import type { Candidate } from '../types.js';
import { findAssignments } from './assignments.js';
import { findEncodedSecrets } from './encoded.js';
import { findPhrases } from './phrases.js';
import { findProviderTokens } from './provider-tokens.js';
import { isExampleKey } from './not-a-secret.js';

/**
 * Every text that findAssignments or findPhrases can find something in holds one of these: the union,
 * case-folded, of findAssignments' KEYWORD and each literal test findPhrases makes before a scan
 * ("://", the Authorization schemes, -u/--user, the command-line cues, a Twilio SID, the password and key words).
 */
const ANY_CUE = /:\/\/|pass|reset|stdin|pwd|pw\b|secret|token|key|auth|cred|bearer|basic|bot|ssws|digest|-u|mysql|mariadb|login|securestring|identified|\bsig\b|AC[0-9a-f]{32}/i;

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
  for (const c of findEncodedSecrets(text)) out.push(c);
  // One scan answers for the half-dozen literal tests the two finders start with: most texts hold none.
  if (!ANY_CUE.test(text)) return out;
  for (const c of findAssignments(text)) out.push(c);
  for (const c of findPhrases(text)) out.push(c);
  return out;
}
