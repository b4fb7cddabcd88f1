// The engine's rules, with small recognizers defined here: validation decides, context raises,
// deny rules drop look-alikes, overlaps keep the best, offsets are UTF-16, input is bounded.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, contextHits, resolveOverlaps, MAX_TEXT_LENGTH } from '../../../src/detect/analyze.js';
import type { Recognizer } from '../../../src/detect/types.js';

const digits: Recognizer = {
  id: 'test-digits',
  entity: 'US_BANK_NUMBER',
  patterns: [{ name: 'eight', regex: /\b\d{8}\b/, score: 0.3 }],
  context: ['account', 'bank'],
  validator: { name: 'even-sum', validate: (s) => ([...s].reduce((a, c) => a + Number(c), 0) % 2 === 0 ? 'valid' : 'invalid') },
  validScore: 0.45,
  deny: (text, start) => (/order\s*#?\s*$/i.test(text.slice(Math.max(0, start - 10), start)) ? 'order number' : undefined),
};

const keyed: Recognizer = {
  id: 'test-keyed',
  entity: 'AGE',
  patterns: [{ name: 'aged', regex: /\baged (?<v>\d{1,3})\b/, score: 0.8 }],
};

describe('analyze', () => {
  it('validator decides: invalid drops, valid sets the score', () => {
    assert.deepEqual(analyze('x 12345679 y', [digits], { threshold: 0 }), []); // odd sum
    const [f] = analyze('x 12345678 y', [digits], { threshold: 0 });
    assert.equal(f!.score, 0.45);
    assert.deepEqual(f!.explanation.validator, { name: 'even-sum', result: 'valid' });
    assert.equal(f!.start, 2);
    assert.equal(f!.end, 10);
  });

  it('context words on either side raise the score and are explained', () => {
    const [f] = analyze('my bank account is 12345678', [digits], { threshold: 0 });
    assert.equal(f!.score, 0.8);
    assert.deepEqual(f!.explanation.contextWords, ['account', 'bank']);
    assert.equal(f!.explanation.contextBoost, 0.35);
    const [g] = analyze('12345678 is my account', [digits], { threshold: 0 });
    assert.equal(g!.score, 0.8);
    // too far away: more than five words between
    const [h] = analyze('account one two three four five six 12345678', [digits], { threshold: 0 });
    assert.equal(h!.score, 0.45);
  });

  it('deny rules drop look-alikes', () => {
    assert.deepEqual(analyze('order #12345678', [digits], { threshold: 0 }), []);
  });

  it('threshold and entity filters apply', () => {
    assert.deepEqual(analyze('x 12345678', [digits]), []); // 0.45 < 0.5
    assert.equal(analyze('account 12345678', [digits]).length, 1);
    assert.deepEqual(analyze('account 12345678', [digits], { entities: ['PERSON'] }), []);
  });

  it('a named group v narrows the span; offsets are UTF-16 code units', () => {
    const text = '😀 aged 42';
    const [f] = analyze(text, [keyed]);
    assert.equal(text.slice(f!.start, f!.end), '42');
    assert.equal(f!.start, 8);
  });

  it('overlaps keep the higher score, then the longer span', () => {
    const mk = (start: number, end: number, score: number) => ({ entity: 'PERSON' as const, start, end, score, explanation: { recognizer: 'x', pattern: 'p', baseScore: score, contextWords: [], contextBoost: 0 } });
    const kept = resolveOverlaps([mk(0, 5, 0.6), mk(3, 10, 0.9), mk(12, 14, 0.5), mk(12, 16, 0.5)]);
    assert.deepEqual(kept.map((k) => [k.start, k.end]), [[3, 10], [12, 16]]);
  });

  it('overlap resolution agrees with the quadratic definition on random findings', () => {
    const mk = (start: number, end: number, score: number) => ({ entity: 'PERSON' as const, start, end, score, explanation: { recognizer: 'x', pattern: 'p', baseScore: score, contextWords: [], contextBoost: 0 } });
    let seed = 1;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 200; round++) {
      const fs = Array.from({ length: 1 + Math.floor(rand() * 40) }, () => {
        const start = Math.floor(rand() * 100);
        return mk(start, start + 1 + Math.floor(rand() * 12), Math.round(rand() * 10) / 10);
      });
      const sorted = [...fs].sort((a, b) => b.score - a.score || (b.end - b.start) - (a.end - a.start) || a.start - b.start);
      const naive: typeof fs = [];
      for (const f of sorted) if (!naive.some((k) => f.start < k.end && k.start < f.end)) naive.push(f);
      naive.sort((a, b) => a.start - b.start);
      assert.deepEqual(resolveOverlaps(fs), naive);
    }
  });

  it('context matching is whole-word (with stems of 4+ letters)', () => {
    assert.deepEqual(contextHits('the accounts hold', 13, 17, ['account']), ['account']);
    assert.deepEqual(contextHits('xbank 1', 6, 7, ['bank']), []);
  });

  it('context found by the per-text word index equals contextHits at any span, inside words too', () => {
    // The engine looks context up in word runs indexed once per text (ASCII texts); contextHits
    // scans the windows with the Unicode word regex. Spans here start and end anywhere, so words cut
    // by a span edge or a window edge (100 characters) are covered, and lists repeat and nest words.
    const context = ['account', 'acc', 'bank', 'on', 'at', 'routing', 'rout', 'no.', 'd/c', 'bank', 'x9', 'Bank', 'see accounts', 'acco', 'x90o'];
    const base = 'Bank acct no. 12345678 at First routing bank; see accounts on 3/4 d/c x9 x90 onboarding ';
    const texts = [base, base.repeat(4), `ACCOUNTS${base.toUpperCase()}`, 'ab', ''];
    let x = 12345;
    const next = (n: number): number => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) % Math.max(1, n));
    for (const text of texts) {
      for (let i = 0; i < 300; i++) {
        const start = next(text.length);
        const end = Math.min(text.length, start + 1 + next(20));
        if (end <= start) continue;
        const at: Recognizer = { id: 'test-at', entity: 'AGE', patterns: [], cutsWords: true, context, find: () => [{ start, end, score: 0.1, pattern: 'at' }] };
        const [f] = analyze(text, [at], { threshold: 0 });
        assert.deepEqual(f!.explanation.contextWords, contextHits(text, start, end, context), `${JSON.stringify(text.slice(0, 20))} ${start}-${end}`);
      }
    }
  });

  it('answers each call by the options it is given, when a caller reuses or changes its options between calls', () => {
    const two: Recognizer[] = [
      { id: 'test-a', entity: 'AGE', patterns: [{ name: 'a', regex: /\baaa\b/, score: 0.6 }] },
      { id: 'test-b', entity: 'PERSON', patterns: [{ name: 'b', regex: /\bbbb\b/, score: 0.4 }] },
    ];
    const found = (o?: Parameters<typeof analyze>[2]) => analyze('aaa bbb', two, o).map((f) => f.entity).join(',');
    const entities: ('AGE' | 'PERSON')[] = ['AGE'];
    const options = { entities, threshold: 0.3 };
    assert.equal(found(options), 'AGE');
    assert.equal(found(options), 'AGE');
    entities[0] = 'PERSON'; // the same array, changed in place
    assert.equal(found(options), 'PERSON');
    entities.push('AGE');
    assert.equal(found(options), 'AGE,PERSON');
    assert.equal(found({ entities: ['AGE', 'PERSON'], threshold: 0.5 }), 'AGE');
    assert.equal(found({ threshold: 0.5 }), 'AGE');
    assert.equal(found({ threshold: 0.3 }), 'AGE,PERSON');
    assert.equal(found(), 'AGE');
    assert.equal(found({ profile: 'secrets', threshold: 0.3 }), '');
    assert.equal(found({ threshold: 0.3 }), 'AGE,PERSON');
  });

  it('bounds the input size', () => {
    assert.throws(() => analyze('a'.repeat(MAX_TEXT_LENGTH + 1), [digits]), { code: 'ERR_INPUT_INVALID' });
  });
});
