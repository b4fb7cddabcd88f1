// Decides what one column holds from its name and a sample of its values. Values decide; the name
// is a hint that raises confidence, breaks ties between plausible readings, and decides only when
// the values are compatible with it but prove nothing (three-digit numbers named cvv). A name never
// overrides values that contradict it: a column named ssn whose values fail the SSN rules is not
// US_SSN, and sixteen-digit numbers that fail Luhn are not card numbers whatever the column is called.
// Pure and synchronous; never returns or explains a value.
import { analyze } from '../analyze.js';
import { undeclaredEvidence } from './value-evidence.js';
import { customEntities } from '../custom/custom-entities.js';
import type { Entity, EntityHandling, Recognizer } from '../types.js';
import { CATEGORY_SEVERITY, ENTITY_CATEGORY, classificationOf, entityCategory, entityClassification, maxClassification, mostSevere } from './categories.js';
import { normalizeColumnName } from './column-name.js';
import { COLUMN_TYPES, recognizerRow, type ColumnType } from './column-types.js';
import { words } from './shapes.js';
import type { Category, Classification, ColumnClassification, ColumnEntity, ColumnExplanation } from './types.js';

export interface ClassifyColumnOptions {
  /** The text recognizers (usually DEFAULT_RECOGNIZERS from detect/registry.ts). */
  readonly recognizers: readonly Recognizer[];
  /** Column types (default COLUMN_TYPES). */
  readonly types?: readonly ColumnType[];
  /** Values are cut to this many characters before analysis (default 100,000). */
  readonly maxValueLength?: number;
}

/** Spellings of "no value" in exported data. */
const NULL_TOKENS = new Set(['null', 'none', 'nil', 'n/a', 'na', 'nan', '\\n', '-', '--', 'undefined', '#n/a']);
/** Support a strict type needs when the name also suggests it. */
const HINTED_MIN_SHARE = 0.5;
/** Support a loose (name-decided) type needs. */
const LOOSE_MIN_SHARE = 0.8;
const LOOSE_SCORE = 0.65;
const NAME_BONUS = 0.08;
/** A value-proven type this sure, not generic, beats a name-decided one. */
const OVERRIDE_CONFIDENCE = 0.9;
/** Strict support that lets a specific type refine a generic winner. */
const NEAR_MISS_SHARE = 0.5;

interface WholeMatch { readonly score: number; readonly base: number }

interface ValueInfo {
  readonly count: number;
  /** Entities whose findings cover the whole value, with the best score. */
  readonly whole: ReadonlyMap<Entity, WholeMatch>;
  /** Entities found anywhere in the value at the default threshold (for free text). */
  readonly inside: ReadonlySet<Entity>;
}

interface Candidate {
  readonly type: ColumnType;
  readonly confidence: number;
  readonly share: number;
  readonly hinted: boolean;
  readonly basis: 'values' | 'values+name' | 'name';
  readonly order: number;
  /** False for a near miss: enough strict support to refine a generic winner, not to win alone. */
  readonly accepted: boolean;
}

const round = (x: number, p = 3): number => Math.round(x * 10 ** p) / 10 ** p;

function isEmpty(v: string): boolean {
  return v === '' || NULL_TOKENS.has(v.toLowerCase());
}

/** Findings cover the whole value when what they leave uncovered holds no letters or digits. */
function wholeMatches(value: string, recognizers: readonly Recognizer[]): { whole: Map<Entity, WholeMatch>; inside: Set<Entity> } {
  const findings = analyze(value, recognizers, { threshold: 0 });
  const whole = new Map<Entity, WholeMatch>();
  const inside = new Set<Entity>();
  const byEntity = new Map<Entity, typeof findings>();
  for (const f of findings) {
    if (f.score >= 0.5) inside.add(f.entity);
    const list = byEntity.get(f.entity) ?? [];
    list.push(f);
    byEntity.set(f.entity, list);
  }
  for (const [entity, list] of byEntity) {
    let rest = '';
    let at = 0;
    for (const f of list) { rest += value.slice(at, f.start); at = Math.max(at, f.end); }
    rest += value.slice(at);
    if (/[\p{L}\p{N}]/u.test(rest)) continue;
    const best = list.reduce((a, b) => (b.score > a.score ? b : a));
    whole.set(entity, { score: best.score, base: best.explanation.baseScore });
  }
  return { whole, inside };
}

