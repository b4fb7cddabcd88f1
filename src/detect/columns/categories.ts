// Which category each entity falls in, and how a category maps to a handling classification.
// Both are tables so a policy can be read in one place (docs/scan.md documents the same mapping).
import type { EntityHandling } from '../types.js';
import type { Category, Classification, ColumnEntity } from './types.js';

/** Default category of each entity; a column type may override it (a middle initial is only quasi). */
export const ENTITY_CATEGORY: Readonly<Record<ColumnEntity, Category>> = {
  PERSON: 'direct', EMAIL_ADDRESS: 'direct', PHONE_NUMBER: 'direct', CREDIT_CARD: 'direct', IBAN_CODE: 'direct',
  US_SSN: 'direct', US_ITIN: 'direct', US_PASSPORT: 'direct', US_DRIVER_LICENSE: 'direct', US_BANK_NUMBER: 'direct',
  STREET_ADDRESS: 'direct', UK_NHS: 'direct', UK_NINO: 'direct', NATIONAL_ID: 'direct', USERNAME: 'direct',
  ABA_ROUTING_NUMBER: 'none', TITLE: 'none',
  IP_ADDRESS: 'quasi', MAC_ADDRESS: 'quasi', URL: 'quasi', LOCATION: 'quasi', ZIP_CODE: 'quasi', DATE_TIME: 'quasi',
  DATE_OF_BIRTH: 'quasi', AGE: 'quasi', ORGANIZATION: 'quasi', NRP: 'quasi', CRYPTO: 'quasi', GENDER: 'quasi',
  USER_AGENT: 'quasi', CREDIT_CARD_EXPIRY: 'quasi', TRACKING_NUMBER: 'quasi', FINANCIAL_ID: 'quasi', OCCUPATION: 'quasi',
  VEHICLE: 'quasi', DOMAIN_NAME: 'quasi', HEIGHT: 'quasi', UUID: 'quasi', GEO_COORDINATE: 'quasi',
  MEDICAL_RECORD_NUMBER: 'sensitive', BLOOD_TYPE: 'sensitive', WEIGHT: 'sensitive',
  SECRET: 'secret', PASSWORD: 'secret', CREDIT_CARD_CVV: 'secret',
};

/** Direct identifiers whose leak enables fraud or identity theft: government, bank and card numbers. */
const RESTRICTED_DIRECT: ReadonlySet<ColumnEntity> = new Set<ColumnEntity>([
  'CREDIT_CARD', 'IBAN_CODE', 'US_SSN', 'US_ITIN', 'US_PASSPORT', 'US_DRIVER_LICENSE', 'US_BANK_NUMBER',
  'NATIONAL_ID', 'UK_NHS', 'UK_NINO',
]);

/** Most severe first; used to combine the categories of entities found in free text. */
export const CATEGORY_SEVERITY: readonly Category[] = ['secret', 'sensitive', 'direct', 'quasi', 'none'];

/**
 * The handling classification of a column: secrets and special-category data are restricted, and so
 * are government, bank and card numbers; other direct identifiers and quasi-identifiers are
 * confidential; everything else is internal. Scan never proposes 'public': not finding personal data
 * in a sample does not prove a column may be published.
 */
export function classificationOf(category: Category, entity: ColumnEntity | null): Classification {
  switch (category) {
    case 'secret':
    case 'sensitive':
      return 'restricted';
    case 'direct':
      return entity !== null && RESTRICTED_DIRECT.has(entity) ? 'restricted' : 'confidential';
    case 'quasi':
      return 'confidential';
    case 'none':
      return 'internal';
  }
}

const CLASSIFICATION_RANK: readonly Classification[] = ['public', 'internal', 'confidential', 'restricted'];

export function maxClassification(a: Classification, b: Classification): Classification {
  return CLASSIFICATION_RANK.indexOf(a) >= CLASSIFICATION_RANK.indexOf(b) ? a : b;
}

export function mostSevere(categories: readonly Category[]): Category {
  for (const c of CATEGORY_SEVERITY) if (categories.includes(c)) return c;
  return 'none';
}

/**
 * The category of a built-in or custom entity; `custom` is customEntities(recognizers). An entity
 * neither table knows is direct (fail closed).
 */
export function entityCategory(entity: string, custom: ReadonlyMap<string, EntityHandling>): Category {
  return (ENTITY_CATEGORY as Readonly<Partial<Record<string, Category>>>)[entity] ?? custom.get(entity)?.category ?? 'direct';
}

/** The classification of a column holding `entity`: a custom entity's own when its file sets one, else from its category. */
export function entityClassification(entity: string, custom: ReadonlyMap<string, EntityHandling>): Classification {
  return custom.get(entity)?.classification ?? classificationOf(entityCategory(entity, custom), entity as ColumnEntity);
}
