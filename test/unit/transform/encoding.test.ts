// encodeParts is the byte string behind hash, fpe tweaks, deterministic AD and date-shift offsets:
// any change to its bytes changes every protected output. It is checked against the definition
// (label ‖ for each part: u32be(len) ‖ utf8(part)) written out the plain way, on ASCII, 2-, 3- and
// 4-byte UTF-8, empty parts and a part longer than 65,535 bytes; a lone surrogate is refused.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodeParts } from '../../../src/transform/encoding.js';

function reference(label: string, ...parts: string[]): Uint8Array {
  const chunks = [label, ...parts].map((s) => Buffer.from(s, 'utf8'));
  const out = Buffer.alloc(chunks.reduce((n, c) => n + 4 + c.length, 0));
  let pos = 0;
  for (const c of chunks) {
    out.writeUInt32BE(c.length, pos);
    c.copy(out, pos + 4);
    pos += 4 + c.length;
  }
  return new Uint8Array(out);
}

describe('encodeParts', () => {
  it('matches the definition byte for byte', () => {
    const cases: string[][] = [
      ['cordon/hash/v1/key'],
      ['cordon/hash/v1/key', ''],
      ['cordon/fpe/v1', 'default', '4,1,1,1', '1,1,1,1'],
      ['cordon/hash/v1/field', 'patients', 'email', 'José Müller'],
      ['l', '中文字', '😀', '', 'a\u0000b'],
      ['l', 'é'.repeat(40_000), 'x'],
    ];
    for (const [label, ...parts] of cases) {
      assert.deepEqual(encodeParts(label!, ...parts), reference(label!, ...parts), JSON.stringify([label, ...parts]).slice(0, 80));
    }
  });

  it('a part boundary cannot move: ("a|b","c") and ("a","b|c") differ', () => {
    assert.notDeepEqual(encodeParts('l', 'a|b', 'c'), encodeParts('l', 'a', 'b|c'));
  });

  it('refuses a lone surrogate in any part (ERR_INPUT_INVALID), never encodes U+FFFD', () => {
    assert.throws(() => encodeParts('l', 'ok', 'x\ud800'), { code: 'ERR_INPUT_INVALID' });
    assert.throws(() => encodeParts('\udc00'), { code: 'ERR_INPUT_INVALID' });
  });
});
