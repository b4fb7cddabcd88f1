// cueEnds() finds an ASCII text's cue phrases with one pass over its words and a phrase table; this
// checks that pass against the per-list regex it replaced, at every token start (the positions the
// finders look up), on generated texts built from the phrases' own words and their look-alikes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cueEnds, tokenize } from '../../../src/detect/tokens.js';
import { int, pick, rng } from '../../../bench/gen/rng.js';

/** The regex implementation cueEnds had before the phrase table (case-insensitive, resumes after a match). */
function reference(text: string, phrases: readonly string[], optionalThe: boolean): Set<number> {
  const alt = [...phrases].sort((a, b) => b.length - a.length).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|');
  const re = new RegExp(`(?:${alt})${optionalThe ? '(?:\\s+the)?' : ''}\\s*`, 'giu');
  const found = new Set<number>();
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m.index === 0 || !/[\p{L}\p{N}]/u.test(text[m.index - 1]!)) found.add(m.index + m[0].length);
    else re.lastIndex = m.index + 1;
    if (m[0].length === 0) re.lastIndex++;
  }
  return found;
}

// Lists with the shapes the finders use: phrases that share first words, one-word phrases that are
// prefixes of others and of ordinary words ("dr" / "drs"), phrases that overlap ("spoke with" /
// "with the": the regex resumes after a match), punctuation inside and at the end.
const PEOPLE = ['with the', 'dr', 'dr.', 'doctor', 'spoke with', 'spoke w/', 'spoke to', 'd/w', 'd/w dr', 'per', 'seen by', 'name:', "i'm", 'i am', 'regards,', 'charge rn', 'rn', 'my name is', 'name is'];
const TRANSFERS = ['transferred from', 'transferred to', 'transfer to', 'd/c to', "d/c'd to", 'sent in from', 'sent from', 'back to', 'go back to', 'osh:', 'osh was', 'was at', 'seen at', 'bed at'];
const FRAMES = ['works at', 'work at', 'joined', 'ceo of', 'employer:', 'is from', 'office of'];

const WORDS = ['dr', 'dr.', 'Dr.', 'DR', 'dR.', 'drs', 'sPoke', 'wITH', 'doctor', 'doctors', 'spoke', 'SPOKE', 'with', 'w/', 'to', 'd/w', 'D/W', 'd/c', "d/c'd", 'per', 'perhaps', 'seen', 'by', 'name', 'name:', 'names', "i'm", 'I', 'am', 'regards,', 'charge', 'rn', 'RN', 'my', 'is', 'transferred', 'transfer', 'from', 'sent', 'in', 'back', 'go', 'osh', 'OSH:', 'was', 'at', 'bed', 'works', 'work', 'joined', 'rejoined', 'ceo', 'of', 'employer:', 'office', 'the', 'The', 'THE', 'theodore', 'Jane', 'okafor', 'St.', 'General', '5', '12dr', 'x', ':', ',', '(', '-', 'é', 'Zoë'];
const GAPS = [' ', ' ', ' ', '  ', '\n', '\t', ', ', '. ', '', '-', '/', ' \n '];

/** Seeded texts (bench/gen/rng), so a failure names a text that can be reproduced. */
function texts(count: number, seed: number, ascii: boolean): string[] {
  const r = rng(seed);
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let t = '';
    const words = int(r, 3, 16);
    for (let w = 0; w < words; w++) {
      let word = pick(r, WORDS);
      if (ascii && /[^\x00-\x7f]/.test(word)) word = 'Ana';
      t += (w === 0 ? '' : pick(r, GAPS)) + word;
    }
    out.push(t);
  }
  return out;
}

function atTokenStarts(text: string, ends: ReadonlySet<number>): number[] {
  return tokenize(text).tokens.map((t) => t.start).filter((p) => ends.has(p));
}

describe('cueEnds', () => {
  const lists: readonly [readonly string[], boolean][] = [[PEOPLE, false], [TRANSFERS, true], [FRAMES, true]];

  it('finds what the per-list regex finds at every token start, on ASCII texts', () => {
    let cued = 0;
    for (const text of texts(4000, 0x2545f491, true)) {
      for (const [phrases, optionalThe] of lists) {
        const got = atTokenStarts(text, cueEnds(text, phrases, { optionalThe }));
        const want = atTokenStarts(text, reference(text, phrases, optionalThe));
        assert.deepEqual(got, want, JSON.stringify(text));
        cued += want.length;
      }
    }
    assert.ok(cued > 1000, `the generated texts hold cues (${cued})`);
  });

  it('finds what the per-list regex finds on texts that are not ASCII', () => {
    for (const text of texts(1000, 0x1f2e3d4c, false)) {
      for (const [phrases, optionalThe] of lists) {
        assert.deepEqual(atTokenStarts(text, cueEnds(text, phrases, { optionalThe })), atTokenStarts(text, reference(text, phrases, optionalThe)), JSON.stringify(text));
      }
    }
  });

  it('keeps the cases the finders rely on', () => {
    const text = 'Spoke  with Dr. Okafor; transferred from the OSH: Mercy. Drs Lee; seen by theodore';
    assert.deepEqual(atTokenStarts(text, cueEnds(text, PEOPLE)), [text.indexOf('Dr.'), text.indexOf('Okafor'), text.indexOf('theodore')]);
    // "the" after a transfer cue is skipped, even at the start of a longer word (as the regex did).
    assert.deepEqual(atTokenStarts(text, cueEnds(text, TRANSFERS, { optionalThe: true })), [text.indexOf('OSH'), text.indexOf('Mercy')]);
    // A match inside the list's previous match does not count ("with the" inside "spoke with").
    const overlap = 'Spoke with the Jane';
    assert.deepEqual(atTokenStarts(overlap, cueEnds(overlap, PEOPLE)), [overlap.indexOf('the')]);
    assert.deepEqual(atTokenStarts(overlap, reference(overlap, PEOPLE, false)), [overlap.indexOf('the')]);
  });
});