/** Values backing a weak name hint: share containing the row's entities anywhere, or passing `strict`. */
const WEAK_HINT_SHARE = 0.3;

function nameMatch(type: ColumnType, normalized: string): 'strong' | 'weak' | undefined {
  if ((type.notNames ?? []).some((re) => re.test(normalized))) return undefined;
  if ((type.names ?? []).some((re) => re.test(normalized))) return 'strong';
  return (type.weakNames ?? []).some((re) => re.test(normalized)) ? 'weak' : undefined;
}

function nameHints(type: ColumnType, normalized: string, values: ReadonlyMap<string, ValueInfo>, n: number): boolean {
  const match = nameMatch(type, normalized);
  if (match !== 'weak') return match === 'strong';
  let backed = 0;
  for (const [v, info] of values) {
    if ((type.recognizers ?? []).some((e) => info.inside.has(e)) || type.strict?.(v) === true) backed += info.count;
  }
  return backed / n >= WEAK_HINT_SHARE;
}

function categoryOf(type: ColumnType): Category {
  return type.category ?? (type.entity === null ? 'none' : ENTITY_CATEGORY[type.entity]);
}

/** Scores one type against the sampled values; undefined when the evidence is not enough. */
function score(type: ColumnType, order: number, values: ReadonlyMap<string, ValueInfo>, n: number, distinct: number, hinted: boolean): Candidate | undefined {
  let strict = 0;
  let strictScores = 0;
  let loose = 0;
  // Without a name hint only strict evidence counts: skip loose tests, and stop once the type can
  // no longer reach its share.
  const maxMisses = hinted ? n : n * (1 - Math.min(type.minShare ?? 0.8, NEAR_MISS_SHARE));
  if (!hinted && type.strict === undefined && (type.recognizers ?? []).length === 0) return undefined;
  let misses = 0;
  for (const [v, info] of values) {
    let rec: WholeMatch | undefined;
    for (const e of type.recognizers ?? []) {
      const m = info.whole.get(e);
      if (m !== undefined && (rec === undefined || m.score > rec.score)) rec = m;
    }
    // A finding from a specific pattern (base ≥ 0.3) that scores ≥ 0.5 is proof; weaker ones (bare
    // nine digits for an SSN, five digits for a ZIP) only show the value is compatible.
    const strongRec = rec !== undefined && rec.score >= 0.5 && rec.base >= 0.3;
    const shape = type.strict?.(v) === true;
    if (strongRec || shape) {
      strict += info.count;
      strictScores += info.count * Math.max(strongRec ? rec!.score : 0, shape ? (type.strictScore ?? 0.85) : 0);
      loose += info.count;
    } else {
      if (hinted && (rec !== undefined || type.loose?.(v) === true || (type.looseRecognizers ?? []).some((e) => info.whole.has(e)))) loose += info.count;
      misses += info.count;
      if (misses > maxMisses) return undefined;
    }
  }
  const strictShare = strict / n;
  const looseShare = loose / n;
  const strictOk = strict > 0 && strictShare >= (hinted ? HINTED_MIN_SHARE : (type.minShare ?? 0.8));
  const looseOk = hinted && looseShare >= LOOSE_MIN_SHARE && !(type.needsVariety && n >= 20 && distinct <= 2);
  let best: Candidate | undefined;
  if (strictOk) {
    const mean = strictScores / strict;
    // Many values agreeing is stronger evidence than one: lift the mean toward 1 with the support.
    const lifted = mean + (1 - mean) * 0.5 * strictShare * Math.min(1, strict / 5);
    const confidence = Math.min(0.99, lifted * (0.75 + 0.25 * strictShare) + (hinted ? NAME_BONUS : 0));
    best = { type, confidence, share: strictShare, hinted, basis: hinted ? 'values+name' : 'values', order, accepted: true };
  } else if (strict > 0 && strictShare >= NEAR_MISS_SHARE) {
    best = { type, confidence: 0, share: strictShare, hinted, basis: hinted ? 'values+name' : 'values', order, accepted: false };
  }
  if (looseOk) {
    // Compatible values under a matching name; values that also prove the type add to it.
    const confidence = Math.min(0.95, LOOSE_SCORE * (0.75 + 0.25 * looseShare) + NAME_BONUS + 0.2 * strictShare);
    if (best === undefined || confidence > best.confidence) {
      best = { type, confidence, share: looseShare, hinted, basis: strictOk ? 'values+name' : 'name', order, accepted: true };
    }
  }
  return best;
}

