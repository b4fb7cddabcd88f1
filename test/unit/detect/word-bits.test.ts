// A finder's small word set registered as a bit of the shared list table (gazetteers wordBit) answers
// exactly what the Set answers for a token's lookup key: over the set's own words in three casings,
// near misses, words of the big lists, and a text's tokens; here registered after the table is built
// (the finders register theirs at import, before it, which every detection test runs through).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { COMMON_WORD, FIRST_NAME, memberships, wordBit } from '../../../src/detect/gazetteers/index.js';
import { inList, tokenize } from '../../../src/detect/tokens.js';
import { COMMON_WORDS } from '../../../src/detect/gazetteers/data/common-words.js';

describe('word sets as list bits', () => {
  it('answers Set.has(lower) for a set registered after the table is built, keeping the lists', () => {
    memberships('the'); // the table exists from here on
    const words = new Set(['zu', 'señora', 'of', 'mary', 'st', 'upon', 'o\'brien', 'saint-dié']);
    const bit = wordBit(words);
    assert.equal(wordBit(words), bit, 'the same set keeps its bit');
    assert.equal(bit & (bit - 1), 0, 'one bit');
    assert.notEqual(memberships('mary') & FIRST_NAME, 0, 'a list word keeps its list bit');
    assert.notEqual(memberships('of') & COMMON_WORD, 0);
    const probes = [...words, ...[...words].map((w) => w.slice(1)), ...[...words].map((w) => `${w}s`), 'senora', 'saint-die', 'x', 'marY', ...COMMON_WORDS.split('\n').slice(0, 3000)];
    for (const w of probes) assert.equal((memberships(w) & bit) !== 0, words.has(w), w);
    const text = 'Mary of ZU met Señora Upon, ST and saint-dié; O\'Brien upon Marys, of. SENORA zU';
    for (const t of tokenize(text).tokens) assert.equal(inList(t, bit), words.has(t.lower), t.lower);
  });

  it('gives each set its own bit', () => {
    const a = wordBit(['alpha-set-word']);
    const b = wordBit(['beta-set-word']);
    assert.notEqual(a, b);
    assert.equal(memberships('alpha-set-word') & b, 0);
    assert.equal(memberships('beta-set-word') & a, 0);
    assert.notEqual(memberships('beta-set-word') & b, 0);
  });
});
