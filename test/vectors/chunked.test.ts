// C2SP chunked encryption (Cobblestone-256) vectors, applied as wycheproof/doc/c2sp_chunked_encryption.md
// describes, plus a round-trip property test at two chunk sizes.
//   - chunkedDecrypt: valid → msgLength bytes with SHA-512 msgSha512; invalid → ERR_DECRYPTION_FAILED,
//     except InvalidKeySize → ERR_CRYPTO_UNSUPPORTED (a wrong-size key is a refusal, not a secret failure).
//   - key derivation: deriveChunkKeys(key, salt, ctx) gives the vector's aeadKey and baseNonce, and the
//     commitment in the header.
//   - raw mode (vectors without HeaderFailure): header removed, chunks opened with ChunkCipher from
//     aeadKey/baseNonce as a streaming reader would; valid → the message; invalid → an error, after
//     producing exactly the valid prefix the vector describes (PartialPlaintext) and nothing more.
//   - final-chunk authentication (seek from the end): succeeds for valid, fails for invalid except
//     ValidFinalChunk.
//   - encryption: raw re-encryption matches the ciphertext body, and chunkedEncrypt with the vector's
//     salt reproduces the whole ciphertext.
// `ct` is zlib-compressed hex (some messages are 4 MiB): inflated here with node:zlib, in the test only.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import {
  C2SP_CHUNK_SIZE, CHUNK_TAG_LENGTH, CHUNKED_PREFIX_LENGTH, CHUNKED_SALT_LENGTH, ChunkCipher, chunkedDecrypt, chunkedEncrypt,
  deriveChunkKeys, randomBytes, sha512, type ChunkKeys,
} from '../../src/crypto/index.js';
import { CordonError } from '../../src/errors.js';
import { countCases, expectCode, hex, label, loadVectors, Tally, toHex, type WycheproofCase, type WycheproofFile } from './support.js';

const FILE = 'c2sp_chunked_encryption_aes_256_gcm_test.json';

interface ChunkedCase extends WycheproofCase {
  readonly key: string;
  readonly ctx: string;
  readonly ct: string;
  readonly aeadKey?: string;
  readonly baseNonce?: string;
  readonly msgLength?: number;
  readonly msgSha512?: string;
}
interface ChunkedGroup {
  readonly aead: string;
  readonly sha: string;
  readonly tests: readonly ChunkedCase[];
}

const FULL = C2SP_CHUNK_SIZE + CHUNK_TAG_LENGTH;

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

/**
 * A streaming raw-mode reader written from the spec: full chunks while more than a full chunk's
 * worth remains, then one final chunk shorter than a full chunk (possibly just a tag). Returns what
 * it produced before stopping, and why it stopped.
 */
function rawDecrypt(cipher: ChunkCipher, body: Uint8Array): { produced: Uint8Array; error?: string } {
  const out: Uint8Array[] = [];
  let pos = 0;
  for (let i = 0; ; i++) {
    const rest = body.length - pos;
    if (rest < CHUNK_TAG_LENGTH) return { produced: concat(out), error: rest === 0 ? 'missing final chunk' : 'truncated chunk' };
    const last = rest < FULL;
    const len = last ? rest : FULL;
    try {
      out.push(cipher.open(i, body.subarray(pos, pos + len - CHUNK_TAG_LENGTH), body.subarray(pos + len - CHUNK_TAG_LENGTH, pos + len)));
    } catch (e) {
      assert.ok(e instanceof CordonError && e.code === 'ERR_DECRYPTION_FAILED', `ChunkCipher.open threw ${String(e)}`);
      return { produced: concat(out), error: `chunk ${i}: ERR_DECRYPTION_FAILED` };
    }
    if (last) return { produced: concat(out) };
    pos += len;
  }
}

/** Opens only the final chunk, located from the length alone (what a seek-from-end reader does). */
function openFinalChunk(cipher: ChunkCipher, body: Uint8Array): boolean {
  const index = Math.floor(body.length / FULL);
  const start = index * FULL;
  if (body.length - start < CHUNK_TAG_LENGTH) return false;
  try {
    cipher.open(index, body.subarray(start, body.length - CHUNK_TAG_LENGTH), body.subarray(body.length - CHUNK_TAG_LENGTH));
    return true;
  } catch {
    return false;
  }
}

/** Raw-mode encryption: seals the message chunk by chunk with the given keys. */
function rawEncrypt(cipher: ChunkCipher, msg: Uint8Array, size: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const chunks = Math.floor(msg.length / size) + 1;
  for (let i = 0; i < chunks; i++) parts.push(...cipher.seal(i, msg.subarray(i * size, Math.min((i + 1) * size, msg.length))));
  return concat(parts);
}

