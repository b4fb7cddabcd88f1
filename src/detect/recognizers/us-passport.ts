// US_PASSPORT: nine digits (book numbers) or a letter and eight digits (Next Generation passports
// since 2021). Nothing in the number distinguishes it, so the base score is below the threshold and
// only the word "passport" nearby reports it. (Presidio's 0.05/0.1 would stay below Cordon's 0.5
// threshold even with context; 0.3 + 0.35 clears it.) Look-alikes are denied.
import type { Recognizer } from '../types.js';
import { NUM_END, NUM_START, lookAlike } from './look-alikes.js';

export const usPassportRecognizer: Recognizer = {
  id: 'us-passport',
  entity: 'US_PASSPORT',
  patterns: [
    { name: 'digits', regex: new RegExp(`${NUM_START}\\d{9}${NUM_END}`), score: 0.3, digits: 9 },
    { name: 'next-generation', regex: new RegExp(`${NUM_START}[A-Z]\\d{8}${NUM_END}`), score: 0.3, digits: 8 },
  ],
  context: ['passport'],
  deny: lookAlike,
};
