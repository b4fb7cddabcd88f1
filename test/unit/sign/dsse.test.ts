// DSSE v1.0.2: PAE against the specification's worked example (protocol.md: "DSSEv1 29
// http://example.com/HelloWorld 11 hello world"), whose ECDSA P-256 signature (P1363 encoding) must
// verify over our PAE bytes; and the envelope parser's handling of keyid, base64 forms and bad input.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { pae, parseEnvelope, envelopeJson } from '../../../src/sign/dsse.js';
import { throwsWith } from './helpers.js';

function b64url(n: bigint): string {
  return Buffer.from(n.toString(16).padStart(64, '0'), 'hex').toString('base64url');
}

describe('sign/dsse', () => {
  it('PAE matches the specification example, and its signature verifies over it', () => {
    const bytes = pae('http://example.com/HelloWorld', new TextEncoder().encode('hello world'));
    assert.equal(Buffer.from(bytes).toString('utf8'), 'DSSEv1 29 http://example.com/HelloWorld 11 hello world');
    const key = createPublicKey({
      key: {
        kty: 'EC', crv: 'P-256',
        x: b64url(46950820868899156662930047687818585632848591499744589407958293238635476079160n),
        y: b64url(5640078356564379163099075877009565129882514886557779369047442380624545832820n),
      },
      format: 'jwk',
    });
    const sig = Buffer.from('A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA==', 'base64');
    assert.ok(verify('sha256', bytes, { key, dsaEncoding: 'ieee-p1363' }, sig));
    const env = parseEnvelope({ payload: 'aGVsbG8gd29ybGQ=', payloadType: 'http://example.com/HelloWorld', signatures: [{ sig: sig.toString('base64') }] });
    assert.equal(Buffer.from(env.payload).toString(), 'hello world');
    assert.equal(env.signatures[0]!.keyid, '');
  });

  it('PAE counts bytes, not characters', () => {
    assert.equal(Buffer.from(pae('t', new TextEncoder().encode('é'))).toString('utf8'), 'DSSEv1 1 t 2 é');
  });

  it('keyid unset, null and "" mean the same; URL-safe base64 is accepted', () => {
    for (const keyid of [undefined, null, '']) {
      const e = parseEnvelope({ payload: '-_8', payloadType: 't', signatures: [{ sig: 'AA==', keyid }] });
      assert.equal(e.signatures[0]!.keyid, '');
      assert.deepEqual([...e.payload], [0xfb, 0xff]);
    }
    const e = parseEnvelope({ payload: 'AQID', payloadType: 't', signatures: [{ sig: 'BA==', keyid: 'k1' }] });
    assert.deepEqual(envelopeJson(e), { payload: 'AQID', payloadType: 't', signatures: [{ sig: 'BA==', keyid: 'k1' }] });
  });

  it('malformed envelopes are ERR_SIGNATURE_INVALID', () => {
    const cases: [string, unknown][] = [
      ['not an object', 'x'],
      ['no payloadType', { payload: 'AA==', signatures: [{ sig: 'AA==' }] }],
      ['payload not base64', { payload: 'a b', payloadType: 't', signatures: [{ sig: 'AA==' }] }],
      ['no signatures', { payload: 'AA==', payloadType: 't', signatures: [] }],
      ['signature not base64', { payload: 'AA==', payloadType: 't', signatures: [{ sig: '***' }] }],
      ['keyid not a string', { payload: 'AA==', payloadType: 't', signatures: [{ sig: 'AA==', keyid: 5 }] }],
    ];
    for (const [what, json] of cases) throwsWith(() => parseEnvelope(json), 'ERR_SIGNATURE_INVALID', what);
  });
});
