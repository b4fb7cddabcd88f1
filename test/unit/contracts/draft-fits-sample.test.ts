// A drafted operator must take every sampled value: `cordon protect` stops at the first value an
// operator refuses, so a draft that proposes generalize for Norwegian postcodes or for dates in a
// form no date operator reads would contradict itself. draftContract tries the shaped operators
// (generalize, date-shift, fpe) on the sample and names a date column's form.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifyColumns } from '../../../src/detect/columns/index.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import { draftContract } from '../../../src/contracts/draft-contract.js';
import { parseContract } from '../../../src/contracts/parse-contract.js';

function drafted(columns: Record<string, string[]>): Map<string, { operator: string; params: Record<string, unknown> }> {
  const names = Object.keys(columns);
  const n = columns[names[0]!]!.length;
  const records = Array.from({ length: n }, (_, i) => Object.fromEntries(names.map((c) => [c, columns[c]![i]!])));
  const results = classifyColumns({ columns: names, records }, { recognizers: DEFAULT_RECOGNIZERS });
  const values = new Map(names.map((c) => [c, columns[c]!]));
  const c = parseContract(draftContract({ dataset: 't', id: 'draft-fits', columns: results, values }));
  return new Map(c.datasets[0]!.columns.map((col) => [col.name, { operator: col.protect!.operator, params: col.protect!.params as Record<string, unknown> }]));
}

const seq = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i));

describe('contract drafts fit their sample', () => {
  it('US ZIP codes are generalized; postcodes that are not are tokenized', () => {
    const d = drafted({ zip: seq(40, (i) => String(10000 + i * 977).padStart(5, '0')), postcode: seq(40, (i) => String(1000 + i * 61)), post_code: seq(40, (i) => `SW${1 + (i % 9)}A ${i % 10}AA`) });
    assert.deepEqual(d.get('zip'), { operator: 'generalize', params: { kind: 'zip' } });
    assert.equal(d.get('postcode')?.operator, 'tokenize');
    assert.equal(d.get('post_code')?.operator, 'tokenize');
  });

  it('dates get their form; dates in no form are tokenized', () => {
    const d = drafted({ dob: seq(30, (i) => `${13 + (i % 15)}/0${1 + (i % 9)}/19${50 + i}`), birth_date: seq(30, (i) => `${10 + (i % 18)}.0${1 + (i % 9)}.${50 + i}`) });
    assert.deepEqual(d.get('dob'), { operator: 'generalize', params: { kind: 'date', to: 'year', format: 'DD/MM/YYYY' } });
    assert.equal(d.get('birth_date')?.operator, 'tokenize');
  });

  it('a card column holding a value too short for format-preserving encryption is tokenized', () => {
    // fpe keeps the last four digits and encrypts the rest: a value of four digits or fewer leaves it
    // nothing (ERR_FPE_DOMAIN), which protect would meet at that row.
    const cards = ['4111111111111111', '5555555555554444', '378282246310005', '6011000000000004', '4000056655665556'];
    const d = drafted({ card_number: seq(40, (i) => cards[i % cards.length]!), cc: seq(40, (i) => (i === 7 ? '0' : cards[i % cards.length]!)) });
    assert.deepEqual(d.get('card_number'), { operator: 'fpe', params: { keepLast: 4 } });
    assert.equal(d.get('cc')?.operator, 'tokenize');
  });
});