const file = loadVectors<WycheproofFile<ChunkedGroup>>(`wycheproof/${FILE}`);

describe(`wycheproof ${FILE} (Cobblestone-256)`, () => {
  const tally = new Tally(FILE, file.numberOfTests, countCases(file.testGroups));
  let rawRun = 0;
  let derivedChecked = 0;
  let reencrypted = 0;

  for (const g of file.testGroups) {
    assert.equal(g.aead, 'AEAD_AES_256_GCM');
    assert.equal(g.sha, 'SHA-512');
    for (const t of g.tests) {
      const flags = new Set(t.flags ?? []);
      it(label(FILE, t), () => {
        const name = label(FILE, t);
        const key = hex(t.key);
        const ctx = hex(t.ctx);
        const ct = new Uint8Array(inflateSync(hex(t.ct)));

        // 1. One-shot decryption.
        if (t.result === 'valid') {
          const msg = chunkedDecrypt(key, ct, ctx);
          assert.equal(msg.length, t.msgLength, `${name}: message length`);
          assert.equal(toHex(sha512(msg)), t.msgSha512, `${name}: message SHA-512`);
          // Encryption, way 2: the same salt reproduces the whole ciphertext.
          const again = chunkedEncrypt(key, msg, ctx, { salt: ct.subarray(0, CHUNKED_SALT_LENGTH) });
          assert.ok(Buffer.from(again).equals(ct), `${name}: chunkedEncrypt with the vector's salt reproduces ct`);
          tally.valid(t);
        } else if (t.result === 'invalid') {
          if (flags.has('InvalidKeySize')) {
            expectCode(() => chunkedDecrypt(key, ct, ctx), 'ERR_CRYPTO_UNSUPPORTED', `${name}: ${key.length}-byte key refused`);
            if (ct.length >= CHUNKED_SALT_LENGTH) {
              expectCode(() => deriveChunkKeys(key, ct.subarray(0, CHUNKED_SALT_LENGTH), ctx), 'ERR_CRYPTO_UNSUPPORTED', `${name}: deriveChunkKeys`);
            }
            tally.invalid(t, `ERR_CRYPTO_UNSUPPORTED, ${key.length}-byte input key`);
          } else {
            expectCode(() => chunkedDecrypt(key, ct, ctx), 'ERR_DECRYPTION_FAILED', `${name}: must be rejected`);
            tally.invalid(t, 'ERR_DECRYPTION_FAILED');
          }
        } else {
          assert.fail(`${name}: no policy for result ${t.result}`);
        }

        // 2. Raw mode, for vectors that carry aeadKey / baseNonce (all without HeaderFailure).
        assert.equal(t.aeadKey === undefined, flags.has('HeaderFailure'), `${name}: aeadKey present iff no HeaderFailure`);
        if (t.aeadKey === undefined || t.baseNonce === undefined) return;
        const derived = deriveChunkKeys(key, ct.subarray(0, CHUNKED_SALT_LENGTH), ctx);
        assert.equal(toHex(derived.aeadKey), t.aeadKey, `${name}: derived aeadKey`);
        assert.equal(toHex(derived.baseNonce), t.baseNonce, `${name}: derived baseNonce`);
        assert.equal(toHex(derived.commitment), toHex(ct.subarray(CHUNKED_SALT_LENGTH, CHUNKED_PREFIX_LENGTH)), `${name}: commitment`);
        derivedChecked++;

        const keys: ChunkKeys = { aeadKey: hex(t.aeadKey), baseNonce: hex(t.baseNonce), commitment: new Uint8Array(32) };
        const body = ct.subarray(CHUNKED_PREFIX_LENGTH);
        const raw = rawDecrypt(new ChunkCipher(keys), body);
        if (t.result === 'valid') {
          assert.equal(raw.error, undefined, `${name}: raw decryption`);
          assert.equal(raw.produced.length, t.msgLength, `${name}: raw message length`);
          assert.equal(toHex(sha512(raw.produced)), t.msgSha512, `${name}: raw message SHA-512`);
          // Encryption, way 1: raw re-encryption is deterministic and matches the body.
          assert.ok(Buffer.from(rawEncrypt(new ChunkCipher(keys), raw.produced, C2SP_CHUNK_SIZE)).equals(body), `${name}: raw re-encryption`);
          reencrypted++;
          assert.equal(openFinalChunk(new ChunkCipher(keys), body), true, `${name}: final chunk authenticates the length`);
        } else {
          assert.notEqual(raw.error, undefined, `${name}: raw decryption must fail`);
          if (flags.has('PartialPlaintext')) {
            assert.equal(raw.produced.length, t.msgLength, `${name}: raw reader produced exactly the valid prefix (${raw.error})`);
            assert.equal(toHex(sha512(raw.produced)), t.msgSha512, `${name}: valid prefix SHA-512`);
          } else {
            assert.equal(raw.produced.length, 0, `${name}: raw reader must produce nothing (${raw.error})`);
          }
          if (!flags.has('ValidFinalChunk')) {
            assert.equal(openFinalChunk(new ChunkCipher(keys), body), false, `${name}: final chunk must not authenticate`);
          }
        }
        rawRun++;
      });
    }
  }

  it('ran every case once (counts)', (t) => {
    tally.assertComplete(t);
    t.diagnostic(`  raw mode: ${rawRun} vectors, derived keys checked for ${derivedChecked}, re-encrypted ${reencrypted}`);
    assert.equal(rawRun, derivedChecked);
    assert.ok(tally.validPassed === 10 && reencrypted === 10, 'all 10 valid vectors decrypted and re-encrypted');
  });
});

