// The value-level test that `protect` applies to a column its contract calls public or internal, as
// one function, so that the column classifier (behind `scan` and `contract init`) applies the same
// test to the values it samples: a column is never drafted as harmless when a sampled value holds
// what protect would refuse. Pure.
import { analyze } from '../analyze.js';
import { customEntities } from '../custom/custom-entities.js';
import { ENTITIES, type Entity, type Recognizer } from '../types.js';
import { ENTITY_CATEGORY } from './categories.js';

/** Entity kinds that may not sit unannounced in a public or internal column: direct identifiers, special-category data, secrets. */
export const UNDECLARED_ENTITIES: readonly Entity[] = ENTITIES.filter((e) => {
  const c = ENTITY_CATEGORY[e];
  return c === 'direct' || c === 'sensitive' || c === 'secret';
});

const withCustom = new WeakMap<readonly Recognizer[], readonly Entity[]>();

/**
 * UNDECLARED_ENTITIES plus the custom entities among `recognizers` whose category is direct,
 * sensitive or secret: a custom entity counts exactly as a built-in one of its category.
 */
export function undeclaredEntityList(recognizers: readonly Recognizer[]): readonly Entity[] {
  let out = withCustom.get(recognizers);
  if (out === undefined) {
    const custom = [...customEntities(recognizers)].filter(([, h]) => h.category === 'direct' || h.category === 'sensitive' || h.category === 'secret').map(([e]) => e as Entity);
    out = custom.length === 0 ? UNDECLARED_ENTITIES : [...UNDECLARED_ENTITIES, ...custom];
    withCustom.set(recognizers, out);
  }
  return out;
}

/**
 * Score a finding needs to count as undeclared personal data. Above the detector's default (0.5) so
 * a lone word that is also a common first name ("Jackson", "Madison") in a city or product column
 * does not stop a run; a full name, an e-mail, a valid card or SSN scores well above it.
 */
export const UNDECLARED_THRESHOLD = 0.6;

/** Base score below which a pattern is only a shape (classify-column.ts counts it as compatible, not proof). */
const WEAK_BASE = 0.3;

/** Short numbers (ids, counts, amounts) hold none of these entities: the first findings on random digit strings start at 7 digits (phone numbers). */
const SHORT_NUMBER = /^[+-]?\d{1,6}(?:\.\d{1,6})?$/;

/**
 * The undeclared-data entities in one value, other than `own` (the column's declared entity).
 *
 * @example
 * ```ts
 * undeclaredEntities('mail wei.chen@example.com', DEFAULT_RECOGNIZERS) // → ['EMAIL_ADDRESS']
 * ```
 */
export function undeclaredEntities(value: string, recognizers: readonly Recognizer[], own?: string | null): Entity[] {
  return undeclaredEvidence(value, recognizers, own).entities;
}

/** A word of the value's own: two letters, apart from the findings by spaces ("cb", "verified"; not "EMP" of "EMP-…"). */
const WORD = /\p{L}{2}/u;

/**
 * undeclaredEntities, and whether they sit inside text: the value keeps a word of two letters or more,
 * separated from their findings by white space ("cb 555-201-0193", "ssn 536-22-1234 verified"),
 * rather than being the entity itself ("ana@example.com") or an identifier around it ("EMP-…").
 * A column of short notes where a few values hold entities is text to redact in place, not values to
 * replace whole.
 */
export function undeclaredEvidence(value: string, recognizers: readonly Recognizer[], own?: string | null): { readonly entities: Entity[]; readonly embedded: boolean } {
  if (SHORT_NUMBER.test(value)) return { entities: [], embedded: false };
  const found = new Set<Entity>();
  let rest = '';
  let at = 0;
  for (const f of analyze(value, recognizers, { entities: undeclaredEntityList(recognizers), threshold: UNDECLARED_THRESHOLD })) {
    // As in the column classifier, a weak pattern (nine bare digits for an SSN) only shows a value is
    // compatible; it proves the entity with a context word beside it, never alone.
    if (f.explanation.baseScore < WEAK_BASE && f.explanation.contextBoost === 0) continue;
    if (f.entity === own) continue;
    found.add(f.entity);
    // NUL stands for the finding, so a word touching it ("EMP-" + id) is part of the same token.
    if (f.start >= at) rest += value.slice(at, f.start) + '\u0000';
    at = Math.max(at, f.end);
  }
  if (found.size === 0) return { entities: [], embedded: false };
  rest += value.slice(at);
  return { entities: [...found], embedded: rest.split(/\s+/).some((w) => !w.includes('\u0000') && WORD.test(w)) };
}
