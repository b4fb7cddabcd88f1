// Applies a profile (table.ts) to detection. Rules that concern one recognizer's spans become part of
// that recognizer — patterns left out, a deny step added — so every caller that takes recognizers
// (analyze, the column classifier, the text operator) gets the profile by taking
// profileRecognizers(); rules that look at the findings of a whole text (a per-entity score, "only
// beside a card number") run after detection in profileFindings(). Pure; the derived recognizers
// are built once per profile and recognizer list.
import { CordonError } from '../../errors.js';
import { countries } from '../gazetteers/index.js';
import { lookupKey } from '../gazetteers/key.js';
import { isBuiltInEntity, type Entity, type Finding, type Recognizer } from '../types.js';
import { PROFILE_NAMES, PROFILES, type Profile, type ProfileList, type ProfileName, type ProfileRule } from './table.js';
import { US_STATES } from './us-states.js';

/**
 * The profile named `name`; throws ERR_INPUT_INVALID for an unknown one.
 *
 * @example
 * ```ts
 * resolveProfile('hipaa').entities.includes('MEDICAL_RECORD_NUMBER') // → true
 * ```
 */
export function resolveProfile(name: string): Profile {
  if (!(PROFILE_NAMES as readonly string[]).includes(name)) {
    throw new CordonError('ERR_INPUT_INVALID', `unknown detection profile ${JSON.stringify(name.slice(0, 40))} (expected one of ${PROFILE_NAMES.join(', ')})`);
  }
  return PROFILES[name as ProfileName];
}

let usStates: ReadonlySet<string> | undefined;
function inList(list: ProfileList, key: string): boolean {
  switch (list) {
    case 'countries': return countries().has(key);
    case 'us-states': return (usStates ??= new Set(US_STATES)).has(key);
  }
}

/** The span as a word-list key: accents and case folded, inner spaces single, a final period gone. */
function spanKey(text: string, start: number, end: number): string {
  return lookupKey(text.slice(start, end).replace(/\s+/g, ' ').replace(/\.$/, '').trim());
}

/** A deny step for a span-level rule, or undefined when the rule is not one. */
function denyFor(rule: ProfileRule): ((text: string, start: number, end: number) => string | undefined) | undefined {
  switch (rule.kind) {
    case 'min-number':
      return (text, start, end) => {
        const m = /\d+/.exec(text.slice(start, end));
        // No digits ("ninety"): kept, the profile does not guess a number.
        return m !== null && Number(m[0]) < rule.min ? `below ${rule.min} (${rule.why})` : undefined;
      };
    case 'not-in-list':
      return (text, start, end) => {
        const key = spanKey(text, start, end);
        return rule.lists.some((l) => inList(l, key)) ? `a ${rule.lists.join(' or ')} entry (${rule.why})` : undefined;
      };
    case 'drop-patterns':
    case 'min-score':
    case 'only-with':
      return undefined;
  }
}

/** A custom entity (from the user's recognizer file) counts under every profile: the user asked for it. */
function wants(profile: Profile, rec: Recognizer): boolean {
  return !isBuiltInEntity(rec.entity) || profile.entities.includes(rec.entity) || (rec.emits ?? []).some((e) => profile.entities.includes(e));
}

/** One recognizer under the profile's span-level rules for its own entity. */
function derive(rec: Recognizer, rules: readonly ProfileRule[]): Recognizer {
  const mine = rules.filter((r) => r.entity === rec.entity);
  if (mine.length === 0) return rec;
  const dropped = new Set(mine.flatMap((r) => (r.kind === 'drop-patterns' ? r.patterns : [])));
  const denies = mine.map(denyFor).filter((d) => d !== undefined);
  const own = rec.deny;
  return {
    ...rec,
    patterns: dropped.size === 0 ? rec.patterns : rec.patterns.filter((p) => !dropped.has(p.name)),
    ...(denies.length === 0 && own === undefined ? {} : {
      deny: (text: string, start: number, end: number) => {
        const r = own?.(text, start, end);
        if (r !== undefined) return r;
        for (const d of denies) {
          const why = d(text, start, end);
          if (why !== undefined) return why;
        }
        return undefined;
      },
    }),
  };
}

const derived = new WeakMap<Profile, WeakMap<readonly Recognizer[], readonly Recognizer[]>>();

/**
 * The recognizers that report the profile's entities, each under the profile's span-level rules
 * (patterns left out, deny steps added). Cached per profile and list: call it freely.
 *
 * @example
 * ```ts
 * classifyColumns(sample, { recognizers: profileRecognizers(DEFAULT_RECOGNIZERS, resolveProfile('hipaa')) })
 * ```
 */
export function profileRecognizers(recognizers: readonly Recognizer[], profile: Profile): readonly Recognizer[] {
  let byList = derived.get(profile);
  if (byList === undefined) derived.set(profile, (byList = new WeakMap()));
  let out = byList.get(recognizers);
  if (out === undefined) {
    out = recognizers.filter((r) => wants(profile, r)).map((r) => derive(r, profile.rules));
    byList.set(recognizers, out);
  }
  return out;
}

/** Per-entity score floors of the profile (min-score rules); other entities use `threshold`. */
export function profileThreshold(profile: Profile, entity: Entity, threshold: number): number {
  for (const r of profile.rules) if (r.kind === 'min-score' && r.entity === entity) return Math.max(threshold, r.score);
  return threshold;
}

/** The findings of one text under the profile's text-level rules (only-with). */
export function profileFindings(findings: Finding[], profile: Profile): Finding[] {
  const onlyWith = profile.rules.filter((r): r is Extract<ProfileRule, { kind: 'only-with' }> => r.kind === 'only-with');
  if (onlyWith.length === 0) return findings;
  const present = new Set(findings.map((f) => f.entity));
  return findings.filter((f) => onlyWith.every((r) => r.entity !== f.entity || present.has(r.with)));
}
