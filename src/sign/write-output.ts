// Writes a manifest, bundle or other small output atomically: a temporary file beside it, then a
// rename, so a reader never sees half a file; an existing file is replaced only when asked.
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CordonError } from '../errors.js';

export function writeOutputFile(path: string, text: string, options: { overwrite?: boolean; mode?: number } = {}): void {
  if (options.overwrite !== true && existsSync(path)) throw new CordonError('ERR_OUTPUT_EXISTS', `${path} exists; choose another output or pass --force`);
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
  try {
    writeFileSync(tmp, text, { mode: options.mode ?? 0o644, flag: 'wx' });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new CordonError('ERR_IO', `cannot write ${path}`, { cause: e });
  }
}
