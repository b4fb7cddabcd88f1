// Custom recognizers without code: a parsed recognizer file (YAML or JSON, read by the caller —
// detect/ does no I/O) becomes Recognizer objects that run through the same engine as the built-in
// ones. Modelled on Presidio's ad-hoc recognizers: a name and an entity, patterns with scores,
// context words, a validator by name, a deny list (words that are the entity) and an allow list
// (values never reported). Beyond Presidio, a recognizer says how its entity is handled downstream:
// `category` (default direct), `classification` and `protect` (the operator `contract init` drafts).
// A custom entity is a new name: a built-in one (PERSON, PASSWORD, ...) is refused, so a custom
// recognizer never changes what a built-in entity means. Everything is checked here, at load, and
// every problem is reported with its path in one ERR_RECOGNIZERS_INVALID (the first five in the
// message); patterns must pass the linear-time check.
import { CordonError } from '../../errors.js';
import { CATEGORIES, CLASSIFICATIONS, COLUMN_ENTITIES } from '../columns/types.js';
import { isBuiltInEntity, type Candidate, type Entity, type EntityHandling, type PatternRule, type Recognizer } from '../types.js';
import { linearPatternProblem } from './linear-pattern.js';
import { presidioToCordon } from './presidio-format.js';
import { VALIDATORS_BY_NAME } from './validators-by-name.js';

const ENTITY_NAME = /^[A-Z][A-Z0-9_]{1,63}$/;
const ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const MAX_RECOGNIZERS = 200;
const MAX_PATTERNS = 50;
const MAX_WORDS = 1000;
const MAX_WORD_LENGTH = 200;

interface Problem { readonly path: string; readonly problem: string }

type Obj = Readonly<Record<string, unknown>>;
function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function score(v: unknown, path: string, problems: Problem[], fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
    problems.push({ path, problem: 'must be a number in [0, 1]' });
    return fallback;
  }
  return v;
}

function words(v: unknown, path: string, problems: Problem[]): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > MAX_WORDS || !v.every((w) => typeof w === 'string' && w.trim().length > 0 && w.length <= MAX_WORD_LENGTH)) {
    problems.push({ path, problem: `must be a list of at most ${MAX_WORDS} non-empty strings of at most ${MAX_WORD_LENGTH} characters` });
    return [];
  }
  return (v as string[]).map((w) => w.trim());
}

function keys(o: Obj, allowed: readonly string[], path: string, problems: Problem[]): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) problems.push({ path: `${path}.${k}`, problem: `is not a known key (expected ${allowed.join(', ')})` });
}

function pattern(raw: unknown, path: string, problems: Problem[]): PatternRule | undefined {
  if (!isObj(raw)) {
    problems.push({ path, problem: 'must be { name, regex, score }' });
    return undefined;
  }
  keys(raw, ['name', 'regex', 'score', 'ignoreCase'], path, problems);
  const name = raw['name'];
  if (typeof name !== 'string' || !ID.test(name)) problems.push({ path: `${path}.name`, problem: 'must be a lower-case name (a-z, 0-9, . _ -)' });
  const source = raw['regex'];
  if (typeof source !== 'string') {
    problems.push({ path: `${path}.regex`, problem: 'must be a regular expression string' });
    return undefined;
  }
  const linear = linearPatternProblem(source);
  if (linear !== undefined) {
    problems.push({ path: `${path}.regex`, problem: `may not run in linear time: ${linear}` });
    return undefined;
  }
  const ignoreCase = raw['ignoreCase'];
  if (ignoreCase !== undefined && typeof ignoreCase !== 'boolean') problems.push({ path: `${path}.ignoreCase`, problem: 'must be true or false' });
  let regex: RegExp;
  try {
    regex = new RegExp(source, ignoreCase === true ? 'iu' : 'u');
  } catch {
    problems.push({ path: `${path}.regex`, problem: 'is not a valid regular expression' });
    return undefined;
  }
  if (regex.test('')) problems.push({ path: `${path}.regex`, problem: 'matches the empty string' });
  return { name: typeof name === 'string' ? name : 'pattern', regex, score: score(raw['score'], `${path}.score`, problems, 0.5) };
}

/** Case-insensitive whole-word occurrences of the deny-list words (the engine checks the token edges). */
function listFinder(entries: readonly string[], listScore: number): (text: string) => Iterable<Candidate> {
  const lowered = [...new Set(entries.map((e) => e.toLowerCase()))];
  return function* find(text) {
    const t = text.toLowerCase();
    // toLowerCase keeps UTF-16 offsets for everything but a handful of characters (İ); skip the list then.
    if (t.length !== text.length) return;
    for (const w of lowered) {
      for (let i = t.indexOf(w); i !== -1; i = t.indexOf(w, i + w.length)) yield { start: i, end: i + w.length, score: listScore, pattern: 'deny-list' };
    }
  };
}

