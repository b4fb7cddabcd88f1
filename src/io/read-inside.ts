// A file a document names by a path relative to its own folder (a contract's recognizer file): read
// only when the path, with every symlink resolved, stays inside that folder. parseContract refuses
// ".." and absolute paths by text; this closes the symlink route out of the folder.
import { readFileSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import { CordonError } from '../errors.js';

/** The text of `ref` under `folder`; ERR_IO when unreadable, ERR_CONTRACT_INVALID when it resolves outside. */
export function readInsideFolder(folder: string, ref: string): string {
  let root: string;
  let target: string;
  try {
    root = realpathSync(folder);
    target = realpathSync(join(folder, ref));
  } catch (e) {
    throw new CordonError('ERR_IO', `cannot read the recognizer file ${ref}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  if (!target.startsWith(root.endsWith(sep) ? root : root + sep)) {
    throw new CordonError('ERR_CONTRACT_INVALID', `the recognizer file ${ref} resolves outside the contract's folder (through a symlink)`);
  }
  try {
    return readFileSync(target, 'utf8');
  } catch (e) {
    throw new CordonError('ERR_IO', `cannot read the recognizer file ${ref}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}
