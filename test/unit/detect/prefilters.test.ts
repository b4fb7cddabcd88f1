// A pattern's prefilters (`requires`, `digits`) only let the engine skip texts where the pattern
// cannot match, so they must hold for every match: checked here on every match of every default
// pattern over the development sets (bench/data) and their upper- and lower-cased copies, with the
// pattern run alone, without the prefilter. And the engine honours `digits` as the longest run of
// digits in the whole text, not in the match.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/detect/analyze.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import type { Recognizer } from '../../../src/detect/types.js';
import { devTexts } from '../../helpers/dev-texts.js';

/** Prefilters known not to hold for every match: none (the phone candidate's was, until it asked for one digit). */
const KNOWN_LOOSE = new Set<string>();

function longestDigitRun(s: string): number {
  let best = 0;
  let run = 0;
  for (const c of s) {
    run = c >= '0' && c <= '9' ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

describe('pattern prefilters', () => {
  it('every match of every default pattern holds its requires and digits', () => {
    const all = devTexts('all');
    let checked = 0;
    for (const rec of DEFAULT_RECOGNIZERS) {
      for (const p of rec.patterns) {
        if ((p.requires === undefined && p.digits === undefined) || KNOWN_LOOSE.has(`${rec.id}/${p.name}`)) continue;
        const re = new RegExp(p.regex.source, p.regex.flags.replace('g', '') + 'g');
        const requires = p.requires === undefined ? undefined : new RegExp(p.requires.source, p.requires.flags.replace(/[gy]/g, ''));
        for (const t of all) {
          re.lastIndex = 0;
          for (let m = re.exec(t); m !== null; m = re.exec(t)) {
            if (m[0].length === 0) { re.lastIndex++; continue; }
            checked++;
            if (requires !== undefined) assert.ok(requires.test(m[0]), `${rec.id}/${p.name}: ${JSON.stringify(m[0])} lacks ${requires}`);
            if (p.digits !== undefined) assert.ok(longestDigitRun(m[0]) >= p.digits, `${rec.id}/${p.name}: ${JSON.stringify(m[0])} has no run of ${p.digits} digits`);
          }
        }
      }
    }
    assert.ok(checked > 1000, `only ${checked} matches checked`);
  });

  it("a recognizer's requires holds on every text where its patterns match or its finder proposes", () => {
    const all = devTexts('all');
    let checked = 0;
    let declared = 0;
    for (const rec of DEFAULT_RECOGNIZERS) {
      if (rec.requires === undefined) continue;
      declared++;
      const requires = new RegExp(rec.requires.source, rec.requires.flags.replace(/[gy]/g, ''));
      const patterns = rec.patterns.map((p) => new RegExp(p.regex.source, p.regex.flags.replace(/[gy]/g, '')));
      for (const t of all) {
        // The recognizer's own parts, run without the engine (which would skip the text).
        const proposes = patterns.some((re) => re.test(t)) || (rec.find !== undefined && [...rec.find(t)].length > 0);
        if (!proposes) continue;
        checked++;
        assert.ok(requires.test(t), `${rec.id}: ${JSON.stringify(t.slice(0, 120))} lacks ${requires}`);
      }
    }
    assert.ok(declared >= 2, `only ${declared} recognizers declare requires`);
    assert.ok(checked > 100, `only ${checked} texts checked`);
  });

  it("the engine skips a recognizer whose requires the text lacks, patterns and finder alike", () => {
    const rec: Recognizer = {
      id: 'test-gated',
      entity: 'AGE',
      requires: /zz/,
      patterns: [{ name: 'two', regex: /\b\d{2}\b/, score: 0.9 }],
      *find(text: string) { const at = text.indexOf('abc'); if (at >= 0) yield { start: at, end: at + 3, score: 0.9, pattern: 'abc' }; },
    };
    assert.deepEqual(analyze('aged 42 abc', [rec]), []);
    assert.deepEqual(analyze('aged 42 abc zz', [rec]).map((f) => [f.start, f.end]), [[5, 7], [8, 11]]);
  });

  it('a finding does not depend on digits elsewhere in the text (phone numbers in pairs)', () => {
    for (const phone of ['06.12.34.56.78', '06 12 34 56 78']) {
      const alone = `call me at ${phone}`;
      const beside = `${alone} room 123`;
      const found = (t: string) => analyze(t, DEFAULT_RECOGNIZERS).filter((f) => f.entity === 'PHONE_NUMBER').map((f) => t.slice(f.start, f.end));
      assert.deepEqual(found(alone), [phone]);
      assert.deepEqual(found(beside), [phone]);
    }
  });

  it('digits is compared with the longest run of digits in the whole text', () => {
    // Declared higher than the pattern needs, to show where the engine looks.
    const rec: Recognizer = { id: 'test-two', entity: 'AGE', patterns: [{ name: 'two', regex: /\b\d{2}\b/, score: 0.9, digits: 3 }] };
    assert.deepEqual(analyze('aged 42 today', [rec]), []);
    const found = analyze('aged 42, room 314', [rec]);
    assert.deepEqual(found.map((f) => [f.start, f.end]), [[5, 7]]);
  });
});
