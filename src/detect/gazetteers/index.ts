// Word lists for the PERSON, LOCATION and NRP recognizers, built from npm packages by
// scripts/build-gazetteers.mjs (sources and licenses: data/SOURCES.md). Each list is a generated
// string; the sets are built on first use, so importing detection costs nothing until a name or
// place recognizer runs. Lookups take lookupKey() of a word, or of a phrase of words
// separated by single spaces.
import { ABBREVIATIONS } from './data/abbreviations.js';
import { COMMON_WORDS } from './data/common-words.js';
import { COUNTRIES } from './data/countries.js';
import { DICTIONARY_WORDS } from './data/dictionary-words.js';
import { MAJOR_PLACES } from './data/major-places.js';
import { MEDICAL_EPONYMS } from './data/medical-eponyms.js';
import { DEMONYMS } from './data/demonyms.js';
import { FIRST_NAMES } from './data/first-names.js';
import { LAST_NAMES } from './data/last-names.js';
import { PLACES } from './data/places.js';
import { WORD_NAMES } from './data/word-names.js';
import { KeyTable } from './key-table.js';
import { lookupKey } from './key.js';

/**
 * Bits of a key's list memberships (see `memberships`): a word's memberships in every list come from
 * one Map probe, which a token caches (Token.lists), instead of one probe of a 20k-100k entry set per
 * list and finder.
 */
export const FIRST_NAME = 1;
export const LAST_NAME = 2;
export const PLACE = 4;
export const COUNTRY = 8;
export const DEMONYM = 16;
export const COMMON_WORD = 32;
export const DICTIONARY_WORD = 64;
export const ABBREVIATION = 128;
export const WORD_NAME = 256;
export const MAJOR_PLACE = 512;
export const MEDICAL_EPONYM = 1024;
/**
 * A proper prefix of a many-word place or country ("new", "new south" for "new south wales"), so a
 * phrase lookup stops extending as soon as no entry can follow.
 */
export const PLACE_PREFIX = 2048;

const LISTS: readonly (readonly [number, string])[] = [
  [FIRST_NAME, FIRST_NAMES], [LAST_NAME, LAST_NAMES], [PLACE, PLACES], [COUNTRY, COUNTRIES],
  [DEMONYM, DEMONYMS], [COMMON_WORD, COMMON_WORDS], [DICTIONARY_WORD, DICTIONARY_WORDS],
  [ABBREVIATION, ABBREVIATIONS], [WORD_NAME, WORD_NAMES], [MAJOR_PLACE, MAJOR_PLACES], [MEDICAL_EPONYM, MEDICAL_EPONYMS],
];

/**
 * Small word sets of the finders (honorifics, prepositions, place-inner words...) registered as bits of
 * the same table (wordBit): a token's one probe then answers them too, instead of a lookup key and a
 * Set probe per question. Bits from PLACE_PREFIX << 1 up to 1 << 30 (a token's -1 means "not asked").
 */
let nextBit = PLACE_PREFIX << 1;
/** Sets registered, each as one list string (its words, one a line) and its bit. */
const wordSets: { readonly words: string; readonly bit: number }[] = [];
const wordSetBits = new WeakMap<ReadonlySet<string> | readonly string[], number>();

let table: KeyTable | undefined;
/** The list strings keys are added from (LISTS, then each registered word set): the table reads it. */
const tableData: string[] = [];
/**
 * Every list's keys (words and phrases) with the bits of the lists that hold them; built on first use,
 * over the list strings themselves (see key-table.ts), then the word sets registered so far.
 */
function allMasks(): KeyTable {
  if (table !== undefined) return table;
  for (const [, d] of LISTS) tableData.push(d);
  let spare = 0;
  for (const { words } of wordSets) for (let at = words.indexOf('\n'); ; at = words.indexOf('\n', at + 1)) { spare++; if (at < 0) break; }
  // A set registered later is added beyond the count: the table is at least twice it.
  const t = KeyTable.fromLines(tableData, LISTS.map(([bit, d]) => (d === PLACES || d === COUNTRIES ? { bit, prefixBit: PLACE_PREFIX } : { bit })), spare);
  table = t;
  for (const set of wordSets) addWords(t, set.words, set.bit);
  return t;
}

