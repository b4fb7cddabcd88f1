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

    const buf = Buffer.allocUnsafe(segmentSize);
    let index = 0;
    let total = 0;
    for (;;) {
      const n = await readFully(src, buf, segmentSize);
      // A full segment is never the last one: the final segment is always shorter (maybe empty).
      const [body, tag] = cipher.seal(index, buf.subarray(0, n));
      await sink.write([body, tag]);
      index++;
      total += n;
      options.onProgress?.(total);
      if (n < segmentSize) break;
    }
    buf.fill(0);
    keyring.record('file.encrypt', 'success', { name: wrappedKey.keyName, version: wrappedKey.version }, { attributes: { bytes: total, segments: index } });
    return { plaintextBytes: total, segments: index, headerLength: headerBytes.length, key: { name: wrappedKey.keyName, version: wrappedKey.version } };
  } finally {
    dataKey.fill(0);
  }
}
