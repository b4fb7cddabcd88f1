// The column classifier: values decide, names hint. Table-driven: each case is a column name, its
// values, and what the verdict must (and must not) be.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifyColumn, classifyColumns, normalizeColumnName, type ColumnClassification } from '../../../src/detect/columns/index.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import { undeclaredEvidence } from '../../../src/detect/columns/value-evidence.js';

const opts = { recognizers: DEFAULT_RECOGNIZERS };
const classify = (name: string, values: ReadonlyArray<string | null>): ColumnClassification => classifyColumn(name, values, opts);

const SSNS = ['536-22-1234', '536-22-1235', '078-05-1121', '123-45-6780', '272-38-5013', '212-64-1987', '301-22-4455', '645-12-3344'];
const CARDS = ['4111111111111111', '5500000000000004', '4012888888881881', '5105105105105100', '6011000000000004', '340000000000009', '4222222222222', '3530111333300000'];
/** Sixteen digits that fail Luhn (last digit of a valid number plus one). */
const NOT_CARDS = ['4111111111111112', '5500000000000005', '4012888888881882', '5105105105105101', '6011000000000005', '3530111333300001', '4000056655665557', '4242424242424243'];
const ORDER_NUMBERS = ['900-12-3456', '666-45-1200', '000-33-9812', '900-77-0001', '999-01-4567', '000-10-2020', '666-00-0000', '900-99-9999'];
const NOTES = [
  'Call me at (415) 555-2671 after five, or mail jane.doe@example.com',
  'The package arrived damaged, contact ann.lee@example.net for photos',
  'Customer says the invoice total is wrong, please call them back tomorrow',
  'Follow up next week with maria.garcia@example.com about the refund',
  'Wants the order split in two shipments, email yuki.sato@example.jp today',
  'Asked about warranty terms, sent the PDF to lena.muller@example.de',
];
const seq = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i));

interface Case {
  readonly title: string;
  readonly name: string;
  readonly values: ReadonlyArray<string | null>;
  readonly entity?: string | null;
  readonly notEntity?: string;
  readonly category?: string;
  readonly classification?: string;
  readonly maxConfidence?: number;
  readonly freeText?: boolean;
  readonly textEntities?: readonly string[];
}

