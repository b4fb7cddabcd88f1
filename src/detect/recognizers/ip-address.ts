// IP_ADDRESS: dotted IPv4 and IPv6 (full, '::'-compressed, with an IPv4 tail). The patterns only
// propose candidates; the ip-syntax validator checks octets (0-255, no leading zeros) and IPv6 group
// counts, so times like 10:30:45 and out-of-range quads are dropped. Version strings ("v1.2.3.4",
// "version 1.2.3.4") are denied. Linear-time: each repetition is over a class ended by one separator.
import type { Recognizer } from '../types.js';
import { ipValidator } from '../validators/ip.js';

/** What every IPv6 candidate (and MAC with colons) holds: two colons at most 4 hex digits apart ("10:30" has one). */
const TWO_COLONS = /:[0-9A-Fa-f]{0,4}:/;
const VERSION_BEFORE = /(?:\bv|\bversion\s{0,3}|\bver\.?\s{0,3}|\brelease\s{0,3}|\bbuild\s{0,3})$/i;

export const ipAddressRecognizer: Recognizer = {
  id: 'ip-address',
  entity: 'IP_ADDRESS',
  patterns: [
    { name: 'ipv4', regex: /(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?!\w|\.\d)/, score: 0.6, requires: /\./, digits: 1 },
    // Up to 7 'group:' steps (a group may be empty, which is how '::' appears), then an optional last
    // group or IPv4 tail; the validator enforces a single '::' and 8 groups when uncompressed.
    { name: 'ipv6', regex: /(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|\d{1,3}(?:\.\d{1,3}){3})?(?![\w:]|\.\d)/, score: 0.6, requires: TWO_COLONS },
  ],
  context: ['ip', 'ipv4', 'ipv6', 'address', 'host', 'server', 'client', 'login', 'from'],
  validator: ipValidator,
  validScore: 0.85,
  deny: (text, start) => (VERSION_BEFORE.test(text.slice(Math.max(0, start - 12), start)) ? 'version string' : undefined),
};
