// Bech32 (BIP-173) and Bech32m (BIP-350) strings, and SegWit addresses built on them. The checksum is
// a BCH code over GF(32): a string is Bech32 when polymod(hrp ‖ data) = 1 and Bech32m when it equals
// 0x2bc830a3. SegWit rules (BIP-173 §Segwit address format, BIP-350 §Addresses for segregated
// witness outputs): witness version 0 uses Bech32 with a 20- or 32-byte program; versions 1-16 use
// Bech32m with a 2-40-byte program. Mixed case, more than 90 characters, or padding that is not zero
// make the string invalid. No hashing is involved, so this needs nothing from src/crypto/.
import type { Validator } from '../types.js';

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < CHARSET.length; i++) VALUE[CHARSET.charCodeAt(i)] = i;
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3] as const;
const BECH32_CONST = 1;
const BECH32M_CONST = 0x2bc830a3;
const MAX_LENGTH = 90;

export type Bech32Encoding = 'bech32' | 'bech32m';

export interface Bech32Decoded {
  /** Human-readable part, lower case. */
  readonly hrp: string;
  /** 5-bit values between the separator and the checksum. */
  readonly data: readonly number[];
  readonly encoding: Bech32Encoding;
}

function polymod(values: readonly number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GENERATOR[i]!;
  }
  return chk >>> 0;
}

function hrpExpand(hrp: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) >> 5);
  out.push(0);
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) & 31);
  return out;
}

/** Decodes a Bech32 or Bech32m string, or returns undefined when it is neither. */
export function bech32Decode(input: string): Bech32Decoded | undefined {
  if (input.length > MAX_LENGTH) return undefined;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c < 33 || c > 126) return undefined;
  }
  const lower = input.toLowerCase();
  if (lower !== input && input.toUpperCase() !== input) return undefined; // mixed case
  const pos = lower.lastIndexOf('1');
  if (pos < 1 || pos + 7 > lower.length) return undefined; // empty hrp, or checksum shorter than 6
  const hrp = lower.slice(0, pos);
  const data: number[] = [];
  for (let i = pos + 1; i < lower.length; i++) {
    const v = VALUE[lower.charCodeAt(i)]!;
    if (v < 0) return undefined;
    data.push(v);
  }
  const residue = polymod([...hrpExpand(hrp), ...data]);
  const encoding = residue === BECH32_CONST ? 'bech32' : residue === BECH32M_CONST ? 'bech32m' : undefined;
  if (encoding === undefined) return undefined;
  return { hrp, data: data.slice(0, -6), encoding };
}

/** Regroups 5-bit values into bytes; undefined on more than 4 padding bits or non-zero padding. */
function fiveToEight(data: readonly number[]): Uint8Array | undefined {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  for (const v of data) {
    acc = ((acc << 5) | v) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  if (bits >= 5 || ((acc << (8 - bits)) & 0xff) !== 0) return undefined;
  return Uint8Array.from(out);
}

/** A SegWit address's witness version and program, or undefined if invalid for `hrp`. */
export function segwitAddressDecode(address: string, hrp: string): { version: number; program: Uint8Array } | undefined {
  const d = bech32Decode(address);
  if (d === undefined || d.hrp !== hrp || d.data.length < 1) return undefined;
  const version = d.data[0]!;
  if (version > 16) return undefined;
  const program = fiveToEight(d.data.slice(1));
  if (program === undefined || program.length < 2 || program.length > 40) return undefined;
  if (version === 0 && program.length !== 20 && program.length !== 32) return undefined;
  if ((version === 0) !== (d.encoding === 'bech32')) return undefined;
  return { version, program };
}

/**
 * True for a valid SegWit address with human-readable part `hrp` ('bc' is Bitcoin mainnet).
 *
 * @example
 * ```ts
 * segwitAddressValid('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', 'bc') // → true
 * ```
 */
export function segwitAddressValid(address: string, hrp = 'bc'): boolean {
  return segwitAddressDecode(address, hrp) !== undefined;
}

export const segwitAddressValidator: Validator = {
  name: 'bech32-segwit',
  validate: (m) => (segwitAddressValid(m, 'bc') ? 'valid' : 'invalid'),
};