describe('chunkedEncrypt / chunkedDecrypt round trip (property)', () => {
  for (const size of [16 * 1024, 64 * 1024]) {
    const lengths = [0, 1, size - 1, size, size + 1, 3 * size];
    it(`chunk size ${size / 1024} KiB, lengths ${lengths.join(', ')}`, () => {
      for (const n of lengths) {
        const what = `chunk size ${size}, length ${n}`;
        const key = randomBytes(32);
        const ctx = randomBytes(n % 7);
        const msg = randomBytes(n);
        const sealed = chunkedEncrypt(key, msg, ctx, { chunkSize: size });
        const chunks = Math.floor(n / size) + 1;
        assert.equal(sealed.length, CHUNKED_PREFIX_LENGTH + n + chunks * CHUNK_TAG_LENGTH, `${what}: ciphertext length`);
        assert.ok(Buffer.from(chunkedDecrypt(key, sealed, ctx, { chunkSize: size })).equals(msg), `${what}: open(seal(x)) = x`);
        assert.ok(!Buffer.from(chunkedEncrypt(key, msg, ctx, { chunkSize: size })).equals(sealed), `${what}: a fresh salt each time`);

        // Any one-byte change (salt, commitment, first chunk, a middle byte, the last tag byte) fails.
        for (const pos of new Set([0, CHUNKED_SALT_LENGTH, CHUNKED_PREFIX_LENGTH, sealed.length >> 1, sealed.length - 1])) {
          const bad = Uint8Array.from(sealed);
          bad[pos]! ^= 0x01;
          expectCode(() => chunkedDecrypt(key, bad, ctx, { chunkSize: size }), 'ERR_DECRYPTION_FAILED', `${what}: byte ${pos} changed`);
        }
        // Truncation, trailing data, wrong key and wrong context fail the same way.
        expectCode(() => chunkedDecrypt(key, sealed.subarray(0, sealed.length - 1), ctx, { chunkSize: size }), 'ERR_DECRYPTION_FAILED', `${what}: truncated`);
        expectCode(() => chunkedDecrypt(key, Uint8Array.from([...sealed, 0]), ctx, { chunkSize: size }), 'ERR_DECRYPTION_FAILED', `${what}: trailing byte`);
        if (n >= size) {
          const cut = CHUNKED_PREFIX_LENGTH + Math.floor(n / size) * (size + CHUNK_TAG_LENGTH);
          expectCode(() => chunkedDecrypt(key, sealed.subarray(0, cut), ctx, { chunkSize: size }), 'ERR_DECRYPTION_FAILED', `${what}: final chunk dropped`);
        }
        expectCode(() => chunkedDecrypt(randomBytes(32), sealed, ctx, { chunkSize: size }), 'ERR_DECRYPTION_FAILED', `${what}: wrong key`);
        expectCode(() => chunkedDecrypt(key, sealed, Uint8Array.from([...ctx, 1]), { chunkSize: size }), 'ERR_DECRYPTION_FAILED', `${what}: wrong context`);
      }
    });
  }

  it('16 KiB is the default and the chunk size is bound: 64 KiB chunks do not open as 16 KiB ones', () => {
    const key = randomBytes(32);
    const salt = randomBytes(CHUNKED_SALT_LENGTH);
    const msg = randomBytes(3 * 64 * 1024);
    const ctx = new TextEncoder().encode('ctx');
    assert.ok(Buffer.from(chunkedEncrypt(key, msg, ctx, { salt })).equals(chunkedEncrypt(key, msg, ctx, { salt, chunkSize: C2SP_CHUNK_SIZE })));
    const big = chunkedEncrypt(key, msg, ctx, { salt, chunkSize: 64 * 1024 });
    expectCode(() => chunkedDecrypt(key, big, ctx), 'ERR_DECRYPTION_FAILED', '64 KiB chunks read as 16 KiB');
  });
});
