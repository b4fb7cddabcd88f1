// Streaming file encryption: header, then the body as a C2SP chunked-encryption ciphertext with the
// header's segment size. Memory use is one segment, whatever the input size.
import { ChunkCipher, deriveChunkKeys, CHUNKED_SALT_LENGTH } from '../crypto/chunked.js';
import { randomBytes } from '../crypto/random.js';
import { getSuite } from '../crypto/suites.js';
import { CordonError } from '../errors.js';
import { boundContext, encodeParams, HeaderError, normalizeContext, type FileHeader } from '../formats/encrypted-file.js';
import { generateDataKey, wrapDataKey } from '../keys/envelope.js';
import type { Keyring } from '../keys/keyring.js';
import { sealHeader, toStanza } from './header.js';
import { readFully, type ByteSink, type ByteSource } from './io.js';

export const FILE_SUITE = 'CBS256-GCM';

export interface EncryptOptions {
  /** Keys to wrap the data key under (the first is required; more give more ways to open the file). */
  readonly keys: readonly string[];
  /** Encryption context, bound as associated data and required again on decrypt. */
  readonly context?: Readonly<Record<string, string>>;
  /** Plaintext bytes per segment (default: the suite's default). */
  readonly segmentSize?: number;
  readonly onProgress?: (plaintextBytes: number) => void;
  /** Recorded in the audit event (e.g. the input path). */
  readonly object?: string;
}

export interface EncryptResult {
  readonly plaintextBytes: number;
  readonly segments: number;
  readonly headerLength: number;
  readonly key: { readonly name: string; readonly version: number };
}

/** Checks and canonicalizes a context map (ERR_INPUT_INVALID on bad entries). */
export function contextEntries(context: Readonly<Record<string, string>> | undefined): Array<[string, string]> {
  try {
    return normalizeContext(Object.entries(context ?? {}));
  } catch (e) {
    if (e instanceof HeaderError) throw new CordonError('ERR_INPUT_INVALID', `invalid encryption context: ${e.message.replace(/^malformed encrypted-file header: /, '')}`);
    throw e;
  }
}

export async function encryptStream(keyring: Keyring, src: ByteSource, sink: ByteSink, options: EncryptOptions): Promise<EncryptResult> {
  const suite = getSuite(FILE_SUITE, 'stream');
  const segmentSize = options.segmentSize ?? suite.defaultSegmentSize;
  if (!Number.isInteger(segmentSize) || segmentSize < suite.minSegmentSize || segmentSize > suite.maxSegmentSize || segmentSize % 16 !== 0) {
    throw new CordonError('ERR_INPUT_INVALID', `segment size must be a multiple of 16 between ${suite.minSegmentSize} and ${suite.maxSegmentSize} bytes`);
  }
  if (options.keys.length === 0) throw new CordonError('ERR_INPUT_INVALID', 'at least one key is needed');
  if (new Set(options.keys).size !== options.keys.length) throw new CordonError('ERR_INPUT_INVALID', 'a key is listed twice');
  const params = { suiteId: suite.id, segmentSize, context: contextEntries(options.context) };
  const ctx = boundContext(encodeParams(params));

  const { dataKey, wrappedKey } = await generateDataKey(keyring, options.keys[0]!, ctx);
  try {
    const stanzas = [toStanza(wrappedKey)];
    for (const name of options.keys.slice(1)) stanzas.push(toStanza(await wrapDataKey(keyring, name, dataKey, ctx)));
    const header: FileHeader = { ...params, stanzas };
    const headerBytes = sealHeader(header, dataKey);
    const salt = randomBytes(CHUNKED_SALT_LENGTH);
    const keys = deriveChunkKeys(dataKey, salt, ctx);
    const cipher = new ChunkCipher(keys);
    await sink.write([headerBytes, salt, keys.commitment]);

    // Two buffers: the next segment is read (on the thread pool) while this one is encrypted.
    let cur = Buffer.allocUnsafe(segmentSize);
    let next = Buffer.allocUnsafe(segmentSize);
    let index = 0;
    let total = 0;
    let writing: Promise<void> = Promise.resolve();
    let n = await readFully(src, cur, segmentSize);
    for (;;) {
      // A full segment is never the last one: the final segment is always shorter (maybe empty).
      const prefetch = n === segmentSize ? readFully(src, next, segmentSize) : undefined;
      try {
        const parts = cipher.sealParts(index, cur.subarray(0, n));
        await writing; // one write in flight: it overlaps with the next segment's encryption
        writing = sink.write(parts);
      } catch (e) {
        await prefetch?.catch(() => 0); // let in-flight I/O finish before the source and sink close
        await writing.catch(() => undefined);
        throw e;
      }
      index++;
      total += n;
      options.onProgress?.(total);
      if (prefetch === undefined) break;
      n = await prefetch;
      [cur, next] = [next, cur];
    }
    await writing;
    cur.fill(0);
    next.fill(0);
    keyring.record('file.encrypt', 'success', { name: wrappedKey.keyName, version: wrappedKey.version }, { attributes: { bytes: total, segments: index, ...(options.object === undefined ? {} : { object: options.object }) } });
    return { plaintextBytes: total, segments: index, headerLength: headerBytes.length, key: { name: wrappedKey.keyName, version: wrappedKey.version } };
  } finally {
    dataKey.fill(0);
  }
}
