// text: protects free text (notes, messages, transcripts) span by span. The detector, handed in as
// ctx.findSpans by the pipeline (this folder never imports detect/), finds the sensitive spans; each
// one is replaced, left to right, by the output of the operator its entity is mapped to, and the
// text around the spans is kept. Detection decides what is protected, so a span the detector misses
// is left in clear: the output is only as good as the recognizers (docs/operators.md).
//
// Not reversible as a whole: the text between spans passes through, redacted and masked spans are
// gone for good, and there is no record of where the spans were. Spans protected with
// `deterministic`, `fpe` or `encrypt` can still be opened one by one by whoever holds the key.
import { checkWellFormed, CordonError } from '../../errors.js';
import type { Operator, OperatorContext } from '../types.js';
import { invalid, paramObject } from '../params.js';
import { keep } from './keep.js';
import { redact, type RedactParams } from './redact.js';
import { mask } from './mask.js';
import { hash } from './hash.js';
import { deterministic } from './deterministic.js';
import { fpe } from './fpe.js';
import { generalize } from './generalize.js';
import { dateShift } from './date-shift.js';
import { encrypt } from './encrypt.js';

/** The operators a span may get. Imported one by one, not from registry.ts, which imports this file. */
const SPAN_OPERATORS = {
  keep, redact, mask, hash, deterministic, fpe, generalize, 'date-shift': dateShift, encrypt,
} as const satisfies Record<string, Operator<unknown>>;

export type SpanOperatorName = keyof typeof SPAN_OPERATORS;

/** Operators a span may not get, and why. */
const REFUSED: Readonly<Record<string, string>> = {
  drop: 'would delete the span without a trace; use redact',
  text: 'cannot be nested',
  tokenize: 'needs the token vault, which the text operator does not reach; use deterministic for spans that must stay joinable and reversible',
};

/** Default score a span needs: the detector's own default (detect/analyze.ts DEFAULT_THRESHOLD). */
export const TEXT_DEFAULT_THRESHOLD = 0.5;

const ENTITY_RE = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * One span operator with its parsed params. For `redact`, `entity: null` means "the span's entity"
 * (`<PERSON_1>`), and `indexed` defaults to true so a name gets the same placeholder everywhere in
 * the record.
 */
export interface TextRule {
  readonly operator: SpanOperatorName;
  readonly params: unknown;
}

export interface TextParams {
  /** For entities not in `entities` or `keep`. Default `redact` (indexed, labelled with the entity). */
  readonly default: TextRule;
  /** Entity → its span operator. */
  readonly entities: ReadonlyMap<string, TextRule>;
  /** Entities left as they are. */
  readonly keep: ReadonlySet<string>;
  /** Spans scoring below this are left as they are. Default 0.5. */
  readonly threshold: number;
  /** Detection profile the spans are found under (`hipaa`, `pci`, …); undefined: the default. */
  readonly profile?: string;
}

function ruleOf(raw: unknown, path: string): TextRule {
  let name: unknown = raw;
  let rawParams: unknown;
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const o = raw as Record<string, unknown>;
    for (const k of Object.keys(o)) if (k !== 'operator' && k !== 'params') throw invalid('text', path, `has unknown key ${JSON.stringify(k)} (expected operator, params)`);
    name = o['operator'];
    rawParams = o['params'];
  }
  if (typeof name !== 'string') throw invalid('text', path, 'must be an operator name or { operator, params }');
  if (Object.hasOwn(REFUSED, name)) throw invalid('text', path, `cannot be ${name}: ${name} ${REFUSED[name]}`);
  if (!Object.hasOwn(SPAN_OPERATORS, name)) throw invalid('text', path, `names unknown operator ${JSON.stringify(name)} (expected one of ${Object.keys(SPAN_OPERATORS).join(', ')})`);
  const operator = name as SpanOperatorName;
  let params: unknown;
  try {
    params = (SPAN_OPERATORS[operator] as Operator<unknown>).parseParams(rawParams);
  } catch (e) {
    if (e instanceof CordonError) throw invalid('text', path, `is invalid: ${e.message}`);
    throw e;
  }
  if (operator === 'redact') {
    const given = (rawParams ?? {}) as Record<string, unknown>;
    const r = params as RedactParams;
    params = { entity: given['entity'] === undefined ? null : r.entity, indexed: given['indexed'] === undefined ? true : r.indexed };
  }
  return { operator, params };
}

function entityName(name: string, path: string, known: readonly string[] | undefined): string {
  if (!ENTITY_RE.test(name)) throw invalid('text', path, 'must be an entity name such as PERSON');
  if (known !== undefined && !known.includes(name)) throw invalid('text', path, `is not an entity the detector finds (expected one of ${known.join(', ')})`);
  return name;
}

/**
 * Parses `text` params. `entities` lists the entity names the detector knows and `profiles` its
 * detection profiles; the contracts layer passes both (transform/ does not import detect/), and
 * without them only the shape of names is checked.
 *
 * @example
 * ```ts
 * parseTextParams({ entities: { EMAIL_ADDRESS: 'deterministic' }, keep: ['DATE_TIME'], profile: 'hipaa' }, { entities: ENTITIES, profiles: PROFILE_NAMES });
 * ```
 */
