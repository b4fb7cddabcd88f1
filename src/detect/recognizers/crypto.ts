// CRYPTO: cryptocurrency wallet addresses. Bitcoin's carry checksums, so they are decided by them and
// reported at full score: legacy P2PKH/P2SH addresses by Base58Check (SHA-256d), SegWit 'bc1'
// addresses by Bech32 (BIP-173) or Bech32m (BIP-350). Ethereum's EIP-55 mixed-case checksum needs
// Keccak-256, which Cordon does not have, so an Ethereum address ('0x' + 40 hex, any case) cannot be
// verified: it scores low and needs a context word (wallet, ethereum, address...). Hex digests and
// '0x' hashes named as such are denied.
import type { Recognizer } from '../types.js';
import { cryptoAddressValidator } from '../validators/crypto-address.js';
import { lookAlike } from './look-alikes.js';

export const cryptoRecognizer: Recognizer = {
  id: 'crypto',
  entity: 'CRYPTO',
  patterns: [
    { name: 'btc-base58', regex: /(?<![A-Za-z0-9])[13][1-9A-HJ-NP-Za-km-z]{25,34}(?![A-Za-z0-9])/, score: 0.5, digits: 1 },
    { name: 'btc-bech32', regex: /(?<![A-Za-z0-9])bc1[02-9ac-hj-np-z]{11,71}(?![A-Za-z0-9])/i, score: 0.5, digits: 1 },
    { name: 'eth', regex: /(?<![A-Za-z0-9])0x[0-9A-Fa-f]{40}(?![A-Za-z0-9])/, score: 0.3, digits: 1 },
  ],
  context: ['wallet', 'bitcoin', 'btc', 'ethereum', 'eth', 'ether', 'crypto', 'address', 'send', 'receive'],
  validator: cryptoAddressValidator,
  validScore: 1,
  deny: (text, start, end) => (text.startsWith('0x', start) ? lookAlike(text, start, end) : undefined),
};
