// requiredSets() reads from a regex's source sets of ASCII characters every match contains one of
// (requiredChars(): those of one character); the engine skips a pattern or a `requires` test when the
// text holds no character of one of them. It must never claim a set a match can avoid: checked on
// known sources (alternations, optional and zero-count atoms, groups, classes, escapes, the i and u
// flags) and on every match of every default pattern and `requires` test over the development sets
// and their cased copies. And a custom pattern whose sets are absent finds nothing, one whose sets are
// present finds what the regex finds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { requiredChars, requiredSets } from '../../../src/detect/required-chars.js';
import { analyze } from '../../../src/detect/analyze.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import type { Recognizer } from '../../../src/detect/types.js';
import { devTexts } from '../../helpers/dev-texts.js';

/** Every pattern regex and requires test of the default recognizers. */
function defaultRegexes(): RegExp[] {
  return DEFAULT_RECOGNIZERS.flatMap((r) => [...r.patterns.flatMap((p) => (p.requires === undefined ? [p.regex] : [p.regex, p.requires])), ...(r.requires === undefined ? [] : [r.requires])]);
}

describe('requiredChars', () => {
  it('reads the literal characters of the top-level sequence, and nothing it cannot be sure of', () => {
    const cases: [RegExp, string][] = [
      [/(?<![\w/.-])\d{1,2}\/\d{1,2}\/\d{4}/, '/'],
      [/\d:\d/, ':'],
      [/a@b/, '@ab'],
      [/A@b/i, '@'],
      [/jan|feb/i, ''],
      [/(?:a|b)-c/, '-c'],
      [/x-?y/, 'xy'],
      [/x-*y/, 'xy'],
      [/x-{0,2}y/, 'xy'],
      [/x-{1,2}y/, '-xy'],
      [/x-+?y/, '-xy'],
      [/[-:]\d/, ''],
      [/\p{L}:/u, ''],
      [/\u0041:/, ''],
      [/(a)\1:/, ''],
      [/\.\\/, '.\\'],
      [/a[\]:]b/, 'ab'],
      [/a(?=:)b/, 'ab'],
      [new RegExp('[a-z]--', 'v'), ''],
      [/^a$/, 'a'],
      [/é:/, ':'],
    ];
    for (const [re, want] of cases) assert.equal(requiredChars(re), want, String(re));
  });

  it('reads sets: both cases under i, class members, what every branch requires, a set from each branch', () => {
    const cases: [RegExp, string[]][] = [
      [/zip|postal|post/i, ['Pp']],
      [/[mf]\d/, ['fm']],
      [/[mf]\d/i, ['FMfm']],
      [/bc1/i, ['1', 'Bb', 'Cc']],
      // Under iu, 's' and 'k' also match 'ſ' and the Kelvin sign: no set for them.
      [/sk/iu, []],
      [/[a-s]/iu, []],
      [/x(?:ab|cd)/, ['x', 'bc']],
      [/(?:ab|a)c/, ['a', 'c']],
      [/(?<v>q)z/, ['q', 'z']],
      [/(?:q|)z/, ['z']],
      [/(?:q)?z/, ['z']],
      [/(?=q)z/, ['z']],
      [/(?<!q)z/, ['z']],
      [/[^q]z/, ['z']],
      [/[\dq]z/, ['z']],
      [/[\p{L}q]z/u, ['z']],
      [/[éq]z/, ['z']],
      [/\nz/, ['\n', 'z']],
      [/\p{L}z/u, []],
      [/(q)\1z/, []],
      [/(?:[ab]|\d)z/, ['z']],
    ];
    for (const [re, want] of cases) assert.deepEqual([...requiredSets(re)].sort(), [...want].sort(), String(re));
  });

  it('holds on every match of every default pattern and requires test over the development sets', () => {
    const texts = devTexts();
    let checked = 0;
    const regexes = defaultRegexes();
    for (const source of regexes) {
      const chars = requiredChars(source);
      if (chars === '') continue;
      const re = new RegExp(source.source, source.flags.replace(/[gy]/g, '') + 'g');
      for (const t of texts) {
        for (const m of t.matchAll(re)) {
          checked++;
          for (const c of chars) assert.ok(m[0].includes(c), `${String(source)} matched without ${JSON.stringify(c)}`);
        }
      }
    }
    assert.ok(checked > 1000, `only ${checked} matches checked`);
  });

  it('holds its sets on every match of every default pattern and requires test over the development sets', () => {
    const texts = devTexts();
    let checked = 0;
    let sets = 0;
    const regexes = defaultRegexes();
    for (const source of regexes) {
      const required = requiredSets(source, Infinity).filter((s) => s.length > 1);
      if (required.length === 0) continue;
      sets += required.length;
      const re = new RegExp(source.source, source.flags.replace(/[gy]/g, '') + 'g');
      for (const t of texts) {
        for (const m of t.matchAll(re)) {
          checked++;
          for (const s of required) assert.ok([...s].some((c) => m[0].includes(c)), `${String(source)} matched ${JSON.stringify(m[0])} without one of ${JSON.stringify(s)}`);
        }
      }
    }
    assert.ok(sets > 40, `only ${sets} sets read`);
    assert.ok(checked > 1000, `only ${checked} matches checked`);
  });

  it('lets the engine skip a pattern only when a required character is absent', () => {
    const rec: Recognizer = { id: 'test-colon', entity: 'MEDICAL_RECORD_NUMBER', patterns: [{ name: 'c', regex: /\b[A-Z]{2}:\d{3}\b/, score: 0.9 }] };
    assert.deepEqual(analyze('ref AB:123 and CD:456', [rec]).map((f) => [f.start, f.end]), [[4, 10], [15, 21]]);
    assert.deepEqual(analyze('ref AB;123 and CD 456', [rec]), []);
  });

  it('lets the engine skip a pattern only when a text holds no character of one of its sets', () => {
    const rec: Recognizer = { id: 'test-sets', entity: 'MEDICAL_RECORD_NUMBER', patterns: [{ name: 's', regex: /\b(?:zip|post)[ -](?:[mf]\d{3})\b/i, score: 0.9 }] };
    assert.deepEqual(analyze('ZIP-M123 and post f456', [rec]).map((f) => [f.start, f.end]), [[0, 8], [13, 22]]);
    assert.deepEqual(analyze('zi-M123 and ost f456', [rec]), []);
    assert.deepEqual(analyze('zip-x123', [rec]), []);
  });
});
