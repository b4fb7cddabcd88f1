import type { Category, Classification } from './columns/types.js';
import type { Profile, ProfileName } from './profiles/table.js';

// Detection's data shapes. Pure: recognizers are plain objects (patterns, context words, an optional
// validator), the engine is a function; nothing here does I/O or crypto. Offsets are UTF-16 code
// unit indices, as JavaScript's String.prototype.slice uses.

/** Canonical entity names, compatible with Presidio's so users can map their configurations. */
export const ENTITIES = [
  'PERSON', 'EMAIL_ADDRESS', 'PHONE_NUMBER', 'CREDIT_CARD', 'IBAN_CODE', 'US_SSN', 'US_ITIN', 'US_PASSPORT',
  'US_DRIVER_LICENSE', 'US_BANK_NUMBER', 'ABA_ROUTING_NUMBER', 'IP_ADDRESS', 'MAC_ADDRESS', 'URL', 'STREET_ADDRESS',
  'LOCATION', 'ZIP_CODE', 'DATE_TIME', 'DATE_OF_BIRTH', 'AGE', 'ORGANIZATION', 'NRP', 'TITLE',
  'MEDICAL_RECORD_NUMBER', 'UK_NHS', 'UK_NINO', 'CRYPTO', 'SECRET',
] as const;

export type Entity = (typeof ENTITIES)[number];

/** True for the names of the built-in text entities (a custom recognizer's entity is not one). */
export function isBuiltInEntity(name: string): name is Entity {
  return (ENTITIES as readonly string[]).includes(name);
}

/**
 * How a custom entity is handled after detection, from its recognizer file: its category (how it
 * relates to a person; default direct, fail closed), the classification a contract gives a column of
 * it, and the operator `contract init` proposes. The operator is opaque here: contracts/ checks it.
 */
export interface EntityHandling {
  readonly category: Category;
  readonly classification?: Classification;
  readonly protect?: { readonly operator: string; readonly params: Readonly<Record<string, unknown>> };
}

/** A validator decides: 'valid' raises the score, 'invalid' drops the match, 'unknown' leaves it. */
export type ValidatorResult = 'valid' | 'invalid' | 'unknown';

export interface Validator {
  readonly name: string;
  validate(match: string): ValidatorResult;
}

export interface PatternRule {
  readonly name: string;
  /**
   * A linear-time regular expression (no nested quantifiers, no backreferences). The engine runs it
   * with the `g` flag added; a capture group named `v` narrows the finding to that group.
   */
  readonly regex: RegExp;
  /** Score of a match before validation and context, in [0, 1]. */
  readonly score: number;
  /**
   * A cheap literal test ("@", "://") that every match contains: texts without it skip the pattern.
   * Patterns that begin with a lookbehind are tried at every position, so this saves real time.
   */
  readonly requires?: RegExp;
  /**
   * Every match contains a run of at least this many ASCII digits (0-9) in a row: texts whose longest
   * run is shorter skip the pattern. The engine measures the longest run once per text, in one pass
   * shared by every pattern, which costs less than one regex test; most texts have digits, few have
   * runs of 5 or 9 ("\d{9}" patterns then never run on notes of vitals and doses).
   */
  readonly digits?: number;
}

/** A candidate span proposed by a recognizer's own finder (gazetteers, token-level rules, models). */
export interface Candidate {
  readonly start: number;
  readonly end: number;
  readonly score: number;
  /** Names the rule that proposed it, as a pattern name does ("gazetteer:first-name", "cue:address"). */
  readonly pattern: string;
  /**
   * A part of what the recognizer parses that is another entity: an address parser reports the
   * city line of a block as LOCATION and the postcode as ZIP_CODE. Defaults to the recognizer's.
   */
  readonly entity?: Entity;
}

/**
 * What a finder that returns an array answers when it found nothing: one shared empty array, so the
 * many texts without a candidate allocate no result.
 */
export const NO_CANDIDATES: readonly Candidate[] = Object.freeze([]);

export interface Recognizer {
  readonly id: string;
  readonly entity: Entity;
  readonly patterns: readonly PatternRule[];
  /**
   * Proposes candidates that a regular expression cannot express well (word lists, multi-line
   * blocks, a local model). Must run in time linear in `text.length`. Candidates then go through
   * the same deny, validator and context steps as pattern matches.
   */
  readonly find?: (text: string) => Iterable<Candidate>;
  /**
   * A cheap test that every text this recognizer can report anything in passes, whatever proposed it
   * (a pattern or `find`): texts without it skip the whole recognizer. Answered once per text, and
   * shared with equal `requires` tests of patterns. `test/unit/detect/prefilters.test.ts` checks it
   * against every match and candidate over the development sets.
   */
  readonly requires?: RegExp;
  /** Other entities `find` may report (see Candidate.entity), so an entity filter keeps this recognizer. */
  readonly emits?: readonly Entity[];
  /**
   * The recognizer's own grammar marks where its matches begin and end (e-mail addresses, URLs,
   * secrets with a known prefix), so they may start or end inside a run of letters and digits.
   * Default false: the engine drops matches that cut a word, a number or an opaque identifier
   * (a UUID, a hex digest, a base64 blob); see boundaries.ts.
   */
  readonly cutsWords?: boolean;
  /** Lower-case words that raise the score when they appear near a match (either side). */
  readonly context?: readonly string[];
  readonly validator?: Validator;
  /** Score after a validator says 'valid' (default: max(score, 0.95)). */
  readonly validScore?: number;
  /**
   * Rejects look-alikes by the text around the match (versions, order numbers, hashes...). Gets the
   * whole text and the match bounds; returns a reason to drop the match, or undefined to keep it.
   */
  readonly deny?: (text: string, start: number, end: number) => string | undefined;
  /**
   * Set by custom recognizers (custom/parse-recognizers.ts) whose entity is not a built-in one: the
   * column classifier, protect's undeclared-data check and `contract init` read it. Built-in entities
   * take theirs from columns/categories.ts.
   */
  readonly handling?: EntityHandling;
}

/** Why a finding scored as it did. */
export interface Explanation {
  readonly recognizer: string;
  readonly pattern: string;
  readonly baseScore: number;
  readonly validator?: { readonly name: string; readonly result: ValidatorResult };
  /** Context words found near the match that raised the score. */
  readonly contextWords: readonly string[];
  readonly contextBoost: number;
}

export interface Finding {
  readonly entity: Entity;
  readonly start: number;
  readonly end: number;
  readonly score: number;
  readonly explanation: Explanation;
}

export interface DetectOptions {
  /** Only these entities (default: all; with a profile, those of the profile that are also listed here). */
  readonly entities?: readonly Entity[];
  /** Drop findings below this score (default: the profile's, 0.5). */
  readonly threshold?: number;
  /**
   * The rule the user works under (profiles/table.ts): `default`, `hipaa`, `pci` or `secrets`, or a
   * Profile object. Decides the entities, the threshold and entity-specific rules. Default: none,
   * which is every entity at 0.5 (the `default` profile).
   */
  readonly profile?: ProfileName | Profile;
}
