// redact: replaces the value with a typed placeholder (`<PERSON>`), or with an indexed one
// (`<PERSON_1>`, `<PERSON_2>`) that stays the same for equal values within one record, so a reader
// (or a model) can still tell that two mentions are the same person. Not reversible.
import type { Operator, PlaceholderIndex } from '../types.js';
import { boolParam, invalid, paramObject } from '../params.js';

export interface RedactParams {
  /** Placeholder label: upper-case letters, digits and `_`, starting with a letter. Default `REDACTED`. */
  readonly entity: string;
  /** Number equal values per record (`<PERSON_1>`); needs `ctx.placeholders`. Default false. */
  readonly indexed: boolean;
}

/**
 * The index of `value` among `entity` values seen so far in `seen` (1-based), assigning the next one
 * to a new value.
 *
 * @example
 * ```ts
 * const seen: PlaceholderIndex = new Map();
 * placeholderIndex(seen, 'PERSON', 'Ann'); // 1
 * placeholderIndex(seen, 'PERSON', 'Bob'); // 2
 * placeholderIndex(seen, 'PERSON', 'Ann'); // 1
 * ```
 */
export function placeholderIndex(seen: PlaceholderIndex, entity: string, value: string): number {
  let values = seen.get(entity);
  if (values === undefined) {
    values = new Map();
    seen.set(entity, values);
  }
  let i = values.get(value);
  if (i === undefined) {
    i = values.size + 1;
    values.set(value, i);
  }
  return i;
}

export const redact: Operator<RedactParams> = {
  name: 'redact',
  reversible: false,
  parseParams(raw) {
    const o = paramObject('redact', raw, ['entity', 'indexed']);
    const entity = o['entity'] ?? 'REDACTED';
    if (typeof entity !== 'string' || !/^[A-Z][A-Z0-9_]{0,63}$/.test(entity)) {
      throw invalid('redact', 'entity', 'must be 1–64 upper-case letters, digits or _, starting with a letter');
    }
    return { entity, indexed: boolParam('redact', o, 'indexed', false) };
  },
  apply(value, params, ctx) {
    if (!params.indexed) return `<${params.entity}>`;
    if (ctx.placeholders === undefined) throw new TypeError('redact: indexed placeholders need ctx.placeholders (one Map per record)');
    return `<${params.entity}_${placeholderIndex(ctx.placeholders, params.entity, value)}>`;
  },
};
