// Null markers: which ones a sample's draft takes (unambiguous ones anywhere; NA, None and "-" only
// from a column none of whose other values is spelled like them), how a record reads with them, and
// which lists a contract or --null-values may give.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AMBIGUOUS_NULL_MARKERS, draftNullValues, draftedNullsOf, nullMarkersOf, NULL_MARKERS, nullsRead, withoutNullMarkers } from '../../../src/io/null-values.js';
import { nullValuesProblem } from '../../../src/contracts/null-values-spec.js';
import { parseNullValuesOption } from '../../../src/cli/options.js';
import { isCordonError } from '../../../src/errors.js';

const rows = (column: string, values: readonly string[]) => values.map((v) => ({ [column]: v }));

describe('draftNullValues', () => {
  it('takes every unambiguous marker the sample holds, in any column, for the whole dataset', () => {
    for (const m of NULL_MARKERS) {
      const d = draftNullValues([...rows('name', ['Ana Ruiz', m, 'Bo Li'])], ['name']);
      assert.deepEqual(d.dataset, [m], m);
      assert.equal(d.columns.size, 0);
    }
  });

  it('keeps the catalogue order and reports each marker once', () => {
    const records = [{ a: 'NULL', b: '\\N' }, { a: '\\N', b: '#N/A' }, { a: 'x', b: 'NULL' }];
    assert.deepEqual(draftNullValues(records, ['a', 'b']).dataset, ['\\N', 'NULL', '#N/A']);
  });

  it('takes an ambiguous marker only for a column whose other values are not spelled like it', () => {
    const phones = ['+1 415 555 0100', 'NA', '+1 415 555 0101', 'None', '-'];
    const d = draftNullValues(rows('phone', phones), ['phone']);
    assert.deepEqual(d.dataset, []);
    assert.deepEqual(d.columns.get('phone'), ['NA', 'None', '-']);
    // Namibia among country codes, a surname among surnames, a sign among signs: values, not markers.
    assert.equal(draftNullValues(rows('country', ['US', 'NA', 'DE']), ['country']).columns.size, 0);
    assert.equal(draftNullValues(rows('surname', ['Kim', 'Na', 'Lee', 'None']), ['surname']).columns.size, 0);
    assert.equal(draftNullValues(rows('sign', ['+', '-', '+']), ['sign']).columns.size, 0);
  });

  it('a column list carries the dataset markers too (it replaces them for that column)', () => {
    const records = [{ phone: 'NA', dob: 'NULL' }, { phone: '555-201-0193', dob: '1980-01-02' }];
    const d = draftNullValues(records, ['phone', 'dob']);
    assert.deepEqual(d.dataset, ['NULL']);
    assert.deepEqual(d.columns.get('phone'), ['NULL', 'NA']);
    assert.deepEqual(draftedNullsOf(d, 'dob'), ['NULL']);
    assert.deepEqual(withoutNullMarkers(records, ['phone', 'dob'], d), [{ phone: null, dob: null }, records[1]]);
  });

  it('finds nothing in a sample without markers, and never takes an empty cell for one', () => {
    const d = draftNullValues([{ a: '', b: 'x' }, { a: 'y', b: '' }], ['a', 'b']);
    assert.deepEqual(d, { dataset: [], columns: new Map() });
    for (const m of AMBIGUOUS_NULL_MARKERS) assert.ok(!NULL_MARKERS.includes(m));
  });
});

describe('nullsRead', () => {
  it('reads a column\'s markers as null and returns the record itself when it holds none', () => {
    const markers = nullMarkersOf([{ name: 'a', nullValues: ['NULL'] }, { name: 'b' }, { name: 'c', nullValues: [] }])!;
    assert.deepEqual([...markers.keys()], ['a']);
    const r = { a: 'NULL', b: 'NULL', c: 'NULL' };
    assert.deepEqual(nullsRead(r, markers), { a: null, b: 'NULL', c: 'NULL' });
    assert.deepEqual(r, { a: 'NULL', b: 'NULL', c: 'NULL' }, 'the input record is not changed');
    const plain = { a: 'null', b: 'x', c: null };
    assert.equal(nullsRead(plain, markers), plain, 'markers match exactly, case included');
    assert.equal(nullMarkersOf([{ name: 'a' }]), undefined);
  });
});

describe('nullValuesProblem and --null-values', () => {
  it('accepts distinct non-empty markers and refuses the rest with a reason', () => {
    assert.equal(nullValuesProblem(['NULL', '\\N', 'NA']), undefined);
    assert.equal(nullValuesProblem([]), undefined);
    for (const bad of ['NULL', [''], ['NULL', 'NULL'], [' NA'], [42], ['x'.repeat(33)], Array.from({ length: 33 }, (_, i) => `m${i}`)]) {
      assert.match(nullValuesProblem(bad) ?? '', /./, JSON.stringify(bad));
    }
    assert.deepEqual(parseNullValuesOption('NULL, \\N ,NA'), ['NULL', '\\N', 'NA']);
    assert.deepEqual(parseNullValuesOption(''), []);
    assert.throws(() => parseNullValuesOption('NA,NA'), (e) => isCordonError(e) && e.code === 'ERR_USAGE');
  });
});