/** `protect: tokenize` or `protect: { operator: mask, params: { keepLast: 4 } }`; the operator's params are checked by contracts/. */
function protectSpec(v: unknown, path: string, problems: Problem[]): EntityHandling['protect'] {
  if (v === undefined) return undefined;
  const operator = typeof v === 'string' ? v : isObj(v) ? v['operator'] : undefined;
  const params = isObj(v) ? (v['params'] ?? {}) : {};
  if (isObj(v)) keys(v, ['operator', 'params'], path, problems);
  if (typeof operator !== 'string' || !ID.test(operator) || !isObj(params)) {
    problems.push({ path, problem: 'must be an operator name or { operator, params }' });
    return undefined;
  }
  return { operator, params };
}

function handlingOf(raw: Obj, path: string, problems: Problem[]): EntityHandling {
  const category = raw['category'] ?? 'direct';
  if (typeof category !== 'string' || !(CATEGORIES as readonly string[]).includes(category)) problems.push({ path: `${path}.category`, problem: `must be one of ${CATEGORIES.join(', ')}` });
  const classification = raw['classification'];
  if (classification !== undefined && (typeof classification !== 'string' || !(CLASSIFICATIONS as readonly string[]).includes(classification))) {
    problems.push({ path: `${path}.classification`, problem: `must be one of ${CLASSIFICATIONS.join(', ')}` });
  }
  const protect = protectSpec(raw['protect'], `${path}.protect`, problems);
  return {
    category: (CATEGORIES as readonly string[]).includes(category as string) ? (category as EntityHandling['category']) : 'direct',
    ...((CLASSIFICATIONS as readonly string[]).includes(classification as string) ? { classification: classification as EntityHandling['classification'] & string } : {}),
    ...(protect !== undefined ? { protect } : {}),
  };
}

/** Recognizers of one entity must not disagree on its handling; a field given once holds for all. */
function mergeHandling(byEntity: Map<string, { handling: EntityHandling; raw: Obj }>, entity: string, handling: EntityHandling, raw: Obj, path: string, problems: Problem[]): void {
  const prev = byEntity.get(entity);
  if (prev === undefined) {
    byEntity.set(entity, { handling, raw });
    return;
  }
  const merged: Record<string, unknown> = { ...prev.handling };
  for (const k of ['category', 'classification', 'protect'] as const) {
    if (raw[k] === undefined) continue;
    if (prev.raw[k] !== undefined && JSON.stringify(prev.handling[k]) !== JSON.stringify(handling[k])) {
      problems.push({ path: `${path}.${k}`, problem: `differs from another recognizer of ${entity}` });
    }
    merged[k] = handling[k];
  }
  byEntity.set(entity, { handling: merged as unknown as EntityHandling, raw: { ...prev.raw, ...raw } });
}

