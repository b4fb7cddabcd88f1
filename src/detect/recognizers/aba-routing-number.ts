// ABA_ROUTING_NUMBER: nine digits (or 4-4-1 with dashes) decided by the ABA check digit and the
// Federal Reserve routing-symbol ranges. A pass is weak evidence — one random nine-digit number in
// thirty passes — so even a valid number scores below the threshold until a context word (routing,
// aba, rtn, transit) is near; a failing one is dropped whatever the context.
import type { Recognizer } from '../types.js';
import { abaRoutingValidator } from '../validators/aba-routing.js';
import { NUM_END, NUM_START, lookAlike } from './look-alikes.js';

export const abaRoutingNumberRecognizer: Recognizer = {
  id: 'aba-routing-number',
  entity: 'ABA_ROUTING_NUMBER',
  patterns: [
    { name: 'digits', regex: new RegExp(`${NUM_START}[0-36-8]\\d{8}${NUM_END}`), score: 0.05, digits: 9 },
    { name: 'dashed-4-4-1', regex: new RegExp(`${NUM_START}[0-36-8]\\d{3}-\\d{4}-\\d${NUM_END}`), score: 0.3, digits: 4 },
  ],
  context: ['routing', 'aba', 'rtn', 'transit', 'abarouting', 'bankrouting'],
  validator: abaRoutingValidator,
  validScore: 0.4,
  deny: lookAlike,
};