/** Adds each line of `words` as a key with `bit` (the string joins the table's data). */
function addWords(t: KeyTable, words: string, bit: number): void {
  const list = tableData.length;
  tableData.push(words);
  for (let start = 0; ;) {
    const nl = words.indexOf('\n', start);
    const end = nl < 0 ? words.length : nl;
    if (end > start) t.add(list, start, end, bit);
    if (nl < 0) break;
    start = nl + 1;
  }
}

/**
 * The bit that marks `words` (lookup keys: lower case, no accents) among a key's memberships, so
 * `(token.lists & bit) !== 0` answers `words.has(token.lower)` from the token's one probe. One bit per
 * set (the same set asked again gets the same bit); registering builds nothing until the table is.
 * At most 19 sets: a RangeError after that.
 */
export function wordBit(words: ReadonlySet<string> | readonly string[]): number {
  const known = wordSetBits.get(words);
  if (known !== undefined) return known;
  if (nextBit > 1 << 30) throw new RangeError('too many word sets for the list bits');
  const bit = nextBit;
  nextBit *= 2;
  const joined = [...words].join('\n');
  wordSets.push({ words: joined, bit });
  wordSetBits.set(words, bit);
  if (table !== undefined) addWords(table, joined, bit);
  return bit;
}

/** The bits of every list holding `key` (a lookupKey() of a word or phrase); 0 when none does. */
export function memberships(key: string): number {
  return allMasks().get(key);
}

/**
 * memberships(lookupKey(text.slice(start, end))) without slicing, for an ASCII slice (its lookup key is
 * its lower case); other slices are looked up through their key.
 */
export function membershipsAt(text: string, start: number, end: number): number {
  const bits = allMasks().getFolded(text, start, end);
  return bits >= 0 ? bits : memberships(lookupKey(text.slice(start, end)));
}

/**
 * membershipsAt for an ASCII slice of which the caller has hashed the lower-cased codes already (`h`:
 * KEY_HASH_OFFSET, then keyHashStep per code; see key-table.ts): the word tokenizer hashes each word
 * while it reads it, so a token's one probe does not pass over its characters again to hash them.
 */
export function membershipsHashed(text: string, start: number, end: number, h: number): number {
  return allMasks().getFoldedHashed(text, start, end, h);
}

/** A list as a set-like view of the shared membership map. */
function list(bit: number): () => { has(key: string): boolean } {
  const view = { has: (key: string): boolean => (memberships(key) & bit) !== 0 };
  return () => view;
}

export const firstNames = list(FIRST_NAME);
export const lastNames = list(LAST_NAME);
export const places = list(PLACE);
export const countries = list(COUNTRY);
export const demonyms = list(DEMONYM);
/** Frequent English words usually written in lower case ("will", "bath", "nice"). */
export const commonWords = list(COMMON_WORD);
/** Common dictionary words, including those that are also names ("grace", "bill", "mark"). */
export const dictionaryWords = list(DICTIONARY_WORD);
/**
 * Abbreviations and acronyms, general and clinical (scripts/build-clash-lists.mjs): a name or place
 * written like one ("PAP", "ADA", "CAD") needs a cue before it counts.
 */
export const abbreviations = list(ABBREVIATION);
/** Less frequent English words that are also names or places ("brown", "swan", "amber"). */
export const wordNames = list(WORD_NAME);
/** Cities of 250,000+ people. */
export const majorPlaces = list(MAJOR_PLACE);
/**
 * Names and places that a medical dictionary writes capitalised, i.e. eponyms of devices, procedures,
 * signs and scales ("foley", "swan", "nissen"), without common given names, large cities, countries
 * and US states (scripts/build-clash-lists.mjs).
 */
export const medicalEponyms = list(MEDICAL_EPONYM);

/** The longest place or country phrase, in words: bounds the lookahead of a phrase lookup. */
export const MAX_PLACE_WORDS = 5;