function recognizer(raw: unknown, path: string, problems: Problem[], seen: Set<string>): Recognizer | undefined {
  if (!isObj(raw)) {
    problems.push({ path, problem: 'must be a recognizer { name, entity, patterns?, ... }' });
    return undefined;
  }
  keys(raw, ['name', 'entity', 'patterns', 'context', 'validator', 'validScore', 'denyList', 'denyListScore', 'allowList', 'category', 'classification', 'protect'], path, problems);
  const name = raw['name'];
  if (typeof name !== 'string' || !ID.test(name)) problems.push({ path: `${path}.name`, problem: 'must be a lower-case name (a-z, 0-9, . _ -)' });
  else if (seen.has(name)) problems.push({ path: `${path}.name`, problem: `repeats ${JSON.stringify(name)}` });
  else seen.add(name);
  const entity = raw['entity'];
  if (typeof entity !== 'string' || !ENTITY_NAME.test(entity)) problems.push({ path: `${path}.entity`, problem: 'must be an entity name in capitals, such as EMPLOYEE_ID' });
  else if (isBuiltInEntity(entity) || (COLUMN_ENTITIES as readonly string[]).includes(entity)) {
    problems.push({ path: `${path}.entity`, problem: `${entity} is a built-in entity; a custom recognizer names a new one (such as EMPLOYEE_ID)` });
  }
  const rawPatterns = raw['patterns'] ?? [];
  const patterns: PatternRule[] = [];
  if (!Array.isArray(rawPatterns) || rawPatterns.length > MAX_PATTERNS) problems.push({ path: `${path}.patterns`, problem: `must be a list of at most ${MAX_PATTERNS} patterns` });
  else rawPatterns.forEach((p, i) => { const r = pattern(p, `${path}.patterns[${i}]`, problems); if (r) patterns.push(r); });
  const context = words(raw['context'], `${path}.context`, problems).map((w) => w.toLowerCase());
  const denyList = words(raw['denyList'], `${path}.denyList`, problems);
  const allow = new Set(words(raw['allowList'], `${path}.allowList`, problems).map((w) => w.toLowerCase()));
  if (patterns.length === 0 && denyList.length === 0 && Array.isArray(rawPatterns) && rawPatterns.length === 0) problems.push({ path, problem: 'needs patterns or a denyList' });
  const validatorName = raw['validator'];
  let validator;
  if (validatorName !== undefined) {
    validator = typeof validatorName === 'string' && Object.hasOwn(VALIDATORS_BY_NAME, validatorName) ? VALIDATORS_BY_NAME[validatorName] : undefined;
    if (validator === undefined) problems.push({ path: `${path}.validator`, problem: `must be one of ${Object.keys(VALIDATORS_BY_NAME).join(', ')}` });
  }
  const validScore = raw['validScore'] === undefined ? undefined : score(raw['validScore'], `${path}.validScore`, problems, 0.95);
  const listScore = score(raw['denyListScore'], `${path}.denyListScore`, problems, 1);
  if (typeof name !== 'string' || typeof entity !== 'string') return undefined;
  return {
    id: `custom:${name}`,
    // A custom entity name is outside the built-in union: everything after detection treats it as a string.
    entity: entity as Entity,
    patterns,
    ...(denyList.length > 0 ? { find: listFinder(denyList, listScore) } : {}),
    ...(context.length > 0 ? { context } : {}),
    ...(validator !== undefined ? { validator } : {}),
    ...(validScore !== undefined ? { validScore } : {}),
    ...(allow.size > 0 ? { deny: (text: string, start: number, end: number) => (allow.has(text.slice(start, end).toLowerCase()) ? 'allow list' : undefined) } : {}),
    handling: handlingOf(raw, path, problems),
  };
}

/**
 * Recognizers from a parsed recognizer file: `{ recognizers: [{ name, entity, patterns: [{ name,
 * regex, score, ignoreCase? }], context?, validator?, validScore?, denyList?, denyListScore?,
 * allowList?, category?, classification?, protect? }] }`, or a Presidio recognizer file (ad-hoc or
 * registry, snake_case keys; presidio-format.ts). Throws ERR_RECOGNIZERS_INVALID listing
 * every problem with its path. Recognizers of one entity share its handling.
 *
 * @example
 * ```ts
 * const custom = parseRecognizers({ recognizers: [{ name: 'employee-id', entity: 'EMPLOYEE_ID',
 *   patterns: [{ name: 'emp', regex: 'EMP-\\d{6}', score: 0.6 }], context: ['employee'] }] });
 * analyze(text, [...DEFAULT_RECOGNIZERS, ...custom]);
 * ```
 */
export function parseRecognizers(file: unknown): Recognizer[] {
  // A file written for Presidio is read in its own terms first (presidio-format.ts).
  const { doc, problems: presidio } = presidioToCordon(file);
  const problems: Problem[] = [...presidio];
  const out: Recognizer[] = [];
  if (!isObj(doc) || !Array.isArray(doc['recognizers'])) {
    problems.push({ path: 'recognizers', problem: 'the file must hold { recognizers: [ ... ] }' });
  } else {
    keys(doc, ['recognizers'], '', problems);
    const list = doc['recognizers'] as unknown[];
    if (list.length > MAX_RECOGNIZERS) problems.push({ path: 'recognizers', problem: `holds more than ${MAX_RECOGNIZERS} recognizers` });
    const seen = new Set<string>();
    const byEntity = new Map<string, { handling: EntityHandling; raw: Obj }>();
    list.slice(0, MAX_RECOGNIZERS).forEach((r, i) => {
      const x = recognizer(r, `recognizers[${i}]`, problems, seen);
      if (x) {
        out.push(x);
        mergeHandling(byEntity, x.entity, x.handling!, r as Obj, `recognizers[${i}]`, problems);
      }
    });
    out.forEach((x, i) => { out[i] = { ...x, handling: byEntity.get(x.entity)!.handling }; });
  }
  if (problems.length > 0) {
    throw new CordonError('ERR_RECOGNIZERS_INVALID', `invalid recognizer file: ${problems.slice(0, 5).map((p) => `${p.path.replace(/^\./, '')} ${p.problem}`).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`, { details: { problems: problems.length, first: problems[0]!.path } });
  }
  return out;
}
