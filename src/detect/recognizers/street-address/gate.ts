// STREET_ADDRESS finder, before any shape is tried: whether a text's tokens can hold an address at all,
// from one pass over their flags. Most short texts with digits (vitals, doses, times) cannot, and skip
// the token view and the scan.
import type { Tokens } from './tokenize.js';
import { F_DIGITS, F_DOT, F_KEY, F_NL, F_NL_MORE, F_NUMBER, F_STOREY, F_SUPPORT, F_WORD } from './tokenize.js';

/**
 * False only when Scan.find() would report nothing. Every street with a type, a corner, a P.O. box, a
 * military address and a unit alone opens at or reaches a token of `Tok.key`, spelt as liveKey asks.
 * Without one, a street can only be a number and names or names and a number (Shapes.numberNames, nameNumber), reported only
 * with a strong cue or the structure of a block (find.ts):
 * - a strong cue (Scan.cueBefore = 2) is an address noun or a dwelling or sending verb (`Tok.support`);
 * - a unit (Scan.locality: secondaryAt) is a unit word (`Tok.support`), a "#" or a storey ("4th", "3º");
 * - lines below the street with a postal code: a single line break, and a number of 4+ characters or a
 *   word with a digit ("SW1A");
 * - two numbers around the names ("37 Parva Domus 6896": 2 to 9 tokens apart, Shapes.numberNames with
 *   its house number) and two localities after it (Evidence.segments: two commas or spaced dashes).
 * All of these need a number token (the house number) as well.
 */
/**
 * Whether key token i can take part in the shape it is a key of. Five keys are short words of other
 * meanings in notes ("p.o." and "PO" by mouth, "c" with, "u" units) and are keys only in one spelling:
 * "P.O. Box", "PO Box", "Post Office Box" (Shapes.poBoxAt), "c/" (TokenView.isPrefixType), and
 * Hungarian "u." in lower case (isSuffixType). No other table makes them keys.
 */
function liveKey(toks: Tokens, i: number): boolean {
  const n = toks.length;
  const f = toks.flags(i);
  // Every key is a word: its first letter tells the five short ones from the rest without a string.
  switch (toks.text.charCodeAt(toks.start(i)) | 32) {
    case 112: // "p"
      if (toks.lowIs(i, 'p')) return i + 2 < n && toks.lowIs(i + 1, 'o') && toks.lowIs(i + 2, 'box');
      if (toks.lowIs(i, 'po')) return i + 1 < n && toks.lowIs(i + 1, 'box');
      if (toks.lowIs(i, 'post')) return i + 2 < n && toks.lowIs(i + 1, 'office') && toks.lowIs(i + 2, 'box');
      return true;
    case 99: // "c"
      return !toks.lowIs(i, 'c') || (i + 1 < n && toks.char(i + 1) === 47 && toks.start(i + 1) === toks.end(i));
    case 117: // "u"
      return !toks.lowIs(i, 'u') || (toks.text.charCodeAt(toks.start(i)) === 117 && (f & F_DOT) !== 0);
    default: return true;
  }
}

export function mayHoldAddress(toks: Tokens): boolean {
  let numbers = 0;
  let separators = 0;
  let support = false;
  let lineBreak = false;
  let postal = false;
  let pair = false;
  // The last two number tokens: a pair 2..9 tokens apart is the nearest earlier one that is not adjacent.
  let last = -100;
  let before = -100;
  for (let i = 0; i < toks.length; i++) {
    const f = toks.flags(i);
    if ((f & F_KEY) !== 0 && liveKey(toks, i)) return true;
    if ((f & (F_NL | F_NL_MORE)) === F_NL) lineBreak = true;
    if ((f & F_NUMBER) !== 0) {
      numbers++;
      if ((i - last >= 2 && i - last <= 9) || i - before <= 9) pair = true;
      before = last;
      last = i;
      if (toks.end(i) - toks.start(i) >= 4) postal = true;
      if ((f & F_STOREY) !== 0) support = true;
    } else if ((f & F_WORD) !== 0) {
      if ((f & F_SUPPORT) !== 0) support = true;
      if ((f & F_DIGITS) !== 0) postal = true;
    } else {
      const c = toks.char(i);
      if (c === 44 || c === 45 || c === 0x2013) separators++; // "," "-" "–"
      else if (c === 35) support = true; // "#"
    }
  }
  return numbers > 0 && (support || (lineBreak && postal) || (pair && separators >= 2));
}
