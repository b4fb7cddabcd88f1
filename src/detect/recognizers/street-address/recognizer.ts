// The STREET_ADDRESS recognizer: the finder (find.ts) and the split into parts (parts.ts), behind a
// cheap test that skips prose with no digit and no street word.
import type { Candidate, Recognizer } from '../../types.js';
import { findStreetAddresses } from './find.js';
import { addressParts } from './parts.js';

/** Without a digit an address needs a named street or a corner to be reported at all. */
const NUMBERLESS_CUE = /\b(?:corner|street|road|avenue|lane|drive|boulevard|way|place|square)\b/i;

function* findAddressParts(text: string): Generator<Candidate> {
  // Prose without digits (most of it) skips the scan: a house number, a postcode, a P.O. box or a
  // military unit all have digits, and the numberless shapes name a street type or a corner.
  if (!/\d/.test(text) && !NUMBERLESS_CUE.test(text)) return;
  for (const block of findStreetAddresses(text)) yield* addressParts(text, block);
}

export const streetAddressRecognizer: Recognizer = {
  id: 'street-address',
  entity: 'STREET_ADDRESS',
  patterns: [],
  find: findAddressParts,
  emits: ['LOCATION', 'ZIP_CODE'],
  // "live" itself is left out: as a prefix it would also match "liver" in clinical notes.
  context: ['address', 'addresses', 'street', 'lives', 'lived', 'living', 'reside', 'resides', 'residence', 'located', 'mail', 'mailing', 'ship', 'shipping', 'deliver', 'delivery', 'postal', 'apartment', 'apt', 'suite', 'unit', 'moved', 'arrived', 'home'],
};
