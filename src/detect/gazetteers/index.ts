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

let masks: Map<string, number> | undefined;
/** Every list's keys (words and phrases) with the bits of the lists that hold them; built on first use. */
function allMasks(): Map<string, number> {
  if (masks !== undefined) return masks;
  masks = new Map();
  for (const [bit, data] of LISTS) for (const key of data.split('\n')) masks.set(key, (masks.get(key) ?? 0) | bit);
  for (const data of [PLACES, COUNTRIES]) {
    for (const entry of data.split('\n')) {
      for (let at = entry.indexOf(' '); at > 0; at = entry.indexOf(' ', at + 1)) {
        const prefix = entry.slice(0, at);
        masks.set(prefix, (masks.get(prefix) ?? 0) | PLACE_PREFIX);
      }
    }
  }
  return masks;
}

/**
 * The last words looked up, with their bits: text repeats its words, and a probe of this small map
 * stays in the processor's cache where one of the 186,000-key map mostly does not. Cleared when full,
 * so its memory is bounded.
 */
let recent = new Map<string, number>();
const RECENT_MAX = 4096;

/** The bits of every list holding `key` (a lookupKey() of a word or phrase); 0 when none does. */
export function memberships(key: string): number {
  let bits = recent.get(key);
  if (bits === undefined) {
    bits = allMasks().get(key) ?? 0;
    if (recent.size >= RECENT_MAX) recent = new Map();
    recent.set(key, bits);
  }
  return bits;
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
