// Drafts a data contract from a column scan: one ODCS v3.1.0 schema object for the dataset, a
// property per column with its classification, the entity found, and a sensible operator for
// that entity, and the logicalType the sampled values have (string unless told; a person reviews
// the draft and commits it). Pure: the scan result comes in, YAML
// text goes out; parseContract() accepts what this writes.
import { stringify } from 'yaml';
import type { ColumnClassification } from '../detect/columns/index.js';
import { customEntities } from '../detect/custom/custom-entities.js';
import type { EntityHandling } from '../detect/types.js';
import { randomBytes } from '../crypto/random.js';
import { isCordonError } from '../errors.js';
import { inferDateFormat } from '../transform/dates.js';
import { prepareOperator } from '../transform/registry.js';
import type { KeyPurpose, OperatorContext } from '../transform/types.js';
import { customOf } from './load-recognizers.js';
import type { ProtectSpec, RecognizerDoc } from './types.js';

/** The default operator per entity. Reversible where analysts may need the value back. */
const BY_ENTITY: Readonly<Record<string, ProtectSpec>> = {
  PERSON: { operator: 'tokenize', params: {} },
  EMAIL_ADDRESS: { operator: 'deterministic', params: {} },
  PHONE_NUMBER: { operator: 'tokenize', params: {} },
  CREDIT_CARD: { operator: 'fpe', params: { keepLast: 4 } },
  IBAN_CODE: { operator: 'tokenize', params: {} },
  US_SSN: { operator: 'tokenize', params: {} },
  US_ITIN: { operator: 'tokenize', params: {} },
  US_PASSPORT: { operator: 'tokenize', params: {} },
  US_DRIVER_LICENSE: { operator: 'tokenize', params: {} },
  US_BANK_NUMBER: { operator: 'tokenize', params: {} },
  UK_NHS: { operator: 'tokenize', params: {} },
  UK_NINO: { operator: 'tokenize', params: {} },
  NATIONAL_ID: { operator: 'tokenize', params: {} },
  MEDICAL_RECORD_NUMBER: { operator: 'tokenize', params: {} },
  STREET_ADDRESS: { operator: 'tokenize', params: {} },
  USERNAME: { operator: 'hash', params: {} },
  DATE_OF_BIRTH: { operator: 'generalize', params: { kind: 'date', to: 'year' } },
  DATE_TIME: { operator: 'date-shift', params: { maxDays: 30 } },
  ZIP_CODE: { operator: 'generalize', params: { kind: 'zip' } },
  AGE: { operator: 'generalize', params: { kind: 'number', width: 10 } },
  IP_ADDRESS: { operator: 'mask', params: { keepFirst: 7 } },
  LOCATION: { operator: 'hash', params: {} },
  SECRET: { operator: 'drop', params: {} },
  PASSWORD: { operator: 'drop', params: {} },
  CREDIT_CARD_CVV: { operator: 'drop', params: {} },
  CRYPTO: { operator: 'tokenize', params: {} },
};

/** Operators that refuse values of the wrong shape (a date, a US ZIP, a card's digits): a draft tries them on the sample. */
const SHAPED = new Set(['generalize', 'date-shift', 'fpe']);
const TRIED_VALUES = 500;

/** Throwaway keys and a subject, so an operator can be tried on sampled values; its outputs are discarded. */
function trialContext(field: string): OperatorContext {
  const keys = new Map<KeyPurpose, Uint8Array>();
  const material = (purpose: KeyPurpose): Uint8Array => {
    let k = keys.get(purpose);
    if (k === undefined) keys.set(purpose, (k = randomBytes(purpose === 'deterministic' ? 64 : 32)));
    return k;
  };
  return { dataset: 'draft', field, subject: 'draft', keys: { material: (p) => ({ version: 1, material: material(p) }), materialVersion: (p) => material(p) } };
}

