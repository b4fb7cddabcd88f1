// US_ITIN: the IRS's Individual Taxpayer Identification Number, 9xx-7x-xxxx. Written 3-2-4 with
// dashes or spaces and passing the IRS group rules it is reported on its own; a bare run of nine
// digits passing them needs a context word (itin, taxpayer...). Numbers failing the rules are
// dropped whatever the context. Order numbers, timestamps and the like are denied.
import type { Recognizer } from '../types.js';
import { itinValidator } from '../validators/us-itin.js';
import { NUM_END, NUM_START, lookAlike } from './look-alikes.js';

export const usItinRecognizer: Recognizer = {
  id: 'us-itin',
  entity: 'US_ITIN',
  patterns: [
    { name: 'dashed', regex: new RegExp(`${NUM_START}9\\d{2}-\\d{2}-\\d{4}${NUM_END}`), score: 0.5, digits: 4 },
    { name: 'spaced', regex: new RegExp(`${NUM_START}9\\d{2} \\d{2} \\d{4}${NUM_END}`), score: 0.4, digits: 4 },
    { name: 'bare', regex: new RegExp(`${NUM_START}9\\d{8}${NUM_END}`), score: 0.3, digits: 9 },
  ],
  context: ['itin', 'taxpayer', 'tax', 'tin', 'irs', 'w-7', 'individual'],
  validator: itinValidator,
  validScore: 0.6,
  deny: lookAlike,
};
