// The one rule for every file Cordon writes: an output is never one of the command's inputs (same
// resolved path or the same file through a hard link or a symlink), not even with --force; an
// existing file (a dangling symlink counts) is replaced only with --force; a directory never is.
// Called when an output is opened and again just before it is renamed into place.
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CordonError } from '../errors.js';

export interface OutputCheck {
  /** Replace an existing file at the path (never an input, never a directory). */
  readonly force?: boolean;
  /** The files the command reads: the output must not be any of them. */
  readonly inputs?: readonly string[];
}

/** `path` with its folder's symlinks resolved (the file itself need not exist). */
function resolvedPath(path: string): string {
  try {
    return join(realpathSync(dirname(resolve(path))), basename(path));
  } catch {
    return resolve(path);
  }
}

/** True when both paths name the same file: the same resolved path, or the same device and inode. */
export function sameFile(a: string, b: string): boolean {
  if (resolvedPath(a) === resolvedPath(b)) return true;
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/**
 * Throws ERR_OUTPUT_EXISTS when `path` is one of `inputs` (whatever `force` says) or exists
 * without `force`, and ERR_IO when it is a directory or its folder cannot hold it.
 *
 * @example
 * ```ts
 * checkOutput('out.csv', { force: false, inputs: ['in.csv'] });
 * ```
 */
export function checkOutput(path: string, options: OutputCheck = {}): void {
  for (const input of options.inputs ?? []) {
    if (input !== '-' && sameFile(path, input)) throw new CordonError('ERR_OUTPUT_EXISTS', `${path} is an input of this command; choose another output (--force never replaces an input)`);
  }
  let st;
  try {
    st = lstatSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    throw new CordonError('ERR_IO', `cannot write ${path}: ${code === 'ENOTDIR' ? 'a parent is not a directory' : code ?? 'error'}`, { cause: e });
  }
  if (st.isDirectory()) throw new CordonError('ERR_IO', `cannot write ${path}: is a directory`);
  if (options.force !== true) throw new CordonError('ERR_OUTPUT_EXISTS', `${path} exists; choose another output or pass --force`);
}
