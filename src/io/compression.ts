// Output compression by name: `.gz` (gzip) and `.zst` (zstd, through node:zlib where it has it:
// Node 22.15 / 23.8 and later; older Node gets ERR_FORMAT_UNSUPPORTED naming the version). Reading
// goes by magic bytes instead (decompressedInput), whatever the name: datasets and cordon detect's text.
import { pipeline, Readable, type Transform } from 'node:stream';
import * as zlib from 'node:zlib';
import { CordonError } from '../errors.js';
import { peekStream } from './peek.js';

export type Compression = 'gzip' | 'zstd';

/** The compression a path's name asks for (`.gz`, `.zst`, before any `.cdn`). */
export function compressionOf(path: string): Compression | undefined {
  const name = path.replace(/\.cdn$/i, '');
  return /\.gz$/i.test(name) ? 'gzip' : /\.zst$/i.test(name) ? 'zstd' : undefined;
}

/**
 * A compressing stream for `kind`.
 *
 * @example
 * ```ts
 * pipeline(source, compressor('gzip'), createWriteStream('out.csv.gz'), done);
 * ```
 */
export function compressor(kind: Compression): Transform {
  if (kind === 'gzip') return zlib.createGzip();
  const make = (zlib as { createZstdCompress?: () => Transform }).createZstdCompress;
  if (make === undefined) throw new CordonError('ERR_FORMAT_UNSUPPORTED', `writing .zst needs Node 22.15 or later (this is ${process.version}); write .gz, or compress the output yourself (zstd)`);
  return make();
}

const GZIP = [0x1f, 0x8b];
const ZSTD = [0x28, 0xb5, 0x2f, 0xfd];
// Compressions Cordon does not decode: told by their magic bytes (xz: FD '7zXZ' 00; bzip2: 'BZh', a
// block-size digit 1-9, then the 48-bit magic of a first block (pi, 0x314159265359) or of an empty
// stream's end (sqrt(pi), 0x177245385090)). The ten bzip2 bytes keep a text file that merely begins
// "BZh1" (a CSV header, say) from being refused as compressed.
const XZ = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
const BZIP2 = [0x42, 0x5a, 0x68];
const BZIP2_BLOCK = [0x31, 0x41, 0x59, 0x26, 0x53, 0x59];
const BZIP2_END = [0x17, 0x72, 0x45, 0x38, 0x50, 0x90];
const PEEK = 10;

function isBzip2(head: Uint8Array): boolean {
  if (!startsWith(head, BZIP2)) return false;
  const size = head[3];
  if (size === undefined || size < 0x31 || size > 0x39) return false;
  const rest = head.subarray(4);
  return startsWith(rest, BZIP2_BLOCK) || startsWith(rest, BZIP2_END);
}

function startsWith(head: Uint8Array, magic: readonly number[]): boolean {
  return head.length >= magic.length && magic.every((b, i) => head[i] === b);
}

/**
 * The input decompressed when its magic bytes say gzip or zstd (whatever its name). zstd needs
 * node:zlib's decoder (Node 22.15 / 23.8 and later); on older Node it is ERR_FORMAT_UNSUPPORTED.
 * xz and bzip2 (by their magic bytes) are ERR_FORMAT_UNSUPPORTED naming the format and the command
 * that decompresses it, instead of a UTF-8 error on the compressed bytes.
 *
 * @example
 * ```ts
 * const text = await decompressedInput(createReadStream('notes.txt.gz'));
 * ```
 */
export async function decompressedInput(input: Readable): Promise<Readable> {
  const { head, stream } = await peekStream(input, PEEK);
  const other = startsWith(head, XZ) ? { name: 'xz', tool: 'xz -dc' } : isBzip2(head) ? { name: 'bzip2', tool: 'bunzip2 -c' } : undefined;
  if (other !== undefined) {
    stream.destroy();
    throw new CordonError('ERR_FORMAT_UNSUPPORTED', `the input is ${other.name}-compressed, which Cordon does not read (it reads gzip and zstd): decompress it first (${other.tool} FILE > plain, or ${other.tool} FILE | cordon … -)`, { details: { compression: other.name } });
  }
  if (startsWith(head, GZIP)) return decoded(stream, zlib.createGunzip(), 'gzip');
  if (startsWith(head, ZSTD)) {
    const make = (zlib as { createZstdDecompress?: () => Transform }).createZstdDecompress;
    if (make === undefined) throw new CordonError('ERR_FORMAT_UNSUPPORTED', `zstd input needs Node 22.15 or later (this is ${process.version}); decompress it first (zstd -d)`);
    return decoded(stream, make(), 'zstd');
  }
  return stream;
}

/**
 * `source` through `decoder`; a failure of the decoder (a truncated or corrupt stream) is
 * ERR_INPUT_INVALID instead of zlib's bare error, which reached the user as ERR_INTERNAL.
 */
function decoded(source: Readable, decoder: Transform, kind: Compression): Readable {
  let failed = false;
  decoder.once('error', () => { failed = true; });
  const out = pipeline(source, decoder, () => {});
  return Readable.from((async function* () {
    try {
      for await (const chunk of out) yield chunk as Buffer;
    } catch (e) {
      if (!failed) throw e;
      const why = (e as { code?: string }).code ?? 'corrupt data';
      throw new CordonError('ERR_INPUT_INVALID', `the ${kind} stream is truncated or corrupt (${why}); check the download or decompress it yourself to see where`, { details: { compression: kind }, cause: e });
    }
  })(), { objectMode: false });
}