const CASES: readonly Case[] = [
  { title: 'a meaningless name full of valid SSNs is US_SSN', name: 'x7', values: SSNS, entity: 'US_SSN', category: 'direct', classification: 'restricted' },
  // Two of the eight (900-77-0001, 900-99-9999) are valid ITINs, which protect refuses in an internal
  // column: the column is not drafted harmless (the decision protect's check shares).
  { title: 'a column named ssn holding order numbers that fail the SSN rules is not US_SSN', name: 'ssn', values: ORDER_NUMBERS, notEntity: 'US_SSN', entity: 'US_ITIN' },
  { title: 'sixteen digits failing Luhn are not a card, whatever the name', name: 'card_number', values: NOT_CARDS, notEntity: 'CREDIT_CARD', entity: null },
  { title: 'sixteen digits failing Luhn under a neutral name are nothing', name: 'ref', values: NOT_CARDS, entity: null, category: 'none' },
  { title: 'Luhn-valid cards under a neutral name are CREDIT_CARD', name: 'col_12', values: CARDS, entity: 'CREDIT_CARD', category: 'direct', classification: 'restricted' },
  { title: 'cards exported in scientific notation are cards when the name says so', name: 'CCNumber', values: ['5.54563E+15', '4.91643E+15', '4.48542E+15', '5.31725E+15'], entity: 'CREDIT_CARD' },
  { title: 'numbers in scientific notation under another name are nothing', name: 'amount', values: ['5.54563E+15', '4.91643E+15', '4.48542E+15'], entity: null },
  { title: 'three-digit numbers named cvv are CVVs, a secret', name: 'CVV2', values: ['123', '456', '789', '321', '654', '987'], entity: 'CREDIT_CARD_CVV', category: 'secret', classification: 'restricted' },
  { title: 'the same numbers named score are nothing', name: 'score', values: ['123', '456', '789', '321', '654', '987'], entity: null, category: 'none', classification: 'internal' },
  { title: 'prose is free text and lists the entities inside', name: 'notes', values: NOTES, entity: null, freeText: true, textEntities: ['EMAIL_ADDRESS', 'PHONE_NUMBER'], category: 'direct' },
  { title: 'e-mails in a column named phone are e-mails: values that contradict the name win', name: 'phone', values: ['a@example.com', 'b@example.org', 'c@example.net', 'd@example.com'], entity: 'EMAIL_ADDRESS' },
  { title: 'blood groups need no name', name: 'c3', values: ['O+', 'A-', 'AB+', 'B+', 'O-', 'A+'], entity: 'BLOOD_TYPE', category: 'sensitive', classification: 'restricted' },
  // A row key names a record, not a person: UUID, but not personal (issue 13: no look-alike column called personal).
  { title: 'UUIDs are UUID; a row key of UUIDs is not personal', name: 'row_key', values: seq(6, (i) => `6781b04d-7b5f-4c1a-bceb-b953e6ef70d${i}`), entity: 'UUID', category: 'none' },
  { title: 'UUIDs that say whose (customer_id) are a quasi-identifier', name: 'customer_id', values: seq(6, (i) => `6781b04d-7b5f-4c1a-bceb-b953e6ef70d${i}`), entity: 'UUID', category: 'quasi' },
  { title: 'a tax-id column of valid SSNs is US_SSN, not NATIONAL_ID', name: 'tax_id', values: ['536-22-8714', '412-73-1186', '284-19-6650', '631-08-2473', '159-64-3307', '702-41-9958'], entity: 'US_SSN', category: 'direct' },
  { title: '16-digit numbers under a tracking name that fail Luhn are TRACKING_NUMBER, not personal', name: 'tracking_number', values: ['4716203948571625', '6011394857102935', '3530111333300001', '9400123412341234', '1234567812345678', '8765432187654320'], entity: 'TRACKING_NUMBER', category: 'none' },
  { title: 'UUIDs named token stay a secret: a name more severe than the values is kept', name: 'session_token', values: seq(6, (i) => `6781b04d-7b5f-4c1a-bceb-b953e6ef70d${i}`), entity: 'SECRET', category: 'secret' },
  { title: 'zodiac signs are quasi-identifiers without an entity', name: 'sign', values: ['Aries', 'Leo', 'Virgo', 'Pisces', 'Libra', 'Gemini'], entity: null, category: 'quasi' },
  { title: 'a diagnosis column is health data: sensitive, restricted', name: 'diagnosis_note', values: ['type 2 diabetes, follow-up in 2 weeks', 'hypertension', 'asthma, inhaler refilled'], entity: null, category: 'sensitive', classification: 'restricted' },
  { title: 'colours are nothing personal', name: 'favourite', values: ['Blue', 'Red', 'Green', 'Purple', 'Black', 'White'], entity: null, category: 'none', classification: 'internal' },
  { title: 'a row counter is nothing', name: 'Number', values: seq(30, (i) => String(i + 1)), entity: null, category: 'none' },
  { title: 'ages need the name', name: 'age', values: ['37', '63', '62', '57', '40', '82'], entity: 'AGE', category: 'quasi' },
  { title: 'the same numbers named quantity are nothing', name: 'quantity', values: ['37', '63', '62', '57', '40', '82'], entity: null },
  { title: 'dates named dob are DATE_OF_BIRTH', name: 'dob', values: ['1984-03-12', '1979-11-02', '1991-07-23', '1968-01-30'], entity: 'DATE_OF_BIRTH', category: 'quasi' },
  { title: 'the same dates under a neutral name are DATE_TIME', name: 'd', values: ['1984-03-12', '1979-11-02', '1991-07-23', '1968-01-30'], entity: 'DATE_TIME' },
  { title: 'single letters named middle initial are PERSON, only quasi', name: 'MiddleInitial', values: ['J', 'G', 'O', 'C', 'S', 'D'], entity: 'PERSON', category: 'quasi' },
  { title: 'statuses in a column named state are not places', name: 'state', values: seq(30, (i) => ['active', 'pending', 'closed'][i % 3]!), notEntity: 'LOCATION' },
  { title: 'country codes are LOCATION', name: 'Country', values: ['GL', 'PT', 'ZA', 'CY', 'EE', 'IT'], entity: 'LOCATION', category: 'quasi' },
  { title: 'calling codes are quasi without an entity', name: 'TelephoneCountryCode', values: ['299', '351', '27', '357', '372', '39'], entity: null, category: 'quasi' },
  { title: 'card networks are nothing personal', name: 'CCType', values: ['Visa', 'MasterCard', 'Visa', 'Amex'], entity: null, category: 'none' },
  { title: 'a user agent is USER_AGENT, not free text', name: 'ua', values: ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/74.0.3729.131 Safari/537.36', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1 Safari/605.1.15'], entity: 'USER_AGENT', freeText: false },
  { title: 'national ids with check digits need no name', name: 'id2', values: ['8001015009087', '190641-4941', '811218-9876', '44051401359', '111.444.777-35', '131052-308T'], entity: 'NATIONAL_ID', category: 'direct' },
  { title: 'password hashes are passwords', name: 'h', values: ['$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy', '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG'], entity: 'PASSWORD', category: 'secret' },
  { title: 'US state names are LOCATION', name: 'where', values: ['California', 'Texas', 'New York', 'Ohio', 'Florida'], entity: 'LOCATION' },
  { title: '"name" holding product names is not PERSON', name: 'name', values: ['Ergonomic Steel Chair', 'Handcrafted Wooden Table', 'Sleek Granite Lamp', 'Rustic Cotton Towels', 'Small Plastic Keyboard', 'Generic Metal Bike'], notEntity: 'PERSON' },
  { title: '"name" holding people\'s names is PERSON', name: 'name', values: ['Jane Doe', 'John Smith', 'Maria Garcia', 'Wei Li', 'Omar Haddad', 'Lena Müller'], entity: 'PERSON', category: 'direct' },
  { title: 'a fact about a password is not a password', name: 'password_changed_at', values: ['2024-01-02', '2023-11-30', '2024-03-14', '2022-07-01'], notEntity: 'PASSWORD' },
  { title: 'an attribute of a company is not an organization', name: 'company_type', values: ['LLC', 'Inc', 'GmbH', 'Ltd', 'SA', 'LLC'], notEntity: 'ORGANIZATION' },
  { title: 'infrastructure host names are not personal domains', name: 'host', values: ['web-01.internal', 'db-2.internal', 'cache.local', 'api-7.internal'], entity: null },
  { title: 'heights with units need no name', name: 'h2', values: ['5\' 5"', '6\' 0"', '5\' 10"', '4\' 11"'], entity: 'HEIGHT' },
];

