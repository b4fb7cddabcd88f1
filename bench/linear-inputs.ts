// Adversarial inputs for the linear-time checks: repeated fragments that make a careless pattern or
// finder backtrack or re-read the text. Each maker returns a text of exactly n characters. Used by the
// counted-work tests (test/unit/detect/*.test.ts) and by `npm run bench:linear`, which times them.
type Maker = (n: number) => string;
export type AdversarialInputs = ReadonlyArray<readonly [string, Maker]>;

const rep = (unit: string): Maker => (n) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

/** Every default recognizer through analyze(). */
export const ANALYZE_INPUTS: AdversarialInputs = [
  ['digit run', (n) => '7'.repeat(n)],
  ['dashed digits', rep('12-')],
  ['spaced digit groups', rep('1234 ')],
  ['dotted digits', rep('1.2.')],
  ['hex and colons', rep('ab:')],
  ['at signs and dots', rep('a@b.')],
  ['scheme repeated', rep('http://')],
  ['words', rep('March 3 of ')],
  ['begin key', rep('-----BEGIN PRIVATE KEY-----AAAA')],
];

/** The identifier recognizers (SSN-like numbers, crypto addresses, cued ids). */
export const IDENTIFIER_INPUTS: AdversarialInputs = [
  ['digit run', rep('7')],
  ['repeated 1-', rep('1-')],
  ['repeated 1 and space', rep('1 ')],
  ['3-3-4 chains', rep('123 456 ')],
  ['dashed groups', rep('A123-4567-')],
  ['repeated bc1', rep('bc1')],
  ['bc1 then a long data run', (n) => 'bc1' + 'q'.repeat(n - 3)],
  ['repeated 0x', rep('0x')],
  ['0x then a long hex run', (n) => '0x' + 'a'.repeat(n - 2)],
  ['base58 run', (n) => '1' + 'A'.repeat(n - 1)],
  ['NINO prefixes', rep('AB 12 ')],
  ['MRN cues', rep('MRN: ')],
  ['driver cues', rep("driver's license ")],
  ['account cues', rep('account # ')],
  ['order cues and digits', rep('order #1234 ')],
  ['birth cues', rep('born on ')],
  ['age cues', rep('aged ')],
];

/** The street-address finder. */
export const ADDRESS_INPUTS: AdversarialInputs = [
  ['"1 a " repeated', rep('1 a ')],
  ['digit run', (n) => '7'.repeat(n)],
  ['"Street " repeated', rep('Street ')],
  ['numbers and capitalised words', rep('12 Main ')],
  ['short lines', rep('12 Oak St\nApt 4\n')],
  ['commas and codes', rep('AB, 12345, ')],
  ['dots', rep('St. ')],
  ['commas', rep(', ')],
  ['addresses on one long line', rep('sent to 12 Oak St, then ')],
];

/** The word-list recognizers (names, places, organisations) through analyze(). */
export const NAME_INPUTS: AdversarialInputs = [
  ['capitalised names', rep('Maria Van De Gonzalez Inc, Hoover, ')],
  ['appositions', rep(', the a b c d e f g h i j')],
  ['name lines', rep('Maria Gonzalez\nworks as a ')],
];
