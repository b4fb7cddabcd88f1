// The lookup key for word lists: lower case with accents removed, so "SÃO PAULO", "São Paulo" and
// "Sao Paulo" meet. scripts/build-gazetteers.mjs applies the same function to every entry.
const MARKS = /\p{M}/gu;
const ASCII = /^[\x00-\x7f]*$/;

export function lookupKey(word: string): string {
  if (ASCII.test(word)) return word.toLowerCase();
  return word.normalize('NFD').replace(MARKS, '').toLowerCase();
}
