// The word lists' hash table (gazetteers/key-table.ts) answers exactly what a Map from every key to the
// OR of its lists' bits answers: every key of every list, every place/country prefix, near misses
// (one character changed, added or dropped), and words looked up in place from a text in any casing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KeyTable } from '../../../src/detect/gazetteers/key-table.js';
import { memberships, membershipsAt, PLACE_PREFIX } from '../../../src/detect/gazetteers/index.js';
import { lookupKey } from '../../../src/detect/gazetteers/key.js';
import { COUNTRIES } from '../../../src/detect/gazetteers/data/countries.js';
import { FIRST_NAMES } from '../../../src/detect/gazetteers/data/first-names.js';
import { LAST_NAMES } from '../../../src/detect/gazetteers/data/last-names.js';
import { PLACES } from '../../../src/detect/gazetteers/data/places.js';
import { COMMON_WORDS } from '../../../src/detect/gazetteers/data/common-words.js';

/** The reference: the Map the table replaced (lists given as bit → data). */
function referenceMap(lists: readonly (readonly [number, string])[], prefixLists: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const [bit, data] of lists) for (const key of data.split('\n')) m.set(key, (m.get(key) ?? 0) | bit);
  for (const data of prefixLists) {
    for (const entry of data.split('\n')) {
      for (let at = entry.indexOf(' '); at > 0; at = entry.indexOf(' ', at + 1)) {
        const prefix = entry.slice(0, at);
        m.set(prefix, (m.get(prefix) ?? 0) | PLACE_PREFIX);
      }
    }
  }
  return m;
}

