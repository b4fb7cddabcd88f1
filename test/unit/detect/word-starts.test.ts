// startKeys() reads from a regex's source the first two or three characters (lower-cased) one of which
// every match starts a word with; the engine skips a pattern when no word of the text starts with one
// of them (word-starts.ts). It must never claim a start a match can avoid: checked on known sources
// (alternations, optional atoms, lookarounds, classes, the i and u flags) and on every match of every
// default pattern over the development sets and their cased copies, through the same tables the engine
// reads. And a custom pattern is skipped on a text without its start, and finds what the regex finds
// on a text with it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { markWordStarts, startKeys, startsOneOf, TABLE_WORDS, wordStartsOf } from '../../../src/detect/word-starts.js';
import { analyze } from '../../../src/detect/analyze.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import type { Recognizer } from '../../../src/detect/types.js';
import { devTexts } from '../../helpers/dev-texts.js';

describe('startKeys', () => {
  it('reads the leading literal words after \\b, and nothing it cannot be sure of', () => {
    const cases: [RegExp, string[] | undefined][] = [
      [/\b(?:MRN|med\.?\s+rec)\s*\d+/i, ['mrn', 'med']],
      [/\bDLN?:/, ['dl']],
      [/\bage[ds]?\s\d/i, ['age']],
      [/\b(?:on|since)\s\d/, ['on', 'sin']],
      [/\b(?:(?:driver|driving)s?|DL)\b/i, ['dri', 'dl']],
      [/\bpost(?=code)/, ['pos']],
      [/\bi(?= )am/, ['iam']],
      [/\b(?:a|bc)d/, ['ad', 'bcd']],
      [/\b(?:a|bc)?d/, undefined], // the group may be absent: 'd' alone
      [/\ba\d/, undefined], // one character
      [/\b[ab]cd/, undefined],
      [/\b.cd/, undefined],
      [/\ba{2}b/, undefined],
      [/(?<!\w)age/, undefined], // no \b first
      [/\bask/iu, undefined], // 's' may match 'ſ' under iu: the key ends at 'a'
      [/\bkin/iu, undefined],
      [/\bask/u, ['ask']],
      [/\b'ab/, undefined], // the first character is no word character
      [/\bé:/, undefined],
      [/\bab|cd/, undefined], // the \b binds the first branch only
      [new RegExp('\\b[a-z]--', 'v'), undefined],
    ];
    for (const [re, expected] of cases) assert.deepEqual(startKeys(re), expected, String(re));
  });
});

describe('word starts', () => {
  it('every match of every default pattern starts a word with one of its keys, in the tables the engine reads', () => {
    const two = new Int32Array(TABLE_WORDS);
    const three = new Int32Array(TABLE_WORDS);
    const patterns = DEFAULT_RECOGNIZERS.flatMap((r) => r.patterns.map((p) => ({ id: `${r.id}/${p.name}`, re: p.regex, keys: startKeys(p.regex), starts: wordStartsOf(p.regex) })))
      .filter((p) => p.keys !== undefined);
    assert.ok(patterns.length >= 8, `patterns with start keys: ${patterns.length}`);
    let matches = 0;
    for (const text of devTexts()) {
      markWordStarts(text, two, three);
      for (const p of patterns) {
        const re = new RegExp(p.re.source, p.re.flags.replace('g', '') + 'g');
        let first = true;
        for (const m of text.matchAll(re)) {
          matches++;
          const before = m.index > 0 ? text[m.index - 1]! : '';
          assert.ok(!/\w/.test(before), `${p.id}: a match inside a word`);
          assert.ok(p.keys!.some((k) => text.slice(m.index, m.index + k.length).toLowerCase() === k), `${p.id}: a match starting with none of ${p.keys!.join(',')}`);
          if (first) assert.ok(startsOneOf(p.starts!, two, three), `${p.id}: the tables miss a start`);
          first = false;
        }
      }
    }
    assert.ok(matches > 100, `matches checked: ${matches}`);
  });

  it('a pattern is skipped on a text with no word starting as it must, and finds what the regex finds otherwise', () => {
    const rec: Recognizer = { id: 'test-starts', entity: 'MEDICAL_RECORD_NUMBER', patterns: [{ name: 's', regex: /\b(?:chart|mrn)\s?#?\d{4}\b/i, score: 0.9 }] };
    assert.deepEqual(analyze('CHART #1234 and mrn4567', [rec]).map((f) => [f.start, f.end]), [[0, 11], [16, 23]]);
    assert.deepEqual(analyze('xchart 1234 and ch art 4567', [rec]), []);
    // A nested call marks its own text; the outer call marks its text again.
    const inner: Recognizer = { id: 'test-inner', entity: 'PERSON', patterns: [], find: (t) => { analyze(`x${t}`, [rec]); return []; } };
    assert.deepEqual(analyze('mrn 1234 then chart 5678', [inner, rec]).map((f) => [f.start, f.end]), [[0, 8], [14, 24]]);
  });
});
