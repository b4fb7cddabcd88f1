// The custom entities among a list of recognizers, with their handling (category, classification,
// operator): what the column classifier, protect's undeclared-data check, profiles and `contract
// init` read to treat a custom entity like a built-in one. Cached per list: call it freely.
import { isBuiltInEntity, type EntityHandling, type Recognizer } from '../types.js';

const cache = new WeakMap<readonly Recognizer[], ReadonlyMap<string, EntityHandling>>();
const NONE: ReadonlyMap<string, EntityHandling> = new Map();

/**
 * @example
 * ```ts
 * customEntities([...DEFAULT_RECOGNIZERS, ...parseRecognizers(doc)]).get('EMPLOYEE_ID') // → { category: 'direct', ... }
 * ```
 */
export function customEntities(recognizers: readonly Recognizer[]): ReadonlyMap<string, EntityHandling> {
  let out = cache.get(recognizers);
  if (out === undefined) {
    const m = new Map<string, EntityHandling>();
    // A custom entity without handling (a Recognizer built in code) is direct: fail closed.
    for (const r of recognizers) if (!isBuiltInEntity(r.entity) && !m.has(r.entity)) m.set(r.entity, r.handling ?? { category: 'direct' });
    out = m.size === 0 ? NONE : m;
    cache.set(recognizers, out);
  }
  return out;
}
