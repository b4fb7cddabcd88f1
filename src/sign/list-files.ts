// Lists the regular files of an artifact (a directory, or one file) as relative paths with '/'
// separators, in a stable order. Symbolic links are refused, not followed: a link could point outside
// the artifact or change after signing (the OpenSSF model-signing reference does the same with
// allow_symlinks=false). Other special files (FIFOs, sockets, devices) are refused too.
import { lstat, readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { CordonError } from '../errors.js';

export interface ArtifactFile {
  /** Relative to the artifact root, '/'-separated; the file's base name for a single-file artifact. */
  readonly path: string;
  readonly absolute: string;
}

export interface ArtifactListing {
  readonly kind: 'directory' | 'file';
  /** Absolute path of the artifact. */
  readonly root: string;
  /** Base name of the artifact. */
  readonly name: string;
  readonly files: readonly ArtifactFile[];
}

/**
 * Orders paths part by part, comparing parts as UTF-8 bytes (code point order), which is how the
 * model-signing reference sorts its `pathlib` paths: `a/b` sorts before `a-b` because `a` < `a-b`.
 */
export function comparePaths(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const c = Buffer.compare(Buffer.from(pa[i]!, 'utf8'), Buffer.from(pb[i]!, 'utf8'));
    if (c !== 0) return c;
  }
  return pa.length - pb.length;
}

/** True when `path` is one of `ignored` or lies under one of them. */
export function isIgnored(path: string, ignored: ReadonlySet<string>): boolean {
  if (ignored.has(path)) return true;
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) if (ignored.has(path.slice(0, i))) return true;
  return false;
}

function refuse(kind: string, path: string): never {
  throw new CordonError('ERR_INPUT_INVALID', `${path} is a ${kind}; artifacts may hold only regular files and directories (symbolic links are not followed)`);
}

async function statOrFail(path: string) {
  try {
    return await lstat(path);
  } catch (e) {
    throw new CordonError('ERR_IO', `cannot read ${path}`, { cause: e });
  }
}

/**
 * Lists every regular file of `path`, skipping `ignore` (relative '/' paths; an ignored directory
 * skips everything under it).
 */
export async function listArtifactFiles(path: string, options: { ignore?: Iterable<string> } = {}): Promise<ArtifactListing> {
  const root = resolve(path);
  const st = await statOrFail(root);
  if (st.isSymbolicLink()) refuse('symbolic link', path);
  if (st.isFile()) return { kind: 'file', root, name: basename(root), files: [{ path: basename(root), absolute: root }] };
  if (!st.isDirectory()) refuse('special file', path);
  const ignored = new Set(options.ignore ?? []);
  const files: ArtifactFile[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      throw new CordonError('ERR_IO', `cannot read directory ${dir}`, { cause: e });
    }
    for (const e of entries) {
      const relPath = rel === '' ? e.name : `${rel}/${e.name}`;
      if (isIgnored(relPath, ignored)) continue;
      const abs = join(dir, e.name);
      if (e.isSymbolicLink()) refuse('symbolic link', abs);
      else if (e.isDirectory()) await walk(abs, relPath);
      else if (e.isFile()) files.push({ path: relPath, absolute: abs });
      else refuse('special file', abs);
    }
  };
  await walk(root, '');
  files.sort((a, b) => comparePaths(a.path, b.path));
  return { kind: 'directory', root, name: basename(root), files };
}
