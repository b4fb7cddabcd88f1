// STREET_ADDRESS finder, before any shape is tried: whether a text's tokens can hold an address at all,
// from one pass over their flags. Most short texts with digits (vitals, doses, times) cannot, and skip
// the token view and the scan.
import type { Tok } from './model.js';

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
function liveKey(toks: readonly Tok[], i: number): boolean {
  const t = toks[i]!;
  switch (t.low) {
    case 'p': return toks[i + 1]?.low === 'o' && toks[i + 2]?.low === 'box';
    case 'po': return toks[i + 1]?.low === 'box';
    case 'post': return toks[i + 1]?.low === 'office' && toks[i + 2]?.low === 'box';
    case 'c': return toks[i + 1]?.text === '/' && toks[i + 1]!.s === t.e;
    case 'u': return t.text === 'u' && t.dot;
    default: return true;
  }
}

export function mayHoldAddress(toks: readonly Tok[]): boolean {
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
    const t = toks[i]!;
    if (t.key && liveKey(toks, i)) return true;
    if (t.nl === 1) lineBreak = true;
    if (t.k === 'n') {
      numbers++;
      if ((i - last >= 2 && i - last <= 9) || i - before <= 9) pair = true;
      before = last;
      last = i;
      if (t.text.length >= 4) postal = true;
      if (t.storey) support = true;
    } else if (t.k === 'w') {
      if (t.support) support = true;
      if (t.digits) postal = true;
    } else if (t.text === ',' || t.text === '-' || t.text === '–') separators++;
    else if (t.text === '#') support = true;
  }
  return numbers > 0 && (support || (lineBreak && postal) || (pair && separators >= 2));
}