function byStrength(a: Candidate, b: Candidate): number {
  return b.confidence - a.confidence || b.share - a.share || a.order - b.order;
}

/**
 * A generic winner (NATIONAL_ID) gives way to a specific type with about the same strict support,
 * even one short of its own threshold: 75% valid SSNs are US_SSN, not some national id.
 */
function preferSpecific(best: Candidate, all: readonly Candidate[]): Candidate {
  if (!best.type.generic) return best;
  // When the name decided the generic winner, a specific type the same name suggests and the values fit
  // as well may refine it (a passport column of US passport numbers); otherwise values must prove it.
  const specific = all.filter((c) => c !== best && !c.type.generic && c.type.entity !== null && (c.basis !== 'name' || (best.basis === 'name' && c.accepted)) && c.share >= best.share - 0.05)
    .sort((a, b) => b.share - a.share || a.order - b.order)[0];
  if (specific === undefined) return best;
  return specific.accepted ? specific : { ...specific, confidence: best.confidence, accepted: true };
}

function choose(candidates: readonly Candidate[]): Candidate | undefined {
  const accepted = candidates.filter((c) => c.accepted);
  const hinted = accepted.filter((c) => c.hinted).sort(byStrength);
  const unhinted = accepted.filter((c) => !c.hinted).sort(byStrength);
  const byValues = unhinted[0] === undefined ? undefined : preferSpecific(unhinted[0], candidates);
  const byName = hinted[0];
  if (byName === undefined) return byValues;
  // The values prove something else than the name suggests: they win, unless the name points at
  // something more severe (a "token" column of UUIDs is still a secret), or the name only narrows
  // what the values are (a birth_date column of timestamps: dates the name says are births).
  if (byValues !== undefined && byName.basis === 'name' && byValues.confidence >= OVERRIDE_CONFIDENCE && byValues.share >= 0.8
    && !byValues.type.generic && byValues.type.entity !== byName.type.entity
    && !(byValues.type.entity !== null && (byName.type.looseRecognizers ?? []).includes(byValues.type.entity as Entity))
    && CATEGORY_SEVERITY.indexOf(categoryOf(byValues.type)) <= CATEGORY_SEVERITY.indexOf(categoryOf(byName.type))) {
    return byValues;
  }
  // A generic name (tax_id, national_id) gives way to a specific type the values prove, hinted or not:
  // a tax-id column of valid SSNs is US_SSN.
  return preferSpecific(byName, candidates);
}

interface Profile { readonly avgLength: number; readonly proseShare: number }

function profile(values: ReadonlyMap<string, ValueInfo>, n: number): Profile {
  let length = 0;
  let prose = 0;
  for (const [v, info] of values) {
    length += v.length * info.count;
    if (words(v).length >= 5) prose += info.count;
  }
  return { avgLength: length / n, proseShare: prose / n };
}

