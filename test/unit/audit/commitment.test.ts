// Subject commitments: keyed, deterministic per key, unlinkable without it, never the id itself.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { subjectCommitment } from '../../../src/audit/commitment.js';
import { encodeEntry, decodeEntry } from '../../../src/audit/entry.js';
import { auditEvent } from '../../../src/audit/make-event.js';
import { randomBytes } from '../../../src/crypto/random.js';

describe('subject commitments', () => {
  it('are HMAC-SHA256 under the workspace key, stable per key and different across keys', () => {
    const k1 = randomBytes(32);
    const k2 = randomBytes(32);
    const c = subjectCommitment('customer-42', k1);
    assert.match(c, /^hmac-sha256:[0-9a-f]{64}$/);
    assert.equal(subjectCommitment('customer-42', k1), c);
    assert.notEqual(subjectCommitment('customer-43', k1), c);
    assert.notEqual(subjectCommitment('customer-42', k2), c);
    assert.ok(!c.includes('customer'));
  });

  it('refuse short keys and empty ids (programmer errors)', () => {
    assert.throws(() => subjectCommitment('x', randomBytes(16)), TypeError);
    assert.throws(() => subjectCommitment('', randomBytes(32)), TypeError);
  });

  it('travel in the entry bytes and back', () => {
    const subject = subjectCommitment('customer-42', randomBytes(32));
    const e = auditEvent({ type: 'token.reveal', outcome: 'success', principal: 'p', subject });
    const back = decodeEntry(encodeEntry(e, 9));
    assert.equal(back.subject, subject);
    assert.equal(back.seq, 9);
    assert.equal(back.id, e.id);
  });
});