describe('classifyColumn', () => {
  for (const c of CASES) {
    it(c.title, () => {
      const r = classify(c.name, c.values);
      if (c.entity !== undefined) assert.equal(r.entity, c.entity, JSON.stringify(r));
      if (c.notEntity !== undefined) assert.notEqual(r.entity, c.notEntity, JSON.stringify(r));
      if (c.category !== undefined) assert.equal(r.category, c.category, JSON.stringify(r));
      if (c.classification !== undefined) assert.equal(r.classification, c.classification, JSON.stringify(r));
      if (c.freeText !== undefined) assert.equal(r.freeText, c.freeText);
      for (const e of c.textEntities ?? []) assert.ok(r.textEntities.includes(e as never), `${e} in ${JSON.stringify(r.textEntities)}`);
      if (!r.freeText) assert.deepEqual(r.textEntities, []);
      assert.ok(r.confidence >= 0 && r.confidence <= 1);
      assert.ok(r.matchedShare >= 0 && r.matchedShare <= 1);
      // Nothing of the values may leak into the verdict or its explanation.
      const text = JSON.stringify(r);
      for (const v of c.values) if (v !== null && v.length >= 4) assert.ok(!text.includes(v), `value leaked: ${v}`);
    });
  }

  it('an ssn column of order numbers is never US_SSN with high confidence, even with one valid SSN mixed in', () => {
    const r = classify('ssn', [...ORDER_NUMBERS, SSNS[0]!]);
    assert.ok(r.entity !== 'US_SSN' || r.confidence < 0.5, JSON.stringify(r));
  });

  it('a name that narrows what the values are keeps its entity: birth dates stored as timestamps are DATE_OF_BIRTH', () => {
    const stamps = seq(40, (i) => `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}T00:00:00.000000Z`);
    for (const name of ['birth_date', 'dob', 'DateOfBirth']) assert.equal(classify(name, stamps).entity, 'DATE_OF_BIRTH', name);
    assert.equal(classify('created_at', stamps).entity, 'DATE_TIME', 'without the name the values decide');
  });

  it('the name raises confidence when it agrees with the values', () => {
    assert.ok(classify('email', ['a@example.com', 'b@example.org', 'c@example.net']).confidence >= classify('x', ['a@example.com', 'b@example.org', 'c@example.net']).confidence);
  });

  it('empty values and null spellings are not evidence; an empty column falls back to its name at low confidence', () => {
    const empty = classify('email', [null, '', '  ', 'NULL', 'n/a']);
    assert.equal(empty.entity, 'EMAIL_ADDRESS');
    assert.equal(empty.confidence, 0.3);
    assert.equal(empty.matchedShare, 0);
    assert.equal(empty.explanation.nonEmpty, 0);
    const nothing = classify('foo', [null, '']);
    assert.equal(nothing.entity, null);
    assert.equal(nothing.category, 'none');
    const mostlyEmpty = classify('x', [null, null, null, ...SSNS]);
    assert.equal(mostlyEmpty.entity, 'US_SSN');
    assert.equal(mostlyEmpty.matchedShare, 1);
  });

  it('explains which type decided and how', () => {
    const r = classify('CVV2', ['123', '456', '789']);
    assert.equal(r.explanation.type, 'cvv');
    assert.equal(r.explanation.basis, 'name');
    assert.equal(r.explanation.nameHint, 'CREDIT_CARD_CVV');
    assert.equal(classify('x7', SSNS).explanation.basis, 'values');
    const notes = classify('notes', NOTES);
    assert.equal(notes.explanation.basis, 'text');
    assert.ok((notes.explanation.textEntityShares?.EMAIL_ADDRESS ?? 0) > 0.5);
  });
});