/**
 * Classifies one column from its name and sampled values.
 *
 * @example
 * ```ts
 * classifyColumn('x7', ['536-22-1234', '078-05-1120'], { recognizers: DEFAULT_RECOGNIZERS })
 * // → { name: 'x7', entity: 'US_SSN', category: 'direct', classification: 'restricted', ... }
 * ```
 */
export function classifyColumn(name: string, values: readonly (string | null | undefined)[], options: ClassifyColumnOptions): ColumnClassification {
  const sample = sampleCounts(values, options.maxValueLength ?? 100_000);
  const custom = customEntities(options.recognizers);
  const verdict = decide(name, values.length, sample, options, custom);
  return verdict.classification === 'public' || verdict.classification === 'internal' ? withUndeclared(verdict, sample, options.recognizers, custom) : verdict;
}

const customRowCache = new WeakMap<readonly Recognizer[], ReadonlyMap<string, ColumnType>>();

/**
 * Column rows for custom entities: the entity's category, and its recognizers' context words as name
 * hints (in a column named employee_ref, values the pattern matches weakly count). A row joins the
 * candidates only when some sampled value matches the entity whole, so a name alone never decides.
 */
function customRows(recognizers: readonly Recognizer[], custom: ReadonlyMap<string, EntityHandling>): ReadonlyMap<string, ColumnType> {
  let rows = customRowCache.get(recognizers);
  if (rows === undefined) {
    const m = new Map<string, ColumnType>();
    for (const [entity, handling] of custom) {
      const words = recognizers.filter((r) => r.entity === entity).flatMap((r) => r.context ?? []).map(normalizeColumnName).filter((w) => w !== '');
      const escaped = [...new Set(words)].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      m.set(entity, {
        ...recognizerRow(entity as Entity), category: handling.category,
        ...(escaped.length > 0 ? { names: [new RegExp(`(?:^|_)(?:${escaped.join('|')})(?:_|$)`)] } : {}),
      });
    }
    customRowCache.set(recognizers, (rows = m));
  }
  return rows;
}

interface Sample { readonly counts: ReadonlyMap<string, number>; readonly n: number }

/** Distinct non-empty values (trimmed, cut to maxLength) and how often each occurs. */
function sampleCounts(values: readonly (string | null | undefined)[], maxLength: number): Sample {
  const counts = new Map<string, number>();
  let n = 0;
  for (const raw of values) {
    if (raw === null || raw === undefined) continue;
    const v = raw.trim();
    if (isEmpty(v)) continue;
    n++;
    const cut = v.length > maxLength ? v.slice(0, maxLength) : v;
    counts.set(cut, (counts.get(cut) ?? 0) + 1);
  }
  return { counts, n };
}

/**
 * The one decision shared with protect: a column drafted public or internal is checked value by
 * value by protect (undeclaredEntities). When a sampled value already fails that check, the column
 * is not harmless: it takes the entity found, with the share of values that hold it, so the draft
 * declares what protect would otherwise refuse. When most of those values hold the entities inside
 * words of their own (short notes: "cb 555-201-0193", "ssn 536-22-1234 verified"), the column is
 * free text, redacted in place by the `text` operator rather than replaced whole.
 */
