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
  if (SHORT_NUMBER.test(value)) return [];
  const found = new Set<Entity>();
  for (const f of analyze(value, recognizers, { entities: undeclaredEntityList(recognizers), threshold: UNDECLARED_THRESHOLD })) {
    // As in the column classifier, a weak pattern (nine bare digits for an SSN) only shows a value is
    // compatible; it proves the entity with a context word beside it, never alone.
    if (f.explanation.baseScore < WEAK_BASE && f.explanation.contextBoost === 0) continue;
    if (f.entity !== own) found.add(f.entity);
  }
  return [...found];
}
