// The header codec: canonical encoding, bounds on every length, and no exception other than
// HeaderError on any input (random bytes, truncations, oversized counts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  encodeHeaderWithoutMac, parseHeader, normalizeContext, readHeaderLength, HeaderError, boundContext, encodeParams,
  FILE_MAGIC, HEADER_MAC_LENGTH, STANZA_KIND_KEYRING, type FileHeader,
} from '../../../src/formats/encrypted-file.js';
import { randomBytes } from '../../../src/crypto/random.js';

const header: FileHeader = {
  suiteId: 3,
  segmentSize: 65536,
  context: [['dataset', 'patients'], ['ünïcode', 'välue']],
  stanzas: [
    { kind: STANZA_KIND_KEYRING, keyName: 'default', version: 7, wrapped: randomBytes(60) },
    { kind: STANZA_KIND_KEYRING, keyName: 'recovery', version: 1, wrapped: randomBytes(60) },
  ],
};

function withMac(h: FileHeader): Uint8Array {
  const body = encodeHeaderWithoutMac(h);
  const out = new Uint8Array(body.length + HEADER_MAC_LENGTH);
  out.set(body);
  return out;
}

describe('encrypted-file header', () => {
  it('round-trips', () => {
    const bytes = withMac(header);
    const p = parseHeader(bytes);
    assert.equal(p.headerLength, bytes.length);
    assert.deepEqual(p.header, header);
    assert.deepEqual(p.context, boundContext(encodeParams(header)));
    assert.deepEqual([...bytes.subarray(0, 8)], [...FILE_MAGIC]);
  });

  it('canonicalizes context order and refuses duplicates and empty keys', () => {
    assert.deepEqual(normalizeContext([['b', '1'], ['a', '2']]), [['a', '2'], ['b', '1']]);
    assert.throws(() => normalizeContext([['a', '1'], ['a', '2']]), HeaderError);
    assert.throws(() => normalizeContext([['', '1']]), HeaderError);
    assert.throws(() => normalizeContext([['k', 'x'.repeat(1025)]]), HeaderError);
    // the bound context does not depend on the order the caller gave
    assert.deepEqual(encodeParams({ ...header, context: [['b', '1'], ['a', '2']] }), encodeParams({ ...header, context: [['a', '2'], ['b', '1']] }));
  });

  it('refuses a non-canonical context order in a file', () => {
    const dup = { ...header, context: [['k', '1'], ['l', '2']] as Array<[string, string]> };
    const dupBytes = Buffer.from(withMac(dup));
    const li = dupBytes.indexOf(Buffer.from([0, 1, 0x6c])); // u16 len 1, 'l'
    dupBytes[li + 2] = 0x6b; // 'l' → 'k': duplicate key
    assert.throws(() => parseHeader(dupBytes), HeaderError);
    const ji = Buffer.from(withMac(dup));
    ji[li + 2] = 0x6a; // 'l' → 'j': out of order
    assert.throws(() => parseHeader(ji), HeaderError);
  });

  it('refuses truncations, trailing bytes and bad counts with HeaderError only', () => {
    const bytes = withMac(header);
    for (let n = 0; n < bytes.length; n++) assert.throws(() => parseHeader(bytes.subarray(0, n)), HeaderError, `truncated at ${n}`);
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    new DataView(longer.buffer).setUint32(9, bytes.length + 1);
    assert.throws(() => parseHeader(longer), HeaderError);
    assert.throws(() => encodeHeaderWithoutMac({ ...header, stanzas: [] }), HeaderError);
    assert.throws(() => readHeaderLength(Uint8Array.from([...FILE_MAGIC, 2, 0, 0, 0, 100])), HeaderError);
    assert.throws(() => readHeaderLength(Uint8Array.from([...FILE_MAGIC, 1, 0xff, 0xff, 0xff, 0xff])), HeaderError);
  });

  it('never throws anything but HeaderError on random or mutated input', () => {
    const bytes = withMac(header);
    for (let i = 0; i < 3000; i++) {
      let input: Uint8Array;
      if (i % 3 === 0) {
        input = randomBytes(i % 300);
      } else {
        input = Uint8Array.from(bytes);
        const flips = 1 + (i % 4);
        for (let f = 0; f < flips; f++) {
          const [pos, val] = randomBytes(2);
          input[9 + ((pos! * 7 + i) % (input.length - 9))] = val!;
        }
      }
      try {
        parseHeader(input);
      } catch (e) {
        assert.ok(e instanceof HeaderError, `case ${i}: ${String(e)}`);
      }
    }
  });
});
