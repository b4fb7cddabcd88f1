// Cryptocurrency wallet addresses, by shape: 'bc1…' is a SegWit address (Bech32/Bech32m checksum),
// '1…'/'3…' a legacy Bitcoin address (Base58Check, SHA-256d checksum), '0x…' an Ethereum address.
// Ethereum's only checksum is EIP-55 mixed case, which needs Keccak-256; Cordon has no Keccak, so
// every Ethereum address — all-lower, all-upper or mixed case — is 'unknown' and needs context.
import type { Validator } from '../types.js';
import { bitcoinBase58AddressValid } from './base58check.js';
import { segwitAddressValid } from './bech32.js';

export const cryptoAddressValidator: Validator = {
  name: 'crypto-address',
  validate(match) {
    if (match.startsWith('0x')) return 'unknown';
    if (/^bc1/i.test(match)) return segwitAddressValid(match, 'bc') ? 'valid' : 'invalid';
    return bitcoinBase58AddressValid(match) ? 'valid' : 'invalid';
  },
};
