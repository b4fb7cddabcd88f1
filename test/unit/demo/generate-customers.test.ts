// The demo's customer generator: deterministic per seed, fictional by construction, and realistic
// enough that the detectors recognize every personal column (checksums and structure rules pass).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CUSTOMER_COLUMNS, generateCustomers, luhnCheckDigit } from '../../../src/demo/generate-customers.js';
import { formatCsv } from '../../../src/demo/format-csv.js';
import { classifyColumns } from '../../../src/detect/columns/index.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import { luhnValid } from '../../../src/detect/validators/luhn.js';
import { ssnValid } from '../../../src/detect/validators/us-ssn.js';
import { phoneValidator } from '../../../src/detect/recognizers/phone.js';

describe('generateCustomers', () => {
  const rows = generateCustomers({ rows: 200, seed: 42 });

  it('gives the same rows for the same seed, and other rows for another seed', () => {
    assert.deepEqual(generateCustomers({ rows: 200, seed: 42 }), rows);
    assert.notDeepEqual(generateCustomers({ rows: 200, seed: 43 }), rows);
    // A prefix of a longer table: rows do not depend on how many follow.
    assert.deepEqual(generateCustomers({ rows: 10, seed: 42 }), rows.slice(0, 10));
    assert.deepEqual(Object.keys(rows[0]!), [...CUSTOMER_COLUMNS]);
    assert.notDeepEqual(generateCustomers({ rows: 5, seed: 2 ** 40 }), generateCustomers({ rows: 5, seed: 2 ** 40 + 2 ** 33 }));
  });

  it('rejects a bad row count or seed (programmer error)', () => {
    assert.throws(() => generateCustomers({ rows: 0, seed: 1 }), TypeError);
    assert.throws(() => generateCustomers({ rows: 1.5, seed: 1 }), TypeError);
    assert.throws(() => generateCustomers({ rows: 1, seed: Number.NaN }), TypeError);
  });

  it('cards are Luhn-valid numbers on issuers\' test prefixes', () => {
    assert.equal(luhnCheckDigit('424242424242424'), '2'); // 4242 4242 4242 4242, the best-known test card
    for (const r of rows) {
      assert.ok(luhnValid(r.card), r.card);
      assert.match(r.card, /^(?:400000|424242|555555|222300|601111)\d{10}$|^(?:378282|371449)\d{9}$/);
    }
  });

  it('SSNs pass the SSA structure rules, in areas never allocated to a state (773-899)', () => {
    for (const r of rows) {
      assert.ok(ssnValid(r.ssn), r.ssn);
      const area = Number(r.ssn.slice(0, 3));
      assert.ok(area >= 773 && area <= 899, r.ssn);
    }
  });

  it('phones are valid US numbers in the fictional 555-0100..0199 range; e-mails use reserved domains', () => {
    for (const r of rows) {
      assert.equal(phoneValidator.validate(r.phone), 'valid', r.phone);
      assert.match(r.phone.replace(/\D/g, '').slice(-7), /^55501\d\d$/);
      assert.match(r.email, /@(?:[a-z]+\.)?example\.(?:com|org|net)$/);
    }
  });

  it('dates are ISO calendar dates in range; ZIPs are five digits', () => {
    for (const r of rows) {
      assert.match(r.birth_date, /^(?:19[4-9]\d|200[0-6])-\d{2}-\d{2}$/);
      assert.ok(!Number.isNaN(Date.parse(r.birth_date)));
      assert.match(r.signup_date, /^20(?:1[89]|2[0-5])-\d{2}-\d{2}$/);
      assert.match(r.zip, /^\d{5}$/);
    }
  });

  it('the column classifier recognizes every personal column, and the notes as free text with personal data', () => {
    const results = classifyColumns({ columns: CUSTOMER_COLUMNS, records: rows }, { recognizers: DEFAULT_RECOGNIZERS });
    const entity = Object.fromEntries(results.map((c) => [c.name, c.entity]));
    assert.deepEqual(
      { first_name: entity['first_name'], last_name: entity['last_name'], email: entity['email'], phone: entity['phone'], card: entity['card'], ssn: entity['ssn'], birth_date: entity['birth_date'], street_address: entity['street_address'], zip: entity['zip'] },
      { first_name: 'PERSON', last_name: 'PERSON', email: 'EMAIL_ADDRESS', phone: 'PHONE_NUMBER', card: 'CREDIT_CARD', ssn: 'US_SSN', birth_date: 'DATE_OF_BIRTH', street_address: 'STREET_ADDRESS', zip: 'ZIP_CODE' },
    );
    for (const name of ['email', 'phone', 'card', 'ssn']) assert.equal(results.find((c) => c.name === name)!.matchedShare, 1, name);
    const notes = results.find((c) => c.name === 'notes')!;
    assert.equal(notes.freeText, true);
    for (const e of ['PERSON', 'EMAIL_ADDRESS', 'PHONE_NUMBER', 'CREDIT_CARD']) assert.ok(notes.textEntities.includes(e as never), e);
    assert.equal(entity['plan'], null);
  });
});

describe('formatCsv', () => {
  it('quotes fields with commas, quotes or line breaks (RFC 4180)', () => {
    assert.equal(formatCsv(['a', 'b'], [{ a: '1', b: 'x, y' }, { a: 'say "hi"', b: 'two\nlines' }, { a: '' }]), 'a,b\n1,"x, y"\n"say ""hi""","two\nlines"\n,\n');
  });
});
