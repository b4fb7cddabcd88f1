// EMAIL_ADDRESS: RFC 5322 dot-atom local part and a DNS domain with a letter TLD. Linear-time:
// every repetition is over a character class, separators are single characters.
import type { Recognizer } from '../types.js';

export const emailRecognizer: Recognizer = {
  id: 'email',
  entity: 'EMAIL_ADDRESS',
  // Its grammar marks its own edges (prefixes, '@', '://'): the engine's token-boundary rule does not apply.
  cutsWords: true,
  patterns: [{
    name: 'address',
    regex: /(?<![\w.+-])[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,64}(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,64}){0,8}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}\b/,
    score: 0.9,
    // Every match has a local-part character right before '@' and a letter or digit right after it:
    // texts without one, or with only a "@ 10am", skip the scan (its lookbehind is tried at every position).
    requires: /\S@[A-Za-z0-9]/,
  }],
  context: ['email', 'e-mail', 'mail', 'contact', 'address'],
  // user:password@host inside a URL is a credential, not an address (the secret recognizer has it).
  deny: (text, start) => (/:\/\/[^\s/@]{0,128}:$/.test(text.slice(Math.max(0, start - 140), start)) ? 'password inside a URL' : undefined),
};