function withUndeclared(verdict0: ColumnClassification, sample: Sample, recognizers: readonly Recognizer[], custom: ReadonlyMap<string, EntityHandling>): ColumnClassification {
  const rows = new Map<Entity, number>();
  let holding = 0;
  let embedded = 0;
  for (const [v, count] of sample.counts) {
    const evidence = undeclaredEvidence(v, recognizers, verdict0.entity);
    for (const e of evidence.entities) rows.set(e, (rows.get(e) ?? 0) + count);
    if (evidence.entities.length > 0) holding += count;
    if (evidence.embedded) embedded += count;
  }
  const verdict: ColumnClassification = holding > 0 && embedded * 2 > holding && !verdict0.freeText && verdict0.entity === null ? { ...verdict0, freeText: true } : verdict0;
  const cat = (e: string): Category => entityCategory(e, custom);
  const top = [...rows.entries()].sort((a, b) => b[1] - a[1] || CATEGORY_SEVERITY.indexOf(cat(a[0])) - CATEGORY_SEVERITY.indexOf(cat(b[0])) || a[0].localeCompare(b[0]))[0];
  if (top === undefined) return verdict;
  const [entity, count] = top;
  const category = mostSevere([...rows.keys()].map(cat));
  // At least confidential: protect refuses these entities in a public or internal column, whatever a custom entity's own classification says.
  let classification: Classification = 'internal';
  for (const e of rows.keys()) classification = maxClassification(classification, maxClassification('confidential', entityClassification(e, custom)));
  const share = count / sample.n;
  return {
    ...verdict,
    entity: verdict.freeText && share < 0.9 ? verdict.entity : entity,
    confidence: round(0.5 + 0.45 * share, 2),
    textEntities: verdict.freeText ? [...new Set([...verdict.textEntities, ...rows.keys()])] : verdict.textEntities,
    classification,
    category,
    matchedShare: round(share),
    explanation: {
      ...verdict.explanation,
      type: verdict.explanation.type === 'none' ? `values:${entity}` : verdict.explanation.type,
      basis: verdict.freeText ? 'text' : 'values',
      ...(verdict.freeText ? { textEntityShares: { ...Object.fromEntries([...rows].map(([e, c]) => [e, round(c / sample.n)])), ...verdict.explanation.textEntityShares } } : {}),
      note: `${count} of ${sample.n} sampled values hold ${[...rows.keys()].join(', ')}: protect would refuse them in ${/^[aeiou]/.test(verdict.classification) ? 'an' : 'a'} ${verdict.classification} column`,
    },
  };
}

