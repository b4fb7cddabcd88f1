// Encrypted files: round trips, the tamper matrix (every header bit, body bytes, truncation at and
// between segment boundaries, swapped, duplicated, dropped and appended segments, wrong key and
// context), C2SP compatibility at 16 KiB, random access and rewrap.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempKeyring, type TempKeyring } from '../../helpers/keyring.js';
import { MemorySink, memorySource } from '../../helpers/memory-io.js';
import { encryptStream } from '../../../src/files/encrypt.js';
import { decryptStream } from '../../../src/files/decrypt.js';
import { decryptFile, encryptFile } from '../../../src/files/file-ops.js';
import { rewrapFile } from '../../../src/files/rewrap.js';
import { EncryptedFileReader } from '../../../src/files/reader.js';
import { openHeader, readHeader } from '../../../src/files/header.js';
import { chunkedDecrypt, CHUNKED_PREFIX_LENGTH } from '../../../src/crypto/chunked.js';
import { randomBytes } from '../../../src/crypto/random.js';
import { sha256 } from '../../../src/crypto/hash.js';

const SEG = 16 * 1024;
const SEALED = SEG + 16;
const CONTEXT = { dataset: 'patients', stage: 'raw' };

async function encrypt(t: TempKeyring, plain: Uint8Array, segmentSize = SEG, context: Record<string, string> = CONTEXT): Promise<Buffer> {
  const sink = new MemorySink();
  await encryptStream(t.keyring, memorySource(plain), sink, { keys: ['default'], context, segmentSize });
  return sink.bytes();
}

async function decrypt(t: TempKeyring, data: Uint8Array, options: { streaming?: boolean; context?: Record<string, string> } = {}): Promise<Buffer> {
  const sink = new MemorySink();
  await decryptStream(t.keyring, memorySource(data, { streaming: options.streaming === true, chunk: 7000 }), sink, { context: options.context ?? CONTEXT });
  return sink.bytes();
}

async function expectFailure(t: TempKeyring, data: Uint8Array, label: string, context: Record<string, string> = CONTEXT): Promise<void> {
  for (const streaming of [false, true]) {
    await assert.rejects(decrypt(t, data, { streaming, context }), (e: { code?: string }) => {
      assert.equal(e.code, 'ERR_DECRYPTION_FAILED', `${label} (${streaming ? 'stream' : 'seekable'}): got ${e.code}`);
      return true;
    }, `${label} (${streaming ? 'stream' : 'seekable'}) was accepted`);
  }
}