export function parseTextParams(raw: unknown, options: { entities?: readonly string[]; profiles?: readonly string[] } = {}): TextParams {
  const o = paramObject('text', raw, ['default', 'entities', 'keep', 'threshold', 'profile']);
  const def = o['default'] === undefined ? ruleOf('redact', 'default') : ruleOf(o['default'], 'default');
  const entities = new Map<string, TextRule>();
  const rawEntities = o['entities'];
  if (rawEntities !== undefined) {
    if (typeof rawEntities !== 'object' || rawEntities === null || Array.isArray(rawEntities)) throw invalid('text', 'entities', 'must be a map of entity names to operators');
    for (const [k, v] of Object.entries(rawEntities)) entities.set(entityName(k, `entities.${k}`, options.entities), ruleOf(v, `entities.${k}`));
  }
  const keepList = new Set<string>();
  const rawKeep = o['keep'];
  if (rawKeep !== undefined) {
    if (!Array.isArray(rawKeep)) throw invalid('text', 'keep', 'must be a list of entity names');
    for (const k of rawKeep as unknown[]) {
      if (typeof k !== 'string') throw invalid('text', 'keep', 'must be a list of entity names');
      entityName(k, 'keep', options.entities);
      if (entities.has(k)) throw invalid('text', 'keep', `lists ${k}, which entities maps to an operator`);
      keepList.add(k);
    }
  }
  const threshold = o['threshold'] ?? TEXT_DEFAULT_THRESHOLD;
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) throw invalid('text', 'threshold', 'must be a number in [0, 1]');
  const profile = o['profile'];
  if (profile !== undefined) {
    if (typeof profile !== 'string' || !/^[a-z][a-z0-9-]{0,31}$/.test(profile)) throw invalid('text', 'profile', 'must be a profile name such as hipaa');
    if (options.profiles !== undefined && !options.profiles.includes(profile)) throw invalid('text', 'profile', `is not a detection profile (expected one of ${options.profiles.join(', ')})`);
  }
  return { default: def, entities, keep: keepList, threshold, ...(profile !== undefined ? { profile: profile as string } : {}) };
}

/** The span operators `params` may use, for key loading (`hash` needs the `mac` key, …). */
export function textSpanOperators(params: TextParams): SpanOperatorName[] {
  return [...new Set([params.default.operator, ...[...params.entities.values()].map((r) => r.operator)])];
}

/**
 * One span's replacement. A span its operator cannot take (fpe outside its alphabet, a date-shift
 * span that is not a date) or drops becomes the typed placeholder `<ENTITY>`: never the span.
 */
function replaceSpan(span: string, entity: string, rule: TextRule, ctx: OperatorContext): string {
  let out: string | null;
  try {
    if (rule.operator === 'redact') {
      const p = rule.params as { entity: string | null; indexed: boolean };
      out = redact.apply(span, { entity: p.entity ?? entity, indexed: p.indexed }, ctx);
    } else {
      out = (SPAN_OPERATORS[rule.operator] as Operator<unknown>).apply(span, rule.params, ctx);
    }
  } catch (e) {
    if (e instanceof CordonError && (e.code === 'ERR_INPUT_INVALID' || e.code === 'ERR_FPE_DOMAIN')) return `<${entity}>`;
    throw e;
  }
  return out ?? `<${entity}>`;
}

/**
 * @example
 * ```ts
 * const p = text.parseParams({ entities: { CREDIT_CARD: { operator: 'mask', params: { keepLast: 4 } } } });
 * text.apply('Ann paid with 4111 1111 1111 1111', p, { ...ctx, findSpans });
 * // '<PERSON_1> paid with ***************1111'
 * ```
 */
export const text: Operator<TextParams> = {
  name: 'text',
  reversible: false,
  parseParams: (raw) => parseTextParams(raw),
  apply(value, params, ctx) {
    if (ctx.findSpans === undefined) throw new TypeError('text: needs ctx.findSpans (the pipeline supplies the detector)');
    // The text between spans passes through: a lone surrogate there would be written out as U+FFFD.
    checkWellFormed(value, 'text: the value', { operator: 'text' });
    const spans = ctx.findSpans(value)
      .filter((s) => s.score >= params.threshold)
      .sort((a, b) => a.start - b.start || b.end - a.end);
    // Indexed placeholders need a per-record map; without one, numbering is per value.
    const inner: OperatorContext = ctx.placeholders === undefined ? { ...ctx, placeholders: new Map() } : ctx;
    let out = '';
    let pos = 0;
    for (const s of spans) {
      if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end <= value.length)) {
        throw new TypeError('text: findSpans returned a span outside the value');
      }
      // Spans are taken left to right; the part of a span that overlaps the previous one is already
      // replaced, and only its remainder is protected (a well-behaved detector returns no overlaps).
      const start = Math.max(s.start, pos);
      if (s.end <= start) continue;
      out += value.slice(pos, start);
      const span = value.slice(start, s.end);
      if (params.keep.has(s.entity)) out += span;
      else out += replaceSpan(span, s.entity, params.entities.get(s.entity) ?? params.default, inner);
      pos = s.end;
    }
    return out + value.slice(pos);
  },
};
