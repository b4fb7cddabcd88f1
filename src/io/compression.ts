// Output compression by name: `.gz` (gzip) and `.zst` (zstd, through node:zlib where it has it:
// Node 22.15 / 23.8 and later; older Node gets ERR_FORMAT_UNSUPPORTED naming the version). Reading
// goes by magic bytes instead (dataset.ts), whatever the name.
import type { Transform } from 'node:stream';
import * as zlib from 'node:zlib';
import { CordonError } from '../errors.js';

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