describe('encrypted files', () => {
  let t: TempKeyring;
  let plain: Uint8Array;
  let ct: Buffer;
  let headerLength: number;

  before(async () => {
    t = await tempKeyring();
    plain = randomBytes(3 * SEG + 5000); // 4 segments, the last one short
    ct = await encrypt(t, plain);
    headerLength = (await readHeader(memorySource(ct))).headerLength;
  });
  after(async () => { await t.cleanup(); });

  it('round-trips every length around segment boundaries, seekable and streaming', async () => {
    for (const n of [0, 1, SEG - 1, SEG, SEG + 1, 2 * SEG, 2 * SEG + 17]) {
      const p = randomBytes(n);
      const c = await encrypt(t, p);
      assert.deepEqual(await decrypt(t, c), Buffer.from(p), `length ${n}`);
      assert.deepEqual(await decrypt(t, c, { streaming: true }), Buffer.from(p), `length ${n} streaming`);
      assert.equal(c.length, headerLength + CHUNKED_PREFIX_LENGTH + n + (Math.floor(n / SEG) + 1) * 16);
    }
  });

  it('encrypting twice gives different ciphertexts (fresh data key and salt)', async () => {
    const a = await encrypt(t, plain);
    assert.notDeepEqual(a.subarray(headerLength), ct.subarray(headerLength));
  });

  it('the body is a C2SP Cobblestone-256 ciphertext at 16 KiB segments', async () => {
    const parsed = await readHeader(memorySource(ct));
    const { dataKey } = await openHeader(t.keyring, parsed, parsed.context);
    assert.deepEqual(Buffer.from(chunkedDecrypt(dataKey, ct.subarray(headerLength), parsed.context)), Buffer.from(plain));
  });

  it('rejects a flip of any bit of the header', async () => {
    let checked = 0;
    for (let i = 0; i < headerLength; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const bad = Buffer.from(ct);
        bad[i]! ^= 1 << bit;
        await assert.rejects(decrypt(t, bad), (e: { code?: string }) => e.code === 'ERR_DECRYPTION_FAILED', `header byte ${i} bit ${bit}`);
        checked++;
      }
    }
    assert.equal(checked, headerLength * 8);
  });

  it('rejects changes to salt, commitment, segment bodies and tags', async () => {
    const body = headerLength + CHUNKED_PREFIX_LENGTH;
    const positions = [headerLength, headerLength + 23, headerLength + 24, body - 1];
    for (let s = 0; s < 4; s++) {
      const start = body + s * SEALED;
      const end = Math.min(start + SEALED, ct.length);
      positions.push(start, start + 100, end - 17, end - 16, end - 1);
    }
    for (const p of positions) {
      const bad = Buffer.from(ct);
      bad[p]! ^= 0x80;
      await expectFailure(t, bad, `byte ${p}`);
    }
  });

  it('rejects truncation at and between segment boundaries', async () => {
    const body = headerLength + CHUNKED_PREFIX_LENGTH;
    const cuts = [0, 5, 13, headerLength - 1, headerLength, headerLength + 10, body, body + 1];
    for (let s = 1; s <= 3; s++) cuts.push(body + s * SEALED - 1, body + s * SEALED, body + s * SEALED + 1, body + s * SEALED - 16);
    cuts.push(ct.length - 1, ct.length - 16);
    for (const c of cuts) await expectFailure(t, ct.subarray(0, c), `truncated to ${c}`);
  });

  it('rejects swapped, duplicated, dropped and appended segments', async () => {
    const body = headerLength + CHUNKED_PREFIX_LENGTH;
    const seg = (i: number): Buffer => ct.subarray(body + i * SEALED, Math.min(body + (i + 1) * SEALED, ct.length));
    const head = ct.subarray(0, body);
    await expectFailure(t, Buffer.concat([head, seg(1), seg(0), seg(2), seg(3)]), 'swapped 0,1');
    await expectFailure(t, Buffer.concat([head, seg(0), seg(0), seg(2), seg(3)]), 'duplicated 0');
    await expectFailure(t, Buffer.concat([head, seg(0), seg(1), seg(1), seg(2), seg(3)]), 'duplicated 1 inserted');
    await expectFailure(t, Buffer.concat([head, seg(0), seg(2), seg(3)]), 'dropped 1');
    await expectFailure(t, Buffer.concat([head, seg(0), seg(1), seg(2)]), 'dropped final');
    await expectFailure(t, Buffer.concat([ct, Buffer.from([0])]), 'one trailing byte');
    await expectFailure(t, Buffer.concat([ct, seg(3)]), 'final segment appended again');
    await expectFailure(t, Buffer.concat([ct, randomBytes(SEALED)]), 'a segment of garbage appended');
    // a segment taken from another file under the same key
    const other = await encrypt(t, plain);
    await expectFailure(t, Buffer.concat([head, seg(0), other.subarray(body + SEALED, body + 2 * SEALED), seg(2), seg(3)]), 'segment from another file');
  });

  it('rejects a wrong, missing or extra context', async () => {
    await expectFailure(t, ct, 'wrong value', { dataset: 'patients', stage: 'clean' });
    await expectFailure(t, ct, 'missing entry', { dataset: 'patients' });
    await expectFailure(t, ct, 'no context', {});
    await expectFailure(t, ct, 'extra entry', { ...CONTEXT, x: '1' });
  });

  it('rejects a wrong key (another keyring with a key of the same name)', async () => {
    const other = await tempKeyring();
    try {
      await expectFailure(other, ct, 'other keyring');
    } finally {
      await other.cleanup();
    }
  });

  it('leaves no output file behind on failure, and never overwrites the input', async () => {
    const dir = t.dir;
    const inPath = join(dir, 'tampered.cdn');
    const bad = Buffer.from(ct);
    bad[bad.length - 5]! ^= 1;
    writeFileSync(inPath, bad);
    const outPath = join(dir, 'out.bin');
    await assert.rejects(decryptFile(t.keyring, inPath, outPath, { context: CONTEXT }), { code: 'ERR_DECRYPTION_FAILED' });
    assert.deepEqual(readdirSync(dir).filter((n) => n.includes('out.bin')), []);
    await assert.rejects(decryptFile(t.keyring, inPath, inPath, { context: CONTEXT, overwrite: true }), { code: 'ERR_OUTPUT_EXISTS' });
    assert.deepEqual(readFileSync(inPath), bad);
    await assert.rejects(encryptFile(t.keyring, inPath, inPath, { keys: ['default'], overwrite: true }), { code: 'ERR_OUTPUT_EXISTS' });
  });

  it('random access reads any range, touching only the segments it needs', async () => {
    const path = join(t.dir, 'ra.cdn');
    writeFileSync(path, ct);
    const r = await EncryptedFileReader.open(t.keyring, path, { context: CONTEXT });
    try {
      assert.equal(r.length, plain.length);
      for (const [pos, len] of [[0, 10], [SEG - 3, 6], [SEG, SEG], [2 * SEG + 1, SEG + 4999], [plain.length - 1, 1], [0, plain.length], [5, 0]] as const) {
        assert.deepEqual(r.read(pos, len), Buffer.from(plain.subarray(pos, pos + len)), `range ${pos}+${len}`);
      }
      assert.throws(() => r.read(plain.length - 1, 2), { code: 'ERR_INPUT_INVALID' });
    } finally {
      r.close();
    }
    writeFileSync(path, ct.subarray(0, ct.length - 1));
    await assert.rejects(EncryptedFileReader.open(t.keyring, path, { context: CONTEXT }), { code: 'ERR_DECRYPTION_FAILED' });
  });

  it('rewrap changes only the header: the body bytes are identical', async () => {
    const path = join(t.dir, 'rw.cdn');
    const c = await encrypt(t, plain);
    writeFileSync(path, c);
    const before = await readHeader(memorySource(c));
    await t.keyring.rotate('default');
    const r = await rewrapFile(t.keyring, path);
    assert.equal(r.changed, true);
    assert.deepEqual(r.from, [{ name: 'default', version: before.header.stanzas[0]!.version }]);
    const after = readFileSync(path);
    const parsed = await readHeader(memorySource(after));
    assert.equal(parsed.header.stanzas[0]!.version, (await t.keyring.show('default')).primaryVersion);
    assert.deepEqual(sha256(after.subarray(parsed.headerLength)), sha256(c.subarray(before.headerLength)));
    assert.deepEqual(await decrypt(t, after), Buffer.from(plain));
    assert.equal((await rewrapFile(t.keyring, path)).changed, false);
  });

  it('wraps the data key under several keys; any one opens the file', async () => {
    await t.keyring.create('recovery');
    const sink = new MemorySink();
    await encryptStream(t.keyring, memorySource(plain), sink, { keys: ['default', 'recovery'], context: CONTEXT, segmentSize: SEG });
    const c = sink.bytes();
    assert.deepEqual(await decrypt(t, c), Buffer.from(plain));
    await t.keyring.rotate('default');
    const dflt = await t.keyring.show('default');
    for (const v of dflt.versions.filter((v) => v.version < dflt.primaryVersion && v.state === 'enabled')) await t.keyring.destroyVersion('default', v.version);
    assert.deepEqual(await decrypt(t, c), Buffer.from(plain)); // opened through 'recovery'
  });

  it('refuses invalid options at the boundary', async () => {
    const sink = new MemorySink();
    await assert.rejects(encryptStream(t.keyring, memorySource(plain), sink, { keys: ['default'], segmentSize: 1000 }), { code: 'ERR_INPUT_INVALID' });
    await assert.rejects(encryptStream(t.keyring, memorySource(plain), sink, { keys: [] }), { code: 'ERR_INPUT_INVALID' });
    await assert.rejects(encryptStream(t.keyring, memorySource(plain), sink, { keys: ['nope'] }), { code: 'ERR_KEY_NOT_FOUND' });
    await assert.rejects(encryptStream(t.keyring, memorySource(plain), sink, { keys: ['default'], context: { '': 'x' } }), { code: 'ERR_INPUT_INVALID' });
  });
});
