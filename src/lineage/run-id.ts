// Run ids: UUID version 7 (RFC 9562 §5.7), which OpenLineage recommends for runId so that ids sort
// by start time: 48-bit Unix milliseconds, version 7, 12 random bits, variant 10, 62 random bits.
import { randomBytes } from '../crypto/random.js';

/**
 * A new UUIDv7 for a run.
 *
 * @example
 * ```ts
 * newRunId(); // '0193a0b4-8c1e-7d2a-9f3b-4c5d6e7f8091'
 * ```
 */
export function newRunId(now: number = Date.now()): string {
  if (!Number.isSafeInteger(now) || now < 0 || now >= 2 ** 48) throw new TypeError('newRunId: now must be Unix milliseconds');
  const b = randomBytes(16);
  // RFC 9562 §5.7: unix_ts_ms big-endian in octets 0-5.
  let t = now;
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = Buffer.from(b).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The millisecond timestamp of a UUIDv7, or undefined for any other string. */
export function runIdTime(runId: string): number | undefined {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(runId)) return undefined;
  return parseInt(runId.slice(0, 8) + runId.slice(9, 13), 16);
}