/** Whether `spec` refuses (ERR_INPUT_INVALID, or ERR_FPE_DOMAIN: a value too short to encrypt) one of the first TRIED_VALUES distinct sampled values. */
function refusesSample(spec: ProtectSpec, field: string, values: ReadonlyArray<string | null>): boolean {
  if (!SHAPED.has(spec.operator)) return false;
  const op = prepareOperator(spec.operator, spec.params);
  const ctx = trialContext(field);
  const tried = new Set<string>();
  for (const v of values) {
    if (v === null || v === '' || tried.has(v)) continue;
    if (tried.size >= TRIED_VALUES) break;
    tried.add(v);
    try {
      op.apply(v, ctx);
    } catch (e) {
      if (isCordonError(e, 'ERR_INPUT_INVALID') || isCordonError(e, 'ERR_FPE_DOMAIN')) return true;
      throw e;
    }
  }
  return false;
}

/** Column names that look like a record or subject id: `id`, `customer_id`, `patientId`, `member-no`. */
function idLike(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');
  return ['id', 'uuid', 'guid', 'key', 'no', 'nr', 'number', 'num'].includes(words.at(-1) ?? '');
}

/** The operator a draft proposes for a scanned column; `custom` gives custom entities' own (their recognizer file's `protect`). */
export function proposeOperator(c: ColumnClassification, custom: ReadonlyMap<string, EntityHandling> = new Map()): ProtectSpec {
  if (c.freeText) return { operator: 'text', params: { default: 'redact' } };
  const own = c.entity === null ? undefined : custom.get(c.entity)?.protect;
  if (own !== undefined) return own;
  // Nothing personal (event timestamps, UUIDs and tracking references under no name saying whose): kept.
  if (c.category === 'none') return { operator: 'keep', params: {} };
  if (c.entity !== null && BY_ENTITY[c.entity] !== undefined) return BY_ENTITY[c.entity]!;
  switch (c.category) {
    case 'secret': return { operator: 'drop', params: {} };
    case 'direct': return { operator: 'tokenize', params: {} };
    case 'sensitive': return { operator: 'redact', params: {} };
    case 'quasi': return { operator: 'keep', params: {} };
  }
}

/**
 * An ODCS v3.1.0 contract (YAML) for `dataset` from its scanned columns.
 *
 * @example
 * ```ts
 * draftContract({ dataset: 'customers', id: randomUUID(), columns: classifyColumns(sample, { recognizers }), logicalTypes: new Map([['age', 'integer']]) })
 * ```
 */
