// Base58Check (Bitcoin): base58 text whose decoded bytes end in the first four bytes of
// SHA-256(SHA-256(payload)). Used for legacy Bitcoin addresses: version 0x00 (P2PKH, text starts
// with '1') or 0x05 (P2SH, starts with '3'), then a 20-byte hash — 25 bytes in all. A random string
// passes the checksum with probability 2^-32, so a pass is proof enough. SHA-256 comes from
// src/crypto/ (detection never imports a crypto library itself).
import { sha256 } from '../../crypto/hash.js';
import type { Validator } from '../types.js';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) INDEX[ALPHABET.charCodeAt(i)] = i;
/** Longer inputs are refused: decoding is quadratic in length, and no address is this long. */
const MAX_LENGTH = 64;

/** Base58 text to bytes (leading '1's are leading zero bytes), or undefined if not base58. */
export function base58Decode(text: string): Uint8Array | undefined {
  if (text.length > MAX_LENGTH) return undefined;
  const le: number[] = []; // the number, base 256, least significant byte first
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    let carry = c < 128 ? INDEX[c]! : -1;
    if (carry < 0) return undefined;
    for (let i = 0; i < le.length; i++) {
      carry += le[i]! * 58;
      le[i] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      le.push(carry & 0xff);
      carry >>= 8;
    }
  }
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  const out = new Uint8Array(zeros + le.length);
  for (let i = 0; i < le.length; i++) out[zeros + i] = le[le.length - 1 - i]!;
  return out;
}

/** The payload of a Base58Check string (version byte included, checksum removed), or undefined. */
export function base58checkDecode(text: string): Uint8Array | undefined {
  const raw = base58Decode(text);
  if (raw === undefined || raw.length < 5) return undefined;
  const payload = raw.subarray(0, raw.length - 4);
  const check = sha256(sha256(payload));
  for (let i = 0; i < 4; i++) if (raw[payload.length + i] !== check[i]) return undefined;
  return payload;
}

/**
 * True for a mainnet P2PKH ('1…') or P2SH ('3…') Bitcoin address with a correct checksum.
 *
 * @example
 * ```ts
 * bitcoinBase58AddressValid('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa') // → true (the genesis block's)
 * ```
 */
export function bitcoinBase58AddressValid(text: string): boolean {
  const payload = base58checkDecode(text);
  return payload !== undefined && payload.length === 21 && (payload[0] === 0x00 || payload[0] === 0x05);
}

export const base58checkValidator: Validator = {
  name: 'base58check',
  validate: (m) => (bitcoinBase58AddressValid(m) ? 'valid' : 'invalid'),
};
