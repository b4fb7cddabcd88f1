// National id formats with checksums: published example numbers pass; the same numbers with one
// digit changed fail.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nationalIdCountry } from '../../../src/detect/columns/index.js';

// [country, valid example, the same with one character changed]
const VECTORS: ReadonlyArray<readonly [string, string, string]> = [
  ['ZA', '8001015009087', '8001015009088'],
  ['FR', '2 55 08 14 168 025 38', '2 55 08 14 168 025 39'],
  ['DK/IS', '190641-4941', '193341-4941'],
  ['SE', '811218-9876', '811218-9877'],
  ['FI', '131052-308T', '131052-308U'],
  ['PL', '44051401359', '44051401358'],
  ['NO', '01010750160', '01010750161'],
  ['BR', '111.444.777-35', '111.444.777-36'],
  ['GB', 'AB 12 34 56 C', 'QQ 12 34 56 C'],
  ['CA', '130 692 544', '130 692 545'],
  ['ES', '12345678Z', '12345678A'],
  ['ES', 'X1234567L', 'X1234567M'],
  ['IT', 'RSSMRA85T10A562S', 'RSSMRA85T10A562T'],
  ['CN', '11010519491231002X', '110105194912310021'],
  ['BE', '85.07.30-033.28', '85.07.30-033.29'],
];

describe('nationalIdCountry', () => {
  for (const [country, good, bad] of VECTORS) {
    it(`${country}: ${good} passes, ${bad} fails`, () => {
      assert.equal(nationalIdCountry(good), country);
      assert.equal(nationalIdCountry(bad), undefined);
    });
  }
  it('ordinary numbers are not national ids', () => {
    for (const v of ['123456789', '4111111111111111', '2024-01-01', 'hello world', '']) assert.equal(nationalIdCountry(v), undefined);
  });
});
