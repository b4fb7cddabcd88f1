// Random access to an encrypted file: read any plaintext range, decrypting only the segments it
// touches. The final segment is authenticated when the file is opened, so the plaintext length is
// trusted and reads past the end are refused.
import { CHUNK_TAG_LENGTH, CHUNKED_PREFIX_LENGTH, type ChunkCipher } from '../crypto/chunked.js';
import { CordonError, decryptionFailed } from '../errors.js';
import type { Keyring } from '../keys/keyring.js';
import { readHeader } from './header.js';
import { FileSource } from './io.js';
import { bodyLayout, headerStreamParams, openBody, type BodyLayout } from './layout.js';

export class EncryptedFileReader {
  readonly #src: FileSource;
  readonly #cipher: ChunkCipher;
  readonly #layout: BodyLayout;

  private constructor(src: FileSource, cipher: ChunkCipher, layout: BodyLayout) {
    this.#src = src;
    this.#cipher = cipher;
    this.#layout = layout;
  }

  /** Opens `path` for random access; the context must match the one used to encrypt. */
  static async open(keyring: Keyring, path: string, options: { context?: Readonly<Record<string, string>> } = {}): Promise<EncryptedFileReader> {
    const src = new FileSource(path);
    try {
      const parsed = await readHeader(src);
      const { segmentSize } = headerStreamParams(parsed);
      const layout = bodyLayout(parsed.headerLength, segmentSize, src.size);
      const prefix = Buffer.alloc(CHUNKED_PREFIX_LENGTH);
      if (src.readAt(prefix, 0, prefix.length, parsed.headerLength) !== prefix.length) throw decryptionFailed();
      const { cipher } = await openBody(keyring, parsed, options.context, prefix, { object: path });
      const reader = new EncryptedFileReader(src, cipher, layout);
      reader.#segment(layout.segments - 1); // authenticates the length
      return reader;
    } catch (e) {
      src.close();
      throw e;
    }
  }

  /** Authenticated plaintext length. */
  get length(): number {
    return this.#layout.plaintextLength;
  }

  #segment(i: number): Buffer {
    const l = this.#layout;
    const sealed = i === l.segments - 1 ? l.lastSealedLength : l.sealedSegment;
    const buf = Buffer.allocUnsafe(sealed);
    if (this.#src.readAt(buf, 0, sealed, l.bodyStart + i * l.sealedSegment) !== sealed) throw decryptionFailed();
    return this.#cipher.open(i, buf.subarray(0, sealed - CHUNK_TAG_LENGTH), buf.subarray(sealed - CHUNK_TAG_LENGTH));
  }

  /** Returns plaintext bytes [position, position + length). */
  read(position: number, length: number): Buffer {
    if (!Number.isSafeInteger(position) || !Number.isSafeInteger(length) || position < 0 || length < 0 || position + length > this.length) {
      throw new CordonError('ERR_INPUT_INVALID', `range ${position}+${length} is outside the plaintext (length ${this.length})`);
    }
    const out = Buffer.allocUnsafe(length);
    const size = this.#layout.segmentSize;
    let done = 0;
    while (done < length) {
      const p = position + done;
      const i = Math.floor(p / size);
      const seg = this.#segment(i);
      const off = p - i * size;
      const n = Math.min(seg.length - off, length - done);
      seg.copy(out, done, off, off + n);
      done += n;
    }
    return out;
  }

  close(): void {
    this.#src.close();
  }
}
