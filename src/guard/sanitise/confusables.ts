// A confusable fold for scanning only (Unicode TR #39 idea, a small hand-picked table): letters of
// Cyrillic, Greek and IPA that look like Latin ones, and digits/symbols used as letters in leetspeak.
// Applied to lowercased text, one UTF-16 unit to one, so offsets do not move. Never applied to the
// text passed on to a model.

const PAIRS: readonly (readonly [string, string])[] = [
  // Cyrillic (lowercase; uppercase is lowercased before the fold)
  ['а', 'a'], ['в', 'b'], ['е', 'e'], ['ё', 'e'], ['к', 'k'], ['м', 'm'], ['н', 'h'], ['о', 'o'], ['р', 'p'],
  ['с', 'c'], ['т', 't'], ['у', 'y'], ['х', 'x'], ['і', 'i'], ['ї', 'i'], ['ј', 'j'], ['ѕ', 's'], ['ԁ', 'd'],
  ['һ', 'h'], ['ԛ', 'q'], ['ԝ', 'w'], ['ӏ', 'l'], ['ь', 'b'], ['ɡ', 'g'], ['ո', 'n'], ['ս', 'u'], ['ց', 'g'],
  // Greek
  ['α', 'a'], ['β', 'b'], ['ε', 'e'], ['η', 'n'], ['ι', 'i'], ['κ', 'k'], ['ν', 'v'], ['ο', 'o'], ['ρ', 'p'],
  ['τ', 't'], ['υ', 'u'], ['χ', 'x'], ['γ', 'y'], ['ϲ', 'c'], ['ω', 'w'],
  // Latin lookalikes outside ASCII
  ['ı', 'i'], ['ɑ', 'a'], ['ſ', 's'], ['ƚ', 'l'], ['ɩ', 'i'], ['ʀ', 'r'], ['ɴ', 'n'], ['ᴏ', 'o'], ['ᴄ', 'c'],
];

export const CONFUSABLE: ReadonlyMap<string, string> = new Map(PAIRS);

/** Leetspeak digits and symbols, folded only inside words that also hold letters. */
export const LEET: ReadonlyMap<string, string> = new Map([
  ['0', 'o'], ['1', 'i'], ['3', 'e'], ['4', 'a'], ['5', 's'], ['7', 't'], ['$', 's'],
]);
