// Streaming file decryption. Each segment is authenticated before its plaintext is written. When
// the input is a regular file, the final segment is authenticated first, so a truncated or
// extended file is refused before any byte is written. Output to a file goes through AtomicFile,
// so a failure at any point leaves no output behind.
import { CHUNK_TAG_LENGTH, CHUNKED_PREFIX_LENGTH } from '../crypto/chunked.js';
import { decryptionFailed, isCordonError } from '../errors.js';
import type { Keyring } from '../keys/keyring.js';
import { readHeader } from './header.js';
import { readFully, type ByteSink, type ByteSource } from './io.js';
import { bodyLayout, openBody } from './layout.js';

export interface DecryptOptions {
  /** The encryption context the file was encrypted with; must match exactly. */
  readonly context?: Readonly<Record<string, string>>;
  readonly onProgress?: (plaintextBytes: number) => void;
  /** Recorded in the audit event (e.g. the input path). */
  readonly object?: string;
}

export interface DecryptResult {
  readonly plaintextBytes: number;
  readonly segments: number;
  readonly key: { readonly name: string; readonly version: number };
}

export async function decryptStream(keyring: Keyring, src: ByteSource, sink: ByteSink, options: DecryptOptions = {}): Promise<DecryptResult> {
  const attributes = options.object === undefined ? undefined : { object: options.object };
  let keyForAudit: { name: string; version?: number } = { name: '' };
  try {
    const parsed = await readHeader(src);
    keyForAudit = { name: parsed.header.stanzas[0]?.keyName ?? '' };
    const prefix = Buffer.alloc(CHUNKED_PREFIX_LENGTH);
    if ((await readFully(src, prefix, prefix.length)) !== prefix.length) throw decryptionFailed();
    const { cipher, segmentSize, stanza } = await openBody(keyring, parsed, options.context, prefix, attributes);
    keyForAudit = { name: stanza.keyName, version: stanza.version };
    const sealedSize = segmentSize + CHUNK_TAG_LENGTH;

    // Seekable input: authenticate the message length (final segment) before writing anything.
    if (src.size !== undefined && src.readAt !== undefined) {
      const layout = bodyLayout(parsed.headerLength, segmentSize, src.size);
      const last = Buffer.allocUnsafe(layout.lastSealedLength);
      const pos = layout.bodyStart + (layout.segments - 1) * layout.sealedSegment;
      if (src.readAt(last, 0, last.length, pos) !== last.length) throw decryptionFailed();
      cipher.open(layout.segments - 1, last.subarray(0, last.length - CHUNK_TAG_LENGTH), last.subarray(last.length - CHUNK_TAG_LENGTH));
    }

    // Two buffers: the next sealed segment is read (on the thread pool) while this one is opened.
    let cur = Buffer.allocUnsafe(sealedSize);
    let next = Buffer.allocUnsafe(sealedSize);
    let index = 0;
    let total = 0;
    let writing: Promise<void> = Promise.resolve();
    let n = await readFully(src, cur, sealedSize);
    for (;;) {
      if (n < CHUNK_TAG_LENGTH) throw decryptionFailed(); // missing final segment or torn tag
      const prefetch = n === sealedSize ? readFully(src, next, sealedSize) : undefined;
      try {
        // openParts returns plaintext only once the segment's tag has verified.
        const plain = cipher.openParts(index, cur.subarray(0, n - CHUNK_TAG_LENGTH), cur.subarray(n - CHUNK_TAG_LENGTH, n));
        await writing; // one write in flight: it overlaps with the next segment's decryption
        writing = sink.write(plain);
      } catch (e) {
        await prefetch?.catch(() => 0); // let in-flight I/O finish before the source and sink close
        await writing.catch(() => undefined);
        throw e;
      }
      index++;
      total += n - CHUNK_TAG_LENGTH;
      options.onProgress?.(total);
      if (prefetch === undefined) break; // the short segment is the last; anything after it was not read
      n = await prefetch;
      [cur, next] = [next, cur];
    }
    await writing;
    // Trailing bytes after the final segment (only reachable for non-seekable input).
    const probe = Buffer.alloc(1);
    if ((await readFully(src, probe, 1)) !== 0) throw decryptionFailed();
    keyring.record('file.decrypt', 'success', { name: stanza.keyName, version: stanza.version }, { attributes: { bytes: total, segments: index, ...(attributes ?? {}) } });
    return { plaintextBytes: total, segments: index, key: { name: stanza.keyName, version: stanza.version } };
  } catch (e) {
    keyring.record('file.decrypt', 'failure', keyForAudit, { reason: isCordonError(e) ? e.code : 'ERR_INTERNAL', ...(attributes ? { attributes } : {}) });
    throw e;
  }
}
