// Writes a whole small file (a manifest, a contract draft, a key, a config) through AtomicFile:
// exclusive temporary file, fsync, then into place; nothing is left behind on failure.
import { writeSync } from 'node:fs';
import { CordonError } from '../errors.js';
import { AtomicFile, type AtomicFileOptions } from './atomic-file.js';

/**
 * Writes `data` to `path` atomically. Refuses an existing file unless `force`, and an input always
 * (ERR_OUTPUT_EXISTS); mode 0600 unless `mode` says otherwise.
 *
 * @example
 * ```ts
 * writeFileAtomic('run.manifest.json', JSON.stringify(m), { force: true, inputs: ['in.csv'] });
 * ```
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicFileOptions = {}): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const file = new AtomicFile(path, options);
  try {
    for (let off = 0; off < bytes.length; ) off += writeSync(file.fd, bytes, off, bytes.length - off);
  } catch (e) {
    file.abort();
    throw new CordonError('ERR_IO', `cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, { cause: e });
  }
  file.commit();
}
