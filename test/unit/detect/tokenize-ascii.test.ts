// tokenize() splits an ASCII text by character code and counts its letters for textCasing(); other
// texts go through the Unicode WORD regex. This checks the two paths against each other on generated
// texts full of what the regex treats specially (apostrophes, hyphens, chains of more than four joins,
// possessives, embedded words, capitals): a text and the same text with " é" appended must give the
// same tokens (plus the last), and textCasing() must answer the same after tokenize() as without it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize, type Token } from '../../../src/detect/tokens.js';
import { textCasing } from '../../../src/detect/casing.js';
import { int, pick, rng } from '../../../bench/gen/rng.js';

const PIECES = ["O'Brien", 'saint-dié', 'a-b-c-d-e-f-g', "x'y-z'w-v", "Smith's", "SMITH'S", "it's", "'s", 'ab-', '-cd', "e'", 'DR.', 'Dr.', 'j.', 'jane@example.com', 'foo_bar', 'x/y', 'a.b', '12ab', 'ab12', 'ICU', 'NPO', 'pt', 'Pt', 'THE', 'the', 'I', ':', ';', '(', '"', '*', '-', '•', '5', '3/4', '#7', '&', '%'];
const GAPS = [' ', ' ', '  ', '\n', '\t', ', ', '. ', '', '-', "'", '/', ' \n '];

function texts(count: number, seed: number): string[] {
  const r = rng(seed);
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let t = '';
    const n = int(r, 1, 30);
    for (let i = 0; i < n; i++) t += pick(r, PIECES).replace('é', 'e') + pick(r, GAPS);
    out.push(k % 3 === 0 ? t.toUpperCase() : k % 3 === 1 ? t.toLowerCase() : t);
  }
  return out;
}

function shape(t: Token): unknown {
  return [t.start, t.end, t.lower, t.cap, t.allCaps, t.sentenceStart, t.gapBefore, t.spaced, t.embedded, t.possessive];
}

describe('tokenize on ASCII texts', () => {
  it('gives the tokens the Unicode word regex gives', () => {
    for (const text of texts(3000, 0x9e3779b9)) {
      const ascii = tokenize(text).tokens.map(shape);
      const wide = tokenize(`${text} é`);
      assert.deepEqual(wide.tokens.slice(0, -1).map(shape), ascii, JSON.stringify(text));
    }
  });

  it('leaves textCasing() answering as its own count does', () => {
    for (const text of [...texts(1500, 12345), 'PT RESTING COMFORTABLY, WIFE AT BEDSIDE', 'pt resting, wife at bedside', 'Pt resting', '']) {
      textCasing('reset'); // a fresh count of `text`
      const counted = textCasing(text);
      tokenize('reset'); // tokenize `text` anew, which records its casing
      tokenize(text);
      assert.equal(textCasing(text), counted, JSON.stringify(text));
    }
  });
});
