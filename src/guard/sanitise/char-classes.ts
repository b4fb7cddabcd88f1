// Which code points carry no visible meaning and can smuggle text past a reader or a scanner.
// Pure lookup over code points; the sanitiser decides with the neighbours (emoji tag sequences,
// emoji presentation selectors, joiners inside joining scripts are legitimate and kept).
// References: Unicode TR #9 (bidi controls), TR #51 (emoji tag and ZWJ sequences, variation
// selectors), TR #36/#39 (security, confusables); "Trojan Source" (CVE-2021-42574); ASCII smuggling
// with tag characters (U+E0000 block) and byte smuggling in variation selectors.

/** The classes the sanitiser removes (or keeps, when a neighbour makes them legitimate). */
export type CharClass =
  | 'tag'                 // U+E0000–E007F: invisible copies of ASCII, decoded and scanned
  | 'bidi'                // embeddings, overrides, isolates, marks (TR #9)
  | 'zero-width'          // ZWSP, ZWJ/ZWNJ out of place, word joiner, BOM, soft hyphen, invisible operators, fillers
  | 'format'              // any other Cf (General_Category=Format)
  | 'private-use'         // Co: meaning only by private agreement, e.g. an encoding of hidden text
  | 'variation-selector'  // FE00–FE0F, E0100–E01EF beyond emoji/standardized use
  | 'control'             // C0 (except TAB, LF, CR), DEL, C1
  | 'lone-surrogate';     // ill-formed UTF-16

const ZERO_WIDTH = new Set([
  0x00ad, 0x034f, 0x061c, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x180b, 0x180c, 0x180d, 0x180e, 0x180f,
  0x200b, 0x200c, 0x200d, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x3164, 0xfeff, 0xffa0,
]);

const FORMAT_RE = /^\p{Cf}$/u;
const PRIVATE_RE = /^\p{Co}$/u;

/** The class of a code point that has no visible meaning, or undefined for ordinary characters. */
export function classOf(cp: number): CharClass | undefined {
  // TAB, LF, VT, FF, CR are layout (form feeds are common in text extracted from PDFs)
  if (cp < 0x20) return cp >= 0x09 && cp <= 0x0d ? undefined : 'control';
  if (cp < 0x7f) return undefined;
  if (cp <= 0x9f) return 'control';
  if (cp >= 0xd800 && cp <= 0xdfff) return 'lone-surrogate';
  if (cp >= 0xe0000 && cp <= 0xe007f) return 'tag';
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x200e || cp === 0x200f) return 'bidi';
  if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) return 'variation-selector';
  if (ZERO_WIDTH.has(cp)) return 'zero-width';
  const ch = String.fromCodePoint(cp);
  if (PRIVATE_RE.test(ch)) return 'private-use';
  if (FORMAT_RE.test(ch)) return 'format';
  return undefined;
}

const PICTO_RE = /^\p{Extended_Pictographic}$/u;
const EMOJI_RE = /^\p{Emoji}$/u;
const IDEO_RE = /^\p{Ideographic}$/u;
const LATINISH_RE = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Nd}]$/u;
const LETTER_RE = /^\p{L}$/u;

export const isPictographic = (cp: number): boolean => cp >= 0 && PICTO_RE.test(String.fromCodePoint(cp));
export const isEmojiBase = (cp: number): boolean => cp >= 0 && EMOJI_RE.test(String.fromCodePoint(cp));
export const isIdeograph = (cp: number): boolean => cp >= 0 && IDEO_RE.test(String.fromCodePoint(cp));
/** Joining scripts (Arabic, Indic, ...) use ZWJ/ZWNJ inside words; Latin, Cyrillic and Greek do not. */
export const isJoiningLetter = (cp: number): boolean => {
  if (cp < 0) return false;
  const ch = String.fromCodePoint(cp);
  return LETTER_RE.test(ch) && !LATINISH_RE.test(ch) || /^\p{M}$/u.test(ch);
};

/** U+E0020–E007E mirror ASCII 0x20–0x7E. */
export const tagToAscii = (cp: number): string | undefined => (cp >= 0xe0020 && cp <= 0xe007e ? String.fromCharCode(cp - 0xe0000) : undefined);

/** Byte value a variation selector encodes in the byte-smuggling scheme: VS1–16 → 0–15, VS17–256 → 16–255. */
export const selectorByte = (cp: number): number => (cp <= 0xfe0f ? cp - 0xfe00 : cp - 0xe0100 + 16);