describe('classifyColumns', () => {
  it('reports declared columns in order, then columns seen only in records', () => {
    const out = classifyColumns({ columns: ['b', 'a'], records: [{ a: 'x@example.com', b: '1' }, { a: 'y@example.com', b: '2', c: 'z' }] }, opts);
    assert.deepEqual(out.map((c) => c.name), ['b', 'a', 'c']);
    assert.equal(out[1]!.entity, 'EMAIL_ADDRESS');
  });
});

describe('normalizeColumnName', () => {
  const cases: Array<[string, string]> = [
    ['GivenName', 'given_name'], ['CCNumber', 'cc_number'], ['WesternUnionMTCN', 'western_union_mtcn'], ['CVV2', 'cvv2'],
    ['user.address.city', 'user_address_city'], ['FIRST_NAME', 'first_name'], ['e-mail', 'e_mail'], ['dateOfBirth', 'date_of_birth'], [' Zip Code ', 'zip_code'],
  ];
  for (const [raw, want] of cases) it(`${raw} → ${want}`, () => assert.equal(normalizeColumnName(raw), want));
});

describe('entities inside short notes (value-evidence undeclaredEvidence)', () => {
  it('a word of the value\'s own beside the entity makes it text; an identifier around it does not', () => {
    assert.deepEqual(undeclaredEvidence('cb 555-201-0193', DEFAULT_RECOGNIZERS), { entities: ['PHONE_NUMBER'], embedded: true });
    assert.deepEqual(undeclaredEvidence('ssn 536-22-1234 verified', DEFAULT_RECOGNIZERS), { entities: ['US_SSN'], embedded: true });
    assert.deepEqual(undeclaredEvidence('ana.souza@example.com', DEFAULT_RECOGNIZERS), { entities: ['EMAIL_ADDRESS'], embedded: false });
    // Letters touching the finding belong to the same token (a prefix, a label with a colon is its own word).
    assert.equal(undeclaredEvidence('mailto:ana.souza@example.com', DEFAULT_RECOGNIZERS).embedded, false);
    assert.deepEqual(undeclaredEvidence('moved to tier 2', DEFAULT_RECOGNIZERS), { entities: [], embedded: false });
  });
  it('a column of short notes where a few hold entities is free text; one where a few values are e-mails keeps the entity', () => {
    const notes = Array.from({ length: 60 }, (_, i) => (i % 10 === 3 ? `cb 555-201-${String(1000 + i)}` : ['left vm', 'pt ok', 'closed'][i % 3]!));
    const c = classifyColumn('notes', notes, { recognizers: DEFAULT_RECOGNIZERS });
    assert.equal(c.freeText, true);
    assert.equal(c.entity, null);
    assert.deepEqual(c.textEntities, ['PHONE_NUMBER']);
    const mails = Array.from({ length: 60 }, (_, i) => (i % 10 === 3 ? `ana.souza${i}@example.com` : ['left vm', 'pt ok', 'closed'][i % 3]!));
    const m = classifyColumn('contact', mails, { recognizers: DEFAULT_RECOGNIZERS });
    assert.equal(m.freeText, false);
    assert.equal(m.entity, 'EMAIL_ADDRESS');
  });
});
