// DATE_OF_BIRTH: a date right after a birth cue — "DOB: 03/04/1985", "date of birth 3 March 1985",
// "born on March 3, 1985". Without the cue a date is only DATE_TIME, so the cue is part of each
// pattern and the finding narrows to the date (group v) with a high score.
import type { Recognizer } from '../types.js';
import { DATE_SOURCES } from './date-time.js';

const CUE = '\\b(?:d\\.?o\\.?b\\.?|date\\s{1,2}of\\s{1,2}birth|birth\\s?date|birthday|born(?:\\s{1,2}on)?)\\s{0,3}[:=-]?\\s{0,3}';
const END = '(?![\\w/.-]\\w|\\w)';
/** What every CUE contains: a prefilter, so texts without a birth cue skip both patterns. */
const HAS_CUE = /d\.?o\.?b|birth|born/i;

export const dateOfBirthRecognizer: Recognizer = {
  id: 'date-of-birth',
  entity: 'DATE_OF_BIRTH',
  patterns: [
    { name: 'cued-numeric', regex: new RegExp(`${CUE}(?<v>${DATE_SOURCES.iso}|${DATE_SOURCES.numericSlash}|${DATE_SOURCES.numericDash}|${DATE_SOURCES.numericDot})${END}`, 'i'), score: 0.9, requires: HAS_CUE, digits: 2 },
    { name: 'cued-month-name', regex: new RegExp(`${CUE}(?<v>${DATE_SOURCES.monthDay}|${DATE_SOURCES.dayMonth})${END}`, 'i'), score: 0.9, requires: HAS_CUE, digits: 1 },
  ],
  context: ['dob', 'birth', 'born', 'birthday'],
};
