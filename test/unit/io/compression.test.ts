// decompressedInput tells xz and bzip2 by their magic bytes, and only by all of them: a text that
// merely begins "BZh" and a digit (a CSV header such as "BZh1,count") is read as text, not refused.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { decompressedInput } from '../../../src/io/compression.js';

async function text(bytes: Uint8Array): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of await decompressedInput(Readable.from([Buffer.from(bytes)]))) parts.push(Buffer.from(c as Buffer));
  return Buffer.concat(parts).toString('utf8');
}

async function refusal(bytes: Uint8Array): Promise<unknown> {
  try {
    await text(bytes);
  } catch (e) {
    return e;
  }
  return undefined;
}

const bytes = (...xs: number[]): Uint8Array => Uint8Array.from(xs);

describe('decompressedInput: formats Cordon does not decode', () => {
  it('refuses a bzip2 stream with a first block (BZh9 + pi)', async () => {
    const e = await refusal(bytes(0x42, 0x5a, 0x68, 0x39, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59, 0x00, 0x01));
    assert.equal((e as { code?: string }).code, 'ERR_FORMAT_UNSUPPORTED');
    assert.deepEqual((e as { details?: unknown }).details, { compression: 'bzip2' });
  });
  it('refuses an empty bzip2 stream (BZh9 + sqrt(pi) end marker)', async () => {
    const e = await refusal(bytes(0x42, 0x5a, 0x68, 0x39, 0x17, 0x72, 0x45, 0x38, 0x50, 0x90, 0, 0, 0, 0));
    assert.equal((e as { code?: string }).code, 'ERR_FORMAT_UNSUPPORTED');
  });
  it('refuses xz', async () => {
    const e = await refusal(bytes(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04));
    assert.deepEqual((e as { details?: unknown }).details, { compression: 'xz' });
  });
  it('reads a text that begins "BZh" and a digit as text', async () => {
    assert.equal(await text(Buffer.from('BZh1,count\n1,2\n')), 'BZh1,count\n1,2\n');
    assert.equal(await text(Buffer.from('BZh9')), 'BZh9');
  });
  it('reads inputs shorter than the magic as text', async () => {
    assert.equal(await text(Buffer.from('BZ')), 'BZ');
    assert.equal(await text(new Uint8Array(0)), '');
  });
});
