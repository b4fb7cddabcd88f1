// Rewrap: re-wraps a file's data key under the current primary version of each of its keys and
// rewrites only the header. The body (salt, commitment, segments) is copied byte for byte: it is
// not decrypted or re-encrypted, because the data key does not change. The new file replaces the
// old one atomically; the old header is checked (MAC and commitment) before anything is written.
import { CHUNKED_PREFIX_LENGTH } from '../crypto/chunked.js';
import { decryptionFailed, isCordonError } from '../errors.js';
import { boundContext, encodeParams, type FileHeader, type KeyStanza } from '../formats/encrypted-file.js';
import { wrapDataKey } from '../keys/envelope.js';
import type { Keyring } from '../keys/keyring.js';
import { openHeader, readHeader, sealHeader, toStanza } from './header.js';
import { AtomicFile, FdSink, FileSource } from './io.js';
import { bodyLayout, headerStreamParams } from './layout.js';
import { deriveChunkKeys, checkCommitment, CHUNKED_SALT_LENGTH } from '../crypto/chunked.js';

export interface RewrapResult {
  readonly path: string;
  readonly changed: boolean;
  readonly from: ReadonlyArray<{ name: string; version: number }>;
  readonly to: ReadonlyArray<{ name: string; version: number }>;
}

const COPY_BUFFER = 8 * 1024 * 1024;

export async function rewrapFile(keyring: Keyring, path: string, options: { context?: Readonly<Record<string, string>> } = {}): Promise<RewrapResult> {
  const src = new FileSource(path);
  let out: AtomicFile | undefined;
  try {
    const parsed = await readHeader(src);
    const { suiteId, segmentSize } = headerStreamParams(parsed);
    bodyLayout(parsed.headerLength, segmentSize, src.size); // refuse truncated files before rewriting them
    const params = { suiteId, segmentSize, context: [...parsed.header.context] as Array<[string, string]> };
    const ctx = boundContext(encodeParams(params));
    // The context is read from the header here (the MAC and the wrap AAD authenticate it); a caller
    // may pass the expected context to insist on it.
    if (options.context !== undefined) {
      const expected = boundContext(encodeParams({ suiteId, segmentSize, context: Object.entries(options.context) }));
      if (Buffer.compare(Buffer.from(expected), Buffer.from(ctx)) !== 0) throw decryptionFailed();
    }
    const { dataKey } = await openHeader(keyring, parsed, ctx, { object: path });
    try {
      const prefix = Buffer.alloc(CHUNKED_PREFIX_LENGTH);
      if (src.readAt!(prefix, 0, prefix.length, parsed.headerLength) !== prefix.length) throw decryptionFailed();
      checkCommitment(deriveChunkKeys(dataKey, prefix.subarray(0, CHUNKED_SALT_LENGTH), ctx), prefix.subarray(CHUNKED_SALT_LENGTH));

      const stanzas: KeyStanza[] = [];
      let changed = false;
      for (const s of parsed.header.stanzas) {
        const key = await keyring.show(s.keyName).catch(() => undefined);
        if (key === undefined || key.status === 'retired' || key.primaryVersion === s.version) {
          stanzas.push(s);
          continue;
        }
        stanzas.push(toStanza(await wrapDataKey(keyring, s.keyName, dataKey, ctx)));
        changed = true;
      }
      const from = parsed.header.stanzas.map((s) => ({ name: s.keyName, version: s.version }));
      const to = stanzas.map((s) => ({ name: s.keyName, version: s.version }));
      if (!changed) return { path, changed, from, to };

      const header: FileHeader = { ...params, stanzas };
      const headerBytes = sealHeader(header, dataKey);
      out = new AtomicFile(path, { force: true }); // replaces itself in place: the one writer allowed over its input
      const sink = new FdSink(out.fd);
      await sink.write([headerBytes]);
      const buf = Buffer.allocUnsafe(COPY_BUFFER);
      for (let pos = parsed.headerLength; pos < src.size; ) {
        const n = src.readAt!(buf, 0, Math.min(buf.length, src.size - pos), pos);
        if (n === 0) throw decryptionFailed();
        await sink.write([buf.subarray(0, n)]);
        pos += n;
      }
      out.commit();
      out = undefined;
      keyring.record('file.rewrap', 'success', { name: to[0]!.name, version: to[0]!.version }, { attributes: { object: path, fromVersion: from[0]!.version } });
      return { path, changed, from, to };
    } finally {
      dataKey.fill(0);
    }
  } catch (e) {
    out?.abort();
    keyring.record('file.rewrap', 'failure', { name: '' }, { reason: isCordonError(e) ? e.code : 'ERR_INTERNAL', attributes: { object: path } });
    throw e;
  } finally {
    src.close();
  }
}
