// STREET_ADDRESS finder, shared shapes: the token, the street core found at a token range, the evidence
// gathered around it, and the constants more than one part uses (number patterns, base scores).
export interface Tok {
  readonly s: number;
  /** End offset, after an attached abbreviation dot ("St.", "P.", "Str."). */
  readonly e: number;
  readonly k: 'w' | 'n' | 'p';
  readonly text: string;
  readonly low: string;
  /** Starts with a capital letter, or with a letter of a script without case. */
  readonly cap: boolean;
  readonly dot: boolean;
  /** Line breaks between the previous token and this one: 0, 1, or 2 for two or more. */
  readonly nl: number;
  /** A word without digits that is not a stop word: a name if capitalised (or in lower-cased text). */
  readonly plain: boolean;
  readonly suffix: boolean;
  readonly prefix: boolean;
  /** Ends like a one-word street name ("Hauptstraße", "Lozerlaan"). */
  readonly compound: boolean;
  /**
   * A word that can open a street shape even in lower case within cased text: a street-type prefix, a
   * particle, or a word that opens a corner, a P.O. box, a military address or a unit alone.
   */
  readonly opens: boolean;
  /**
   * A word without which no street has a type and no typeless shape opens: a street type (suffix or
   * prefix), a one-word street, or the first word of a corner, a P.O. box, a military address or a
   * unit alone. A text without one can hold only the shapes that need support (gate.ts).
   */
  readonly key: boolean;
  /** A word that can support a street without a type: an address noun, a dwelling or sending verb, a unit word. */
  readonly support: boolean;
  /** A word holding an ASCII digit ("B12", "SW1A"). */
  readonly digits: boolean;
  /** A unit word (words.ts SECONDARY: "apt", "suite", "floor"). */
  readonly secondary: boolean;
  /** A unit word strong enough to stand alone (words.ts SECONDARY_ALONE: "apt", "suite", "unit"). */
  readonly secondaryAlone: boolean;
  /** A particle (words.ts PARTICLES: "de", "van", "of") that is not a stop word. */
  readonly particle: boolean;
  /** A word that marks a house number after it (words.ts HOUSE_MARKERS: "no", "nr", "nº"). */
  readonly marker: boolean;
  /** A number that is a storey (STOREY: "4th", "3º", "2ª"). */
  readonly storey: boolean;
  /** A stop word (words.ts STOP: "the", "at", "today"). */
  readonly stop: boolean;
  /** A word that makes the number before it a quantity (words.ts UNITS: "mg", "cats", "hours"). */
  readonly unit: boolean;
  /** A word that makes the number after it a reference (words.ts NUMBER_LABELS: "page", "no"; not its symbols "$", "#"). */
  readonly label: boolean;
  /** A direction word (words.ts DIRECTIONS: "n", "nw", "north"). */
  readonly direction: boolean;
  /** An address noun (words.ts ADDRESS_NOUNS: "address", "adresse", "residence"). */
  readonly addressNoun: boolean;
}

/** What was found around a street: a unit, a postal code, lines below it, comma-separated localities. */
export interface Evidence {
  sec: boolean;
  postal: boolean;
  lines: number;
  segments: number;
}

/** A street found at some token range, before it is grown into a full address. */
export interface Core {
  readonly s: number;
  readonly e: number;
  readonly rule: string;
  readonly score: number;
  /** Shapes without a street type: reported only with a cue or the structure of a block. */
  readonly needsSupport?: boolean;
  /** The house number could be a year ("2016 Iain Lane" in a copyright list): needs some evidence. */
  readonly yearLike?: boolean;
  /** A building number before the name and a house number after it ("37 Parva Domus 6896"). */
  readonly twoNumbers?: boolean;
  /** The street type is an everyday word ("Pass", "Station"): reported only with more evidence. */
  readonly everydayType?: boolean;
}

/** A storey ("4th", "3º", "2ª"): with a floor word after it, or Iberian, a unit (TokenView.secondaryAt). */
export const STOREY = /^\d{1,3}(?:st|nd|rd|th|e|er|º|ª)$/i;
/** Lines below a street that Scan.grow takes into an address block at most. */
export const MAX_LINES = 5;
export const YEAR_RANGE = /^(?:19|20)\d\d[-/](?:19|20)?\d\d$/;
/** Base scores: a street type with a house number; a house number and names only; a street name alone. */
export const TYPED = 0.85;
export const GENERIC = 0.5;
export const WEAK = 0.3;
export const PO_BOX = 0.8;
