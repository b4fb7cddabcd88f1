// Whether a CSV's first row is a header: a first row of values (an e-mail, a phone number, as in a
// headerless export) is data; spreadsheet labels over such columns are a header even when a label
// happens to be as long as the values (the length vote needs four values below the first row).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sniffDialect } from '../../../src/io/dialect.js';
import { CordonError } from '../../../src/errors.js';

const header = (text: string): boolean => sniffDialect(text, { complete: true }).header;

describe('header sniffing', () => {
  it('a first row of e-mails and phone numbers is data', () => {
    assert.equal(header('Ana Ruiz,ana@example.com,555-201-0193\nBo Li,bo@example.com,555-201-0194\nCy Ng,cy@example.com,555-201-0195\n'), false);
    assert.equal(header('ana@example.com;+44 20 7946 0018\nbo@example.org;+44 20 7946 0019\ncy@example.net;+44 20 7946 0020\n'), false);
  });

  it('labels over e-mail and phone columns are a header, whatever their length', () => {
    // "Phone (home)" has the length of 555-201-0193: two values below do not make that a vote.
    assert.equal(header('Full Name,E-mail address,Phone (home)\nAna Ruiz,ana@example.com,555-201-0193\nBo Li,bo@example.com,555-201-0194\nCy Ng,cy@example.com,555-201-0195\n'), true);
    assert.equal(header('email,phone\nana@example.com,(415) 555-0100\nbo@example.com,(415) 555-0101\ncy@example.com,(415) 555-0102\n'), true);
    assert.equal(header('id,amount,when\n1,2.50,2024-01-02\n2,3.75,2024-01-03\n3,1.00,2024-01-04\n'), true);
  });

  it('equal lengths still vote over four values or more', () => {
    // A code column: every value six characters, the first row's cell is not.
    const rows = ['AB12CD', 'EF34GH', 'IJ56KL', 'MN78OP', 'QR90ST'];
    assert.equal(header(`code,name\n${rows.map((r, i) => `${r},n${i}`).join('\n')}\n`), true);
    assert.equal(header(`${rows.map((r, i) => `${r},n${i}`).join('\n')}\n`), false);
  });

  it('text-only tables and tiny files keep the header', () => {
    assert.equal(header('name,city\nAna,Oslo\nBo,Lima\n'), true);
    assert.equal(header('a,b\n1,2\n'), true);
  });
});

describe('requireDelimiter (a .txt read by its name)', () => {
  it('a table of any delimiter is sniffed as usual', () => {
    for (const d of [',', '\t', ';', '|'] as const) {
      assert.equal(sniffDialect(`id${d}email\r\n1${d}a@example.com\r\n2${d}b@example.com\r\n`, { complete: true, requireDelimiter: true }).delimiter, d);
    }
  });
  it('prose or one column is ERR_FORMAT_UNSUPPORTED; without the option it stays a one-column table', () => {
    const prose = 'Dear Ann,\n\nThanks for your call. My number is 415 555 0100 and\nmy e-mail is bob@example.org; please use it.\n\nBest regards,\nBob\n';
    for (const sample of [prose, 'a@example.com\nb@example.com\nc@example.com\n']) {
      assert.throws(() => sniffDialect(sample, { complete: true, requireDelimiter: true }), (e: unknown) => e instanceof CordonError && e.code === 'ERR_FORMAT_UNSUPPORTED');
    }
    assert.equal(sniffDialect('a@example.com\nb@example.com\nc@example.com\n', { complete: true }).delimiter, ',');
  });
});
