// The shared reader of regex source text (regex-source.ts) that required-chars and word-starts build
// on: where classes and groups end, what quantifiers allow, which group openings are read, and the
// i/u flag rule for 's' and 'k'. Each case is one the prefilters would get wrong if it changed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { atLookaround, enterGroup, leaveGroup, mayBeNonAscii, readerOf, readQuantifier, skipBracketed, Unread } from '../../../src/detect/regex-source.js';

describe('skipBracketed', () => {
  it('ends a class or group after its own closing bracket, escapes and classes within followed', () => {
    const cases: [string, number][] = [
      ['[ab]c', 4],
      ['[\\]]c', 4],
      ['[(]c', 3],
      ['(a)b', 3],
      ['(a(b)c)d', 7],
      ['(a[)]b)c', 7],
      ['(a\\)b)c', 6],
      ['(?:a|[|)])x', 10],
    ];
    for (const [src, end] of cases) assert.equal(skipBracketed(src, 0), end, src);
  });

  it('throws Unread on an unclosed class or group', () => {
    for (const src of ['[ab', '(a[)]', '(a\\)']) assert.throws(() => skipBracketed(src, 0), Unread, src);
  });
});

describe('readQuantifier', () => {
  it('reads the fewest occurrences a quantifier allows, and its lazy mark', () => {
    const cases: [string, number | undefined, number][] = [
      ['?x', 0, 1],
      ['*x', 0, 1],
      ['+x', 1, 1],
      ['+?x', 1, 2],
      ['{0,2}x', 0, 5],
      ['{3}x', 3, 3],
      ['{2,}?x', 2, 5],
      ['x', undefined, 0],
    ];
    for (const [src, min, after] of cases) {
      const r = readerOf(new RegExp(src.replace(/^[?*+{]/, 'a$&')), 1);
      assert.equal(readQuantifier(r), min, src);
      assert.equal(r.i, after + 1, src);
    }
  });

  it('throws Unread on a brace it cannot read as a quantifier', () => {
    const r = { src: 'a{,2}', i: 1, fold: false, unicode: false };
    assert.throws(() => readQuantifier(r), Unread);
  });
});

describe('groups', () => {
  it('tells lookarounds from groups', () => {
    for (const src of ['(?=a)', '(?!a)', '(?<=a)', '(?<!a)']) assert.equal(atLookaround(readerOf(new RegExp(src))), true, src);
    for (const src of ['(a)', '(?:a)', '(?<n>a)']) assert.equal(atLookaround(readerOf(new RegExp(src))), false, src);
  });

  it('enters plain, non-capturing and named groups at their body and leaves at their closing bracket', () => {
    for (const [src, body] of [['(ab)', 1], ['(?:ab)', 3], ['(?<name>ab)', 8]] as const) {
      const r = readerOf(new RegExp(src));
      enterGroup(r);
      assert.equal(r.i, body, src);
      r.i += 2;
      leaveGroup(r);
      assert.equal(r.i, src.length, src);
    }
  });

  it('throws Unread on group syntax it does not read, and on a missing closing bracket', () => {
    assert.throws(() => enterGroup({ src: '(?i:a)', i: 0, fold: false, unicode: false }), Unread);
    assert.throws(() => enterGroup({ src: '(?<a', i: 0, fold: false, unicode: false }), Unread);
    assert.throws(() => leaveGroup({ src: '(a|b', i: 4, fold: false, unicode: false }), Unread);
  });
});

describe('mayBeNonAscii', () => {
  it('holds for codes past 127, and for s and k (either case) under the i and u flags only', () => {
    const code = (c: string): number => c.charCodeAt(0);
    assert.equal(mayBeNonAscii(readerOf(/x/), code('é')), true);
    for (const c of ['s', 'S', 'k', 'K']) {
      assert.equal(mayBeNonAscii(readerOf(/x/iu), code(c)), true, c);
      assert.equal(mayBeNonAscii(readerOf(/x/i), code(c)), false, c);
      assert.equal(mayBeNonAscii(readerOf(/x/u), code(c)), false, c);
    }
    for (const c of ['a', 'z', 'j', '3', ':']) assert.equal(mayBeNonAscii(readerOf(/x/iu), code(c)), false, c);
    // The ſ (U+017F) and the Kelvin sign (U+212A) that make the rule: they do match under iu.
    assert.equal(/s/iu.test('\u017f') && /k/iu.test('\u212a'), true);
    assert.equal(/s/i.test('\u017f') || /k/i.test('\u212a'), false);
  });
});