describe('word-list key table', () => {
  it('holds the same keys and bits as a Map over the shipped lists', () => {
    const lists = [[1, FIRST_NAMES], [2, LAST_NAMES], [4, PLACES], [8, COUNTRIES], [32, COMMON_WORDS]] as const;
    const ref = referenceMap(lists, []);
    for (const [key, bits] of ref) {
      // memberships() covers every list; the lists here are a subset, so compare their bits only.
      assert.equal(memberships(key) & 47, bits, key);
    }
    // Prefixes of many-word places and countries.
    const prefixes = referenceMap([], [PLACES, COUNTRIES]);
    assert.ok(prefixes.size > 1000);
    for (const key of prefixes.keys()) assert.equal(memberships(key) & PLACE_PREFIX, PLACE_PREFIX, key);
  });

  it('misses near misses and answers words in place in any casing', () => {
    const ref = referenceMap([[1, FIRST_NAMES], [2, LAST_NAMES], [4, PLACES], [8, COUNTRIES], [32, COMMON_WORDS]], []);
    const words = FIRST_NAMES.split('\n').filter((_, i) => i % 7 === 0).slice(0, 3000);
    let absent = 0;
    for (const w of words) {
      for (const variant of [w + 'q', w.slice(1), w.slice(0, -1), 'x' + w]) {
        const bits = ref.get(variant) ?? 0;
        if (bits === 0) absent++;
        assert.equal(memberships(variant) & 47, bits, variant);
      }
      const text = `  ${w.toUpperCase()}, ${w[0]!.toUpperCase() + w.slice(1)}; ${w} `;
      let at = 0;
      for (const form of [w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1), w]) {
        at = text.indexOf(form, at);
        // What a token of that form looked up by its key got ("akpıra" upper-cased is "AKPIRA", another key).
        const expected = memberships(lookupKey(form));
        if (/^[\x00-\x7f]*$/.test(w)) assert.equal(expected, memberships(w), form);
        assert.equal(membershipsAt(text, at, at + form.length), expected, form);
        at += form.length;
      }
    }
    assert.ok(absent > 1000);
  });

  it('a small table: duplicates across lists OR their bits, absent keys give 0, long keys are refused', () => {
    const a = 'alpha\nbeta\ngamma delta';
    const b = 'beta\nGAMMA\nzeta';
    const t = new KeyTable([a, b], 8);
    const add = (list: number, data: string, bit: number) => {
      for (let s = 0; ;) {
        const nl = data.indexOf('\n', s);
        t.add(list, s, nl < 0 ? data.length : nl, bit);
        if (nl < 0) break;
        s = nl + 1;
      }
    };
    add(0, a, 1);
    add(1, b, 2);
    assert.equal(t.get('alpha'), 1);
    assert.equal(t.get('beta'), 3);
    assert.equal(t.get('gamma delta'), 1);
    assert.equal(t.get('gamma'), 0);
    assert.equal(t.get('GAMMA'), 2);
    assert.equal(t.get('zeta'), 2);
    assert.equal(t.get(''), 0);
    assert.equal(t.getFolded('x Beta y', 2, 6), 3);
    assert.equal(t.getFolded('x ZETA y', 2, 6), 2);
    assert.equal(t.getFolded('x Zéta y', 2, 6), -1);
    assert.throws(() => t.add(0, 0, 300, 1), RangeError);
  });

  it('fromLines builds the very table add() builds line by line, prefixes included', () => {
    /** add() of each line, then of its proper prefixes ending before a space: the reference build. */
    const byAdd = (data: readonly string[], lists: readonly { bit: number; prefixBit?: number }[], keys: number): KeyTable => {
      const t = new KeyTable(data, keys);
      lists.forEach(({ bit, prefixBit }, list) => {
        const d = data[list]!;
        for (let s = 0; ;) {
          const nl = d.indexOf('\n', s);
          const end = nl < 0 ? d.length : nl;
          t.add(list, s, end, bit);
          if (prefixBit !== undefined) for (let at = d.indexOf(' ', s); at > s && at < end; at = d.indexOf(' ', at + 1)) t.add(list, s, at, prefixBit);
          if (nl < 0) break;
          s = nl + 1;
        }
      });
      return t;
    };
    const slotsOf = (t: KeyTable): Int32Array => (t as unknown as { slots: Int32Array }).slots;
    const small = ['new york\nnew south wales\n lead space\nyork\n\nbeta', 'york\nnew\nbeta\nnew south wales'];
    const smallLists = [{ bit: 1, prefixBit: 4 }, { bit: 2 }];
    const s = KeyTable.fromLines(small, smallLists, 3);
    assert.deepEqual(slotsOf(s), slotsOf(byAdd(small, smallLists, 12 + 3)));
    assert.equal(s.get('new'), 6);
    assert.equal(s.get('new south'), 4);
    assert.equal(s.get('york'), 3);
    assert.equal(s.get(' lead'), 0);
    assert.equal(s.get(''), 1);
    assert.throws(() => KeyTable.fromLines(['x'.repeat(256)], [{ bit: 1 }], 0), RangeError);
    // The shipped lists that make up most of the table, with the places' prefixes.
    const data = [FIRST_NAMES, LAST_NAMES, PLACES, COUNTRIES, COMMON_WORDS];
    const lists = [{ bit: 1 }, { bit: 2 }, { bit: 4, prefixBit: 2048 }, { bit: 8, prefixBit: 2048 }, { bit: 32 }];
    const built = KeyTable.fromLines(data, lists, 0);
    const keys = data.reduce((n, d) => n + d.split('\n').length, 0) + (PLACES + COUNTRIES).split(' ').length - 1;
    assert.deepEqual(slotsOf(built), slotsOf(byAdd(data, lists, keys)));
  });

  it('its cache of recent keys answers as the table does: after an add, across casings, for colliding and long keys', () => {
    const a = 'beta\na very long place name here\nkappa';
    const b = 'beta\na very long place name here';
    const t = new KeyTable([a, b], 8);
    t.add(0, 0, 4, 1);
    assert.equal(t.get('beta'), 1);
    assert.equal(t.getFolded('BETA', 0, 4), 1); // answered from the cache
    t.add(1, 0, 4, 2); // the key's bits change: the cached answer must not be served
    assert.equal(t.get('beta'), 3);
    assert.equal(t.getFolded('x Beta', 2, 6), 3);
    const long = 'a very long place name here';
    t.add(0, a.indexOf(long), a.indexOf(long) + long.length, 4);
    assert.equal(t.get(long), 4); // longer than the cache holds
    t.add(1, b.indexOf(long), b.indexOf(long) + long.length, 8);
    assert.equal(t.get(long), 12);
    assert.equal(t.get('kappa'), 0);
    t.add(0, a.indexOf('kappa'), a.length, 16);
    assert.equal(t.get('kappa'), 16);
    // Thousands of keys share the cache's 4,096 entries: asked in turn, twice, each answer is the table's.
    const ref = referenceMap([[1, FIRST_NAMES], [4, PLACES]], []);
    const keys = [...ref.keys()].filter((_, i) => i % 5 === 0).slice(0, 20000);
    for (let round = 0; round < 2; round++) {
      for (const key of keys) {
        assert.equal(memberships(key) & 5, ref.get(key), key);
        assert.equal(memberships(key + 'zq') & 5, 0, key);
      }
    }
  });
});
