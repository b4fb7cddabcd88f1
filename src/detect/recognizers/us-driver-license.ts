// US_DRIVER_LICENSE: each state has its own formats (one to two letters and 4-14 digits, 5-14
// digits, Florida/Illinois/Wisconsin's dashed A123-4567-8901...), so no pattern is specific. Two
// ways in, both kept precise: (1) the cue is part of the pattern — "driver's license", "driving
// licence", "DL", "DLN", "CDL", then an id containing a digit, narrowed with group v; (2) the
// letter-led shapes alone at a low score, reported only with a context word near. Bare digit runs
// are never reported without the cue (Presidio's 6-14 digit pattern matches every number).
// Washington's pre-2018 12-character format is not covered. Look-alikes are denied.
import type { Recognizer } from '../types.js';
import { lookAlike } from './look-alikes.js';

const CUE = "\\b(?:(?:driver[’']?s?|driving)\\s{1,2}(?:licen[cs]e|lic\\.?|permit)|DLN?|CDL)";
const LINK = '(?:\\s{1,3}(?:no\\.?|num(?:ber)?|id))?(?:\\s{1,3}(?:is|was))?[\\s:=#()-]{1,5}';
/** 5-20 letters, digits, '*' or '-', at least one digit, starting and ending on a letter or digit. */
const ID = '(?=[A-Z*-]{0,18}\\d)[A-Z0-9][A-Z0-9*-]{3,18}[A-Z0-9]';

export const usDriverLicenseRecognizer: Recognizer = {
  id: 'us-driver-license',
  entity: 'US_DRIVER_LICENSE',
  patterns: [
    { name: 'cued', regex: new RegExp(`${CUE}${LINK}(?<v>${ID})(?![\\w*-])`, 'i'), score: 0.7, digits: 1 },
    { name: 'letters-digits', regex: /(?<![\w*-])[A-Z]{1,2}\d{4,14}(?![\w*-])/, score: 0.3, digits: 4 },
    { name: 'letter-dashed', regex: /(?<![\w*-])[A-Z]\d{3}(?:-\d{1,4}){2,4}(?![\w*-])/, score: 0.3, digits: 3 },
  ],
  context: ['driver', 'drivers', 'driving', 'license', 'licence', 'dl', 'dln', 'cdl'],
  deny: lookAlike,
};
