// In-memory byte sources and sinks for file-format tests.
import type { ByteSink, ByteSource } from '../../src/files/io.js';

export class MemorySink implements ByteSink {
  readonly parts: Buffer[] = [];
  async write(parts: readonly Uint8Array[]): Promise<void> {
    for (const p of parts) this.parts.push(Buffer.from(p));
  }
  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** A source over a buffer; seekable unless `streaming` is set. */
export function memorySource(data: Uint8Array, options: { streaming?: boolean; chunk?: number } = {}): ByteSource {
  let pos = 0;
  const buf = Buffer.from(data);
  const chunk = options.chunk ?? Number.MAX_SAFE_INTEGER;
  const src: ByteSource = {
    size: options.streaming ? undefined : buf.length,
    async read(out, offset, length) {
      const n = Math.max(0, Math.min(length, buf.length - pos, chunk));
      buf.copy(out, offset, pos, pos + n);
      pos += n;
      return n;
    },
  };
  if (!options.streaming) {
    src.readAt = (out, offset, length, position) => {
      const n = Math.max(0, Math.min(length, buf.length - position));
      buf.copy(out, offset, position, position + n);
      return n;
    };
  }
  return src;
}