function decide(name: string, valueCount: number, sample: Sample, options: ClassifyColumnOptions, custom: ReadonlyMap<string, EntityHandling>): ColumnClassification {
  const types = options.types ?? COLUMN_TYPES;
  const normalized = normalizeColumnName(name);
  const { counts, n } = sample;
  const base = { values: valueCount, nonEmpty: n };

  if (n === 0) {
    const hintedTypes = types.filter((t) => nameMatch(t, normalized) !== undefined);
    const t = hintedTypes[0];
    if (t === undefined) return verdict(name, null, 0, 'none', 0, { type: 'none', basis: 'none', ...base, note: 'no values in the sample' });
    return verdict(name, t.entity, 0.3, categoryOf(t), 0, { type: t.id, basis: 'name', ...base, nameHint: t.entity, note: 'no values in the sample: from the column name only' });
  }

  const infos = new Map<string, ValueInfo>();
  const seen = new Set<Entity>();
  for (const [v, count] of counts) {
    const { whole, inside } = wholeMatches(v, options.recognizers);
    for (const e of whole.keys()) seen.add(e);
    infos.set(v, { count, whole, inside });
  }
  const hintedTypes = types.filter((t) => nameHints(t, normalized, infos, n));
  const nameHint = hintedTypes[0]?.entity;
  const covered = new Set(types.flatMap((t) => t.recognizers ?? []));
  const rows = customRows(options.recognizers, custom);
  const all = [...types, ...[...seen].filter((e) => !covered.has(e)).map((e) => rows.get(e) ?? recognizerRow(e))];

  // Rows added for what the values hold (custom entities) may be named too.
  const hinted = new Set([...hintedTypes, ...all.slice(types.length).filter((t) => nameHints(t, normalized, infos, n))]);
  const candidates: Candidate[] = [];
  all.forEach((t, i) => {
    const c = score(t, i, infos, n, counts.size, hinted.has(t));
    if (c !== undefined) candidates.push(c);
  });
  const winner = choose(candidates);

  const { avgLength, proseShare } = profile(infos, n);
  // Prose, unless a type proves the values structured (addresses, user agents); a type the name
  // decided (long personal names, job descriptions) yields only to clearly longer text.
  const prose = proseShare >= 0.5 && avgLength >= 25;
  const structured = winner !== undefined && (winner.basis !== 'name' ? winner.share >= 0.5 : proseShare < 0.8 || avgLength < 40);
  if (prose && !structured) {
    return freeText(name, infos, n, { ...base, ...(nameHint !== undefined ? { nameHint } : {}) }, custom);
  }

  if (winner === undefined) {
    const note = hintedTypes.length > 0 ? `the name suggests ${hintedTypes[0]!.entity ?? hintedTypes[0]!.id} but the values do not fit` : undefined;
    return verdict(name, null, hintedTypes.length > 0 ? 0.6 : 0.9, 'none', 0, {
      type: 'none', basis: 'none', ...base, ...(nameHint !== undefined ? { nameHint } : {}), ...(note ? { note } : {}),
    });
  }
  const t = winner.type;
  const contradicted = winner.basis === 'values' && hintedTypes.length > 0;
  const note = contradicted ? `the name suggests ${hintedTypes[0]!.entity ?? hintedTypes[0]!.id}; the values decide` : (winner.basis === 'name' ? t.nameNote : undefined) ?? t.note;
  const category = (winner.basis === 'name' ? t.nameCategory : winner.basis === 'values' ? t.unhintedCategory : undefined) ?? categoryOf(t);
  return verdict(name, t.entity, winner.confidence, category, winner.share, {
    type: t.id, basis: winner.basis, ...base, ...(nameHint !== undefined ? { nameHint } : {}), ...(note !== undefined ? { note } : {}),
  }, t.entity === null ? undefined : custom.get(t.entity)?.classification);
}

/** `classification` overrides the category's: a custom entity's file may set its own. */
function verdict(name: string, entity: ColumnEntity | null, confidence: number, category: Category, matchedShare: number, explanation: ColumnExplanation, classification?: Classification): ColumnClassification {
  return {
    name, entity, confidence: round(confidence, 2), freeText: false, textEntities: [], classification: classification ?? classificationOf(category, entity), category,
    matchedShare: round(matchedShare), explanation,
  };
}

/** Prose: list what the text contains; the column takes the most severe category among it. */
function freeText(name: string, infos: ReadonlyMap<string, ValueInfo>, n: number, base: Omit<ColumnExplanation, 'type' | 'basis'>, custom: ReadonlyMap<string, EntityHandling>): ColumnClassification {
  const rows = new Map<Entity, number>();
  let any = 0;
  for (const info of infos.values()) {
    for (const e of info.inside) rows.set(e, (rows.get(e) ?? 0) + info.count);
    if (info.inside.size > 0) any += info.count;
  }
  const found = [...rows.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shares = Object.fromEntries(found.map(([e, c]) => [e, round(c / n)])) as Partial<Record<ColumnEntity, number>>;
  const dominant = found[0] !== undefined && found[0][1] / n >= 0.9 ? found[0][0] : null;
  const category = mostSevere(found.map(([e]) => entityCategory(e, custom)));
  let classification: Classification = 'internal';
  for (const [e] of found) classification = maxClassification(classification, entityClassification(e, custom));
  const share = dominant !== null ? found[0]![1] / n : any / n;
  return {
    name, entity: dominant, confidence: round(dominant !== null ? 0.6 + 0.35 * share : 0.75, 2), freeText: true,
    textEntities: found.map(([e]) => e), classification, category, matchedShare: round(share),
    explanation: { type: 'free-text', basis: 'text', ...base, textEntityShares: shares, note: 'prose: entities found inside the text' },
  };
}
