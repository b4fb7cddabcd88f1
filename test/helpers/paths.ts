// Paths relative to the repository root, from compiled tests in dist/test/.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function repoPath(...parts: string[]): string {
  return join(REPO_ROOT, ...parts);
}

/** The cordon command, as users run it. */
export const CORDON_BIN = join(REPO_ROOT, 'bin', 'cordon.js');
