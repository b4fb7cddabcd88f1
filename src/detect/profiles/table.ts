// Detection profiles: what counts as sensitive depends on the rule the user works under. A profile
// is a row of data — the entities it reports, its threshold, and entity-specific rules — applied by
// one function (apply-profile.ts); there is no code branch per profile. docs/detect.md explains
// each row.
import { ENTITIES, type Entity } from '../types.js';

/** Word lists a `not-in-list` rule may name. */
export type ProfileList = 'countries' | 'us-states';

/** An entity-specific rule, a tagged union so that every kind is handled in one exhaustive switch. */
export type ProfileRule =
  /** The recognizer's patterns with these names do not run (HIPAA: clock times are not dates). */
  | { readonly kind: 'drop-patterns'; readonly entity: Entity; readonly patterns: readonly string[]; readonly why: string }
  /** The number in the span must be at least `min` (HIPAA: only ages over 89 are identifiers). */
  | { readonly kind: 'min-number'; readonly entity: Entity; readonly min: number; readonly why: string }
  /** A span whose words are an entry of `list` is dropped (HIPAA: states and countries are not smaller than a state). */
  | { readonly kind: 'not-in-list'; readonly entity: Entity; readonly lists: readonly ProfileList[]; readonly why: string }
  /** Findings of the entity need at least this score (instead of the profile's threshold). */
  | { readonly kind: 'min-score'; readonly entity: Entity; readonly score: number; readonly why: string }
  /** The entity counts only in a text that also holds a finding of `with` (PCI: a name is cardholder data beside a card number). */
  | { readonly kind: 'only-with'; readonly entity: Entity; readonly with: Entity; readonly why: string };

export interface Profile {
  readonly name: ProfileName;
  readonly summary: string;
  readonly entities: readonly Entity[];
  readonly threshold: number;
  readonly rules: readonly ProfileRule[];
}

export const PROFILE_NAMES = ['default', 'hipaa', 'pci', 'secrets'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/**
 * HIPAA Safe Harbor, 45 CFR 164.514(b)(2)(i): the 18 identifiers of an individual, as far as text
 * recognizers can find them. (A) names; (B) geography smaller than a state; (C) dates except the
 * year, ages over 89; (D, E) telephone and fax numbers; (F) e-mail; (G) SSN; (H) medical record
 * numbers; (I, J) health plan and account numbers; (K) certificate and licence numbers; (M) device
 * identifiers; (N) URLs; (O) IP addresses; (R) any other unique identifying number. Facility names
 * (hospitals, rehab centres, nursing homes, senior living, VNAs) are found as LOCATION by their head
 * word (facility.ts), other named organisations as ORGANIZATION, and both are kept: clinical
 * de-identification practice (the i2b2 and PhysioNet sets) treats the place of care as a location.
 */
const HIPAA_ENTITIES: readonly Entity[] = [
  'PERSON',
  'STREET_ADDRESS', 'LOCATION', 'ZIP_CODE', 'ORGANIZATION',
  'DATE_TIME', 'DATE_OF_BIRTH', 'AGE',
  'PHONE_NUMBER', 'EMAIL_ADDRESS', 'US_SSN', 'MEDICAL_RECORD_NUMBER',
  'US_BANK_NUMBER', 'CREDIT_CARD', 'IBAN_CODE',
  'US_DRIVER_LICENSE', 'US_PASSPORT',
  'MAC_ADDRESS', 'URL', 'IP_ADDRESS',
  'US_ITIN', 'UK_NHS', 'UK_NINO',
];

export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  default: {
    name: 'default',
    summary: 'every entity Cordon recognizes (Presidio-compatible names), threshold 0.5',
    entities: ENTITIES,
    threshold: 0.5,
    rules: [],
  },
  hipaa: {
    name: 'hipaa',
    summary: 'the 18 identifiers of HIPAA Safe Harbor (45 CFR 164.514(b)(2)): names, geography smaller than a state and facilities, dates but not clock times or years, ages over 89, contact numbers, SSN, MRN, account, licence and device numbers, URLs, IPs',
    entities: HIPAA_ENTITIES,
    threshold: 0.5,
    rules: [
      { kind: 'drop-patterns', entity: 'DATE_TIME', patterns: ['time', 'hour-ampm', 'weekday', 'year-after-preposition'], why: 'Safe Harbor (C) removes the elements of dates except the year; a clock time, a weekday or a year alone is not one' },
      { kind: 'min-number', entity: 'AGE', min: 90, why: 'Safe Harbor (C): ages over 89 (and their dates) are identifiers; younger ages are not' },
      { kind: 'not-in-list', entity: 'LOCATION', lists: ['us-states', 'countries'], why: 'Safe Harbor (B): geographic subdivisions smaller than a state; a state or a country is not one' },
    ],
  },
  pci: {
    name: 'pci',
    summary: 'cardholder data under PCI DSS: the primary account number, and the cardholder name when a card number is in the same text',
    entities: ['CREDIT_CARD', 'PERSON'],
    threshold: 0.5,
    rules: [
      { kind: 'only-with', entity: 'PERSON', with: 'CREDIT_CARD', why: 'PCI DSS: the cardholder name is cardholder data when stored with the PAN; a name alone is not' },
    ],
  },
  secrets: {
    name: 'secrets',
    summary: 'credentials: API keys and tokens with a known prefix, JWTs, private keys, passwords in URLs and connection strings',
    entities: ['SECRET'],
    threshold: 0.5,
    rules: [],
  },
};
