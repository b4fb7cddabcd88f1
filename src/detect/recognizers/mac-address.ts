// MAC_ADDRESS: IEEE 802 EUI-48 in colon or hyphen notation (01:23:45:67:89:ab) and Cisco dotted
// notation (0123.4567.89ab). No backreferences, so each separator gets its own pattern; the
// lookarounds stop a match inside a longer hex run (an IPv6 address or a hash).
import type { Recognizer } from '../types.js';

export const macAddressRecognizer: Recognizer = {
  id: 'mac-address',
  entity: 'MAC_ADDRESS',
  patterns: [
    // Prefilters: two separators close together (for colons, the same test as ip-address.ts's IPv6,
    // answered once per text), so times (10:30) and ranges (1-2) do not run these.
    { name: 'colon', regex: /(?<![\w:.-])[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}(?![\w:-]|\.\w)/, score: 0.7, requires: /:[0-9A-Fa-f]{0,4}:/ },
    { name: 'hyphen', regex: /(?<![\w:.-])[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}(?![\w:-]|\.\w)/, score: 0.6, requires: /-[0-9A-Fa-f]{2}-/ },
    { name: 'cisco', regex: /(?<![\w:.-])[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![\w:-]|\.\w)/, score: 0.3, requires: /\.[0-9A-Fa-f]{4}\./ },
  ],
  context: ['mac', 'hardware', 'ethernet', 'wifi', 'wlan', 'nic', 'device', 'bssid', 'address'],
};
