// Token formats: what a vault token looks like. A token is always random (never derived from the
// value); the format only shapes it.
//   token    — "tok_" and 22 base64url characters (128 random bits). The default.
//   preserve — the value's shape: same length, a random digit for each digit, a random upper-case
//              letter for each A-Z, a random lower-case letter for each a-z, every other character
//              kept as it is; optionally the last `keepLast` characters kept verbatim (last four
//              of a card number). Room is what the random positions can hold, so a value with
//              fewer than MIN_RANDOM_POSITIONS of them is refused: its token would be guessable and
//              the namespace would run out of tokens.
// Never put a value in an error message: errors name the rule, not the input.
import { CordonError } from '../errors.js';
import { randomBytes } from '../crypto/random.js';

export type TokenFormatKind = 'token' | 'preserve';

export interface TokenFormat {
  readonly kind: TokenFormatKind;
  /** preserve only: trailing characters kept verbatim (default 0). */
  readonly keepLast?: number;
}

/** Fewest random positions a preserve token may have: 10^6 tokens at least (digits only). */
export const MIN_RANDOM_POSITIONS = 6;
/** Longest value (in characters) a preserve token is made for. */
export const MAX_PRESERVE_LENGTH = 256;
/** The largest keepLast: at most this many characters are ever kept. */
export const MAX_KEEP_LAST = 16;

const DEFAULT: TokenFormat = { kind: 'token' };

/** Checks a format given by a caller of the vault; ERR_INPUT_INVALID names the faulty field. */
export function checkTokenFormat(format: TokenFormat | undefined): TokenFormat {
  if (format === undefined) return DEFAULT;
  if (typeof format !== 'object' || format === null) throw new CordonError('ERR_INPUT_INVALID', 'a token format is an object { kind, keepLast? }');
  if (format.kind !== 'token' && format.kind !== 'preserve') throw new CordonError('ERR_INPUT_INVALID', 'token format kind must be "token" or "preserve"');
  if (format.keepLast !== undefined) {
    if (!Number.isInteger(format.keepLast) || format.keepLast < 0 || format.keepLast > MAX_KEEP_LAST) throw new CordonError('ERR_INPUT_INVALID', `token format keepLast must be an integer from 0 to ${MAX_KEEP_LAST}`);
    if (format.kind !== 'preserve' && format.keepLast !== 0) throw new CordonError('ERR_INPUT_INVALID', 'token format keepLast applies to kind "preserve" only');
  }
  return format.kind === 'token' ? DEFAULT : { kind: 'preserve', keepLast: format.keepLast ?? 0 };
}

/**
 * The format's part of the convergent lookup key, or "" for the default. A value tokenized under
 * two formats in one namespace gets one token per format, each of the shape asked for.
 */
export function formatDomain(format: TokenFormat): string {
  return format.kind === 'token' ? '' : `preserve;keepLast=${format.keepLast ?? 0}`;
}

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

function classOf(ch: string): string | undefined {
  if (ch.length !== 1) return undefined;
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return DIGITS;
  if (c >= 65 && c <= 90) return UPPER;
  if (c >= 97 && c <= 122) return LOWER;
  return undefined;
}

/** details.index is the value's place in the batch, details.reason the rule it breaks (never the value). */
function refuse(index: number, reason: string): never {
  throw new CordonError('ERR_INPUT_INVALID', `value ${index} of the batch ${reason}`, { details: { index, reason } });
}

/**
 * Checks that `values` can take a preserve token (length, room) before anything is drawn or
 * stored; ERR_INPUT_INVALID gives the value's index in the batch, never the value.
 */
export function checkPreservable(values: readonly string[], format: TokenFormat): void {
  if (format.kind !== 'preserve') return;
  const keep = format.keepLast ?? 0;
  values.forEach((v, index) => {
    const chars = Array.from(v);
    if (chars.length > MAX_PRESERVE_LENGTH) refuse(index, `is longer than ${MAX_PRESERVE_LENGTH} characters: token format "preserve" is for short identifiers`);
    let room = 0;
    for (let i = 0; i < chars.length - keep; i++) if (classOf(chars[i]!) !== undefined) room++;
    if (room < MIN_RANDOM_POSITIONS) {
      refuse(index, `has ${room} letters or digits outside the kept last ${keep} characters; token format "preserve" needs at least ${MIN_RANDOM_POSITIONS} (a shorter token would be guessable): lower keepLast or use the default format`);
    }
  });
}

/** Unbiased random characters from a class, by rejection sampling over CSPRNG bytes. */
class RandomChars {
  #pool: Uint8Array = new Uint8Array(0);
  #at = 0;

  #byte(): number {
    if (this.#at >= this.#pool.length) {
      this.#pool = randomBytes(4096);
      this.#at = 0;
    }
    return this.#pool[this.#at++]!;
  }

  pick(alphabet: string): string {
    const limit = 256 - (256 % alphabet.length);
    for (;;) {
      const b = this.#byte();
      if (b < limit) return alphabet[b % alphabet.length]!;
    }
  }
}

/** A fresh random token of `format` for each value (checkPreservable has passed). */
export function drawTokens(values: readonly string[], format: TokenFormat): string[] {
  if (format.kind === 'token') {
    // One call to the CSPRNG for the batch: 16 bytes per token.
    const bytes = randomBytes(values.length * 16);
    const random = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return values.map((_, i) => `tok_${random.toString('base64url', i * 16, i * 16 + 16)}`);
  }
  const keep = format.keepLast ?? 0;
  const rnd = new RandomChars();
  return values.map((v) => {
    const chars = Array.from(v);
    const cut = chars.length - keep;
    for (;;) {
      let out = '';
      for (let i = 0; i < chars.length; i++) {
        const cls = i < cut ? classOf(chars[i]!) : undefined;
        out += cls === undefined ? chars[i]! : rnd.pick(cls);
      }
      // A draw equal to the value (p ≤ 10^-6) would reveal it: draw again.
      if (out !== v) return out;
    }
  });
}
