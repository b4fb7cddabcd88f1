// UK_NHS: the NHS number, ten digits, decided by its modulus-11 check digit: a failing number is
// dropped whatever the context. Printed the NHS way (3-3-4 with spaces) a passing number is reported
// on its own, unless it is also a valid phone number, which scores higher; bare or dashed (epoch
// timestamps, phone numbers) a passing number needs a context word (nhs, health, patient...).
import type { Recognizer } from '../types.js';
import { nhsValidator } from '../validators/uk-nhs.js';
import { NUM_END, NUM_START, lookAlike } from './look-alikes.js';

export const ukNhsRecognizer: Recognizer = {
  id: 'uk-nhs',
  entity: 'UK_NHS',
  patterns: [
    { name: 'spaced-3-3-4', regex: new RegExp(`${NUM_START}\\d{3} \\d{3} \\d{4}${NUM_END}`), score: 0.45, digits: 4 },
    { name: 'dashed-3-3-4', regex: new RegExp(`${NUM_START}\\d{3}-\\d{3}-\\d{4}${NUM_END}`), score: 0.45, digits: 4 },
    { name: 'digits', regex: new RegExp(`${NUM_START}\\d{10}${NUM_END}`), score: 0.45, digits: 10 },
  ],
  context: ['nhs', 'health', 'patient', 'hospital', 'gp'],
  validator: nhsValidator,
  validScore: 0.65,
  deny: lookAlike,
};