export function draftContract(input: {
  dataset: string; id: string; columns: readonly ColumnClassification[]; source?: string;
  /** The custom recognizers the scan used: the contract carries them, by `ref` (a path relative to the contract) or inline. */
  recognizers?: { readonly doc: RecognizerDoc; readonly ref?: string };
  /** Each column's logicalType drafted from its values (default string). */
  logicalTypes?: ReadonlyMap<string, string>;
  /**
   * Each column's sampled values as text. With them a date column gets the `format` its values are
   * written in, and one whose values no date form reads is tokenized instead (a date operator would
   * refuse the file at its first row).
   */
  values?: ReadonlyMap<string, ReadonlyArray<string | null>>;
  /** The null markers the sample used (io/null-values.ts): the schema object's cordonNullValues, and a column's own where it differs. */
  nullValues?: { readonly dataset: readonly string[]; readonly columns: ReadonlyMap<string, readonly string[]> };
}): string {
  const custom = input.recognizers === undefined ? new Map<string, EntityHandling>() : customEntities(customOf(input.recognizers.doc));
  // date-shift needs the data subject's id: the first id-like column with nothing personal in it
  // becomes the primary key. Without one, dates are generalized to the month instead.
  const subject = input.columns.find((c) => c.category === 'none' && idLike(c.name))?.name;
  // A sampled row without a subject id (empty, or a null marker) would stop date-shift at that row.
  const subjectGaps = subject !== undefined && (input.values?.get(subject) ?? []).some((v) => v === null || v.trim() === '');
  const notes = new Map<string, string>();
  const propose = (c: ColumnClassification): ProtectSpec => {
    const p0 = proposeOperator(c, custom);
    const shiftable = subject !== undefined && !subjectGaps;
    if (p0.operator === 'date-shift' && subject !== undefined && subjectGaps) notes.set(c.name, `; generalized, not date-shifted: some sampled rows have no ${subject}`);
    const p = p0.operator === 'date-shift' && !shiftable ? { operator: 'generalize', params: { kind: 'date', to: 'month' } } : p0;
    const values = input.values?.get(c.name);
    if (values === undefined || values.every((v) => v === null || v.trim() === '')) return p;
    // Dates: the form the values are written in.
    const dated = p.operator === 'date-shift' || (p.operator === 'generalize' && p.params['kind'] === 'date');
    const format = dated ? inferDateFormat(values) : undefined;
    const q = format === undefined || format === 'auto' ? p : { operator: p.operator, params: { ...p.params, format } };
    // protect must never refuse at row 1 what the draft proposed: an operator that refuses a sampled
    // value (dates in no form it reads, a postcode that is not a US ZIP, a card number with letters)
    // gives way to tokenize, which takes any value.
    if (!refusesSample(q, c.name, values)) return q;
    notes.set(c.name, `; ${q.operator} refuses some sampled values (${dated ? 'dates in no form it reads, docs/operators.md#dates' : 'not the shape it takes, docs/operators.md'}), so tokenized`);
    return { operator: 'tokenize', params: {} };
  };
  const doc = {
    apiVersion: 'v3.1.0',
    kind: 'DataContract',
    id: input.id,
    name: input.dataset,
    version: '0.1.0',
    status: 'draft',
    description: {
      purpose: `Drafted by cordon contract init${input.source !== undefined ? ` from ${input.source}` : ''}. Review every property before committing this file.`,
    },
    ...(input.recognizers !== undefined ? { customProperties: [{ property: 'cordonRecognizers', value: input.recognizers.ref ?? input.recognizers.doc }] } : {}),
    schema: [{
      name: input.dataset,
      logicalType: 'object',
      ...(input.nullValues !== undefined && input.nullValues.dataset.length > 0 ? { customProperties: [{ property: 'cordonNullValues', value: [...input.nullValues.dataset] }] } : {}),
      properties: input.columns.map((c) => {
        const protect = propose(c);
        const note = notes.get(c.name) ?? '';
        const custom: Array<{ property: string; value: unknown }> = [];
        if (c.entity !== null) custom.push({ property: 'cordonEntity', value: c.entity });
        // A quasi-identifier with no entity (marital status, zodiac sign) would otherwise be lost to
        // `cordon risk` and the protect gate, which take quasi entities from cordonEntity.
        if (c.category === 'quasi' && c.entity === null) custom.push({ property: 'cordonRisk', value: { role: 'quasi' } });
        custom.push({ property: 'cordonProtect', value: Object.keys(protect.params).length > 0 ? protect : { operator: protect.operator } });
        if (c.freeText && c.textEntities.length > 0) custom.push({ property: 'cordonTextEntities', value: [...c.textEntities] });
        custom.push({ property: 'cordonPurposes', value: [] });
        const nulls = input.nullValues?.columns.get(c.name);
        if (nulls !== undefined) custom.push({ property: 'cordonNullValues', value: [...nulls] });
        return {
          name: c.name,
          logicalType: input.logicalTypes?.get(c.name) ?? 'string',
          ...(c.name === subject ? { primaryKey: true } : {}),
          classification: c.classification,
          description: `${c.category === 'none' ? 'nothing personal found' : `${c.category} identifier`}${c.entity !== null ? ` (${c.entity})` : c.freeText ? ' (free text)' : ''}; scan confidence ${c.confidence.toFixed(2)}${note}`,
          customProperties: custom,
        };
      }),
    }],
  };
  return `# Data contract drafted by \`cordon contract init\`. Review it: classification, operator and\n# allowed purposes of every column. Format: Open Data Contract Standard v3.1.0 (docs/contracts.md).\n${stringify(doc, { lineWidth: 0 })}`;
}
