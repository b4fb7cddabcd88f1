// subjectOffset's definition written out the plain way — HMAC-SHA256 by node:crypto over
// encodeParts('cordon/date-shift/v1', scope, subject), its first 64 bits big-endian as a BigInt, mod
// 2·maxDays — against the operator's Number arithmetic and JavaScript HMAC, on random subjects and on
// every maxDays the contract allows plus moduli past the Number path (BigInt fallback).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { subjectOffset } from '../../../src/transform/index.js';
import { encodeParts } from '../../../src/transform/encoding.js';
import { randomBytes } from '../../../src/crypto/random.js';

function reference(key: Uint8Array, scope: string, subject: string, maxDays: number): number {
  const mac = createHmac('sha256', key).update(encodeParts('cordon/date-shift/v1', scope, subject)).digest();
  const n = Number(mac.readBigUInt64BE(0) % BigInt(2 * maxDays));
  return n < maxDays ? -(n + 1) : n - maxDays + 1;
}

describe('date-shift subjectOffset', () => {
  it('equals the BigInt definition for random subjects and every maxDays 1..3650', () => {
    const key = randomBytes(32);
    for (let maxDays = 1; maxDays <= 3650; maxDays++) {
      const subject = Buffer.from(randomBytes(1 + (maxDays % 40))).toString('base64');
      assert.equal(subjectOffset(key, 'default', subject, maxDays), reference(key, 'default', subject, maxDays), `maxDays ${maxDays}`);
    }
  });

  it('equals it for long and non-ASCII subjects, other scopes, and moduli past 2^26', () => {
    const key = randomBytes(32);
    const subjects = ['p-17', 'Zoë', '患者-42', '😀'.repeat(70), 'x'.repeat(500)];
    for (const maxDays of [30, 365, 3650, 2 ** 25, 2 ** 25 + 1, 2 ** 40 + 3]) {
      for (const s of subjects) assert.equal(subjectOffset(key, 'trial-7', s, maxDays), reference(key, 'trial-7', s, maxDays), `${maxDays}`);
    }
  });

  it('answers a remembered subject as the definition does: again, under another scope or maxDays, and after the key object is refilled', () => {
    const key = randomBytes(32);
    const subjects = Array.from({ length: 5000 }, (_, i) => `p-${i % 300}`);
    for (const s of subjects) assert.equal(subjectOffset(key, 'default', s, 365), reference(key, 'default', s, 365), s);
    for (const s of subjects.slice(0, 300)) {
      assert.equal(subjectOffset(key, 'trial-7', s, 365), reference(key, 'trial-7', s, 365), s);
      assert.equal(subjectOffset(key, 'default', s, 30), reference(key, 'default', s, 30), s);
    }
    // Past the bound (4,096 remembered), answers stay those of the definition.
    for (let i = 0; i < 9000; i += 7) assert.equal(subjectOffset(key, 'default', `q-${i}`, 365), reference(key, 'default', `q-${i}`, 365));
    // The same key object holding other bytes is another key: no offset of the old one is reused.
    key.set(randomBytes(32));
    for (const s of subjects.slice(0, 300)) assert.equal(subjectOffset(key, 'default', s, 365), reference(key, 'default', s, 365), s);
    // One subject per date (ids): remembering stops, answers stay those of the definition.
    const ids = randomBytes(32);
    for (let i = 0; i < 12000; i++) assert.equal(subjectOffset(ids, 'default', `id-${i}`, 365), reference(ids, 'default', `id-${i}`, 365));
    ids.set(randomBytes(32));
    for (let i = 0; i < 12000; i += 97) assert.equal(subjectOffset(ids, 'default', `id-${i}`, 365), reference(ids, 'default', `id-${i}`, 365));
  });
});
