// Shapes of column classification. A column's entity is one of the text entities (types.ts) or a
// column-only type that makes sense for a whole column but not inside prose (PASSWORD, BLOOD_TYPE…).
// Pure: no I/O.
import type { Entity } from '../types.js';

/** Entity types recognised for whole columns, beyond the text entities. */
export const COLUMN_ENTITIES = [
  'GENDER', 'USERNAME', 'PASSWORD', 'USER_AGENT', 'CREDIT_CARD_CVV', 'CREDIT_CARD_EXPIRY', 'NATIONAL_ID',
  'TRACKING_NUMBER', 'FINANCIAL_ID', 'OCCUPATION', 'VEHICLE', 'DOMAIN_NAME', 'BLOOD_TYPE', 'WEIGHT', 'HEIGHT',
  'UUID', 'GEO_COORDINATE',
] as const;

export type ColumnEntity = Entity | (typeof COLUMN_ENTITIES)[number];

/**
 * How a column's data relates to a person: identifies one alone (direct), identifies in combination
 * (quasi), special-category data such as health (sensitive), a credential or card security code
 * (secret), or nothing personal (none).
 */
export const CATEGORIES = ['direct', 'quasi', 'sensitive', 'secret', 'none'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Handling level, derived from the category (categories.ts). */
export const CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** What classifyColumn decides about one column. The first eight fields are the JSON contract of `cordon scan --json`. */
export interface ColumnClassification {
  readonly name: string;
  /** The column's entity, or null (nothing personal, or free text with no dominant entity). */
  readonly entity: ColumnEntity | null;
  /** Confidence in the verdict (entity or null), 0-1. */
  readonly confidence: number;
  /** Prose: multi-word values; textEntities then lists what the text contains. */
  readonly freeText: boolean;
  /** Entities found inside free-text values, most frequent first (empty for other columns). */
  readonly textEntities: readonly ColumnEntity[];
  readonly classification: Classification;
  readonly category: Category;
  /** Share of non-empty sampled values that support the verdict, 0-1. */
  readonly matchedShare: number;
  /** Why: the type that won, its evidence, and whether the column name agreed. Never contains values. */
  readonly explanation: ColumnExplanation;
}

export interface ColumnExplanation {
  /** The column type that decided (e.g. 'recognizer:US_SSN', 'blood-type', 'zodiac-sign'), or 'none'. */
  readonly type: string;
  /** 'values' (value shape alone), 'values+name' (both agree), 'name' (name decided between plausible readings), 'text' (free text). */
  readonly basis: 'values' | 'values+name' | 'name' | 'text' | 'none';
  /** Values sampled, and how many were non-empty. */
  readonly values: number;
  readonly nonEmpty: number;
  /** Entity the column name suggested, when it did. */
  readonly nameHint?: ColumnEntity | null;
  /** For free text: share of rows containing each entity. */
  readonly textEntityShares?: Readonly<Partial<Record<ColumnEntity, number>>>;
  /** A human note (e.g. "zodiac sign: derived from the birth date"). */
  readonly note?: string;
}
