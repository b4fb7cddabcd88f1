// Output scanner: secrets and personal data in a model's answer. Secrets through detect's `secrets`
// profile (credentials with known prefixes, JWTs, private keys, passwords in URLs); personal data
// through a PII profile and entity list. A guard placeholder ("<PERSON_1>") is not a leak. Findings
// carry offsets, never the matched text.
import { analyze } from '../../detect/analyze.js';
import { DEFAULT_RECOGNIZERS } from '../../detect/registry.js';
import type { Entity, Recognizer } from '../../detect/types.js';
import type { ProfileName } from '../../detect/profiles/table.js';
import type { Finding } from '../types.js';

export interface LeakScanOptions {
  /** Profile for personal data (default "default"); "secrets" is always run as well. */
  readonly piiProfile?: ProfileName;
  /** Personal-data entities to report (default: all of the profile's but DATE_TIME, which answers are full of). */
  readonly piiEntities?: readonly Entity[];
  readonly recognizers?: readonly Recognizer[];
}

/** Entities too common in ordinary answers to count as a leak unless asked for. */
const QUIET: ReadonlySet<string> = new Set(['DATE_TIME', 'AGE', 'TITLE', 'NRP', 'LOCATION', 'ORGANIZATION', 'URL']);

/** Secrets (scanner "output.secrets") and personal data ("output.pii"); rule = the entity. */
export function scanLeaks(text: string, options: LeakScanOptions = {}): Finding[] {
  const recognizers = options.recognizers ?? DEFAULT_RECOGNIZERS;
  const out: Finding[] = [];
  for (const f of analyze(text, recognizers, { profile: 'secrets' })) {
    out.push({ scanner: 'output.secrets', rule: f.entity, score: f.score, start: f.start, end: f.end });
  }
  const pii = analyze(text, recognizers, { profile: options.piiProfile ?? 'default', ...(options.piiEntities !== undefined ? { entities: options.piiEntities } : {}) });
  for (const f of pii) {
    if (f.entity === 'SECRET') continue;
    if (options.piiEntities === undefined && QUIET.has(f.entity)) continue;
    // A placeholder the guard put in is not personal data.
    if (text.charCodeAt(f.start) === 60 && text.charCodeAt(f.end - 1) === 62) continue;
    out.push({ scanner: 'output.pii', rule: f.entity, score: f.score, start: f.start, end: f.end });
  }
  return out;
}
