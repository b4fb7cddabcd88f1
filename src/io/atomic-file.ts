// The one way Cordon creates a file. Bytes go to a temporary file beside the destination, created
// with O_CREAT|O_EXCL|O_NOFOLLOW under a random name (mode 0600 unless the caller documents
// otherwise), so a symlink or file planted at any name is never opened, followed or truncated.
// commit() fsyncs, checks the destination again (checkOutput) and moves the file into place: with
// link() when nothing may be replaced (atomic: a file that appeared meanwhile is not clobbered),
// else rename(), which replaces a symlink at the destination rather than writing through it.
// abort() unlinks the temporary file; abortPendingFiles() does so for every open one (SIGINT).
// Must never: open a destination for writing directly, or leave a temporary file behind on error.
import { closeSync, constants, fsyncSync, linkSync, openSync, renameSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from '../crypto/random.js';
import { CordonError } from '../errors.js';
import { checkOutput, type OutputCheck } from './check-output.js';

export interface AtomicFileOptions extends OutputCheck {
  /** Permission bits of the new file (default 0600; the umask may clear more). */
  readonly mode?: number;
}

const CREATE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
/** link() is missing on some filesystems (FAT, some network mounts): rename after a fresh check there. */
const NO_LINK = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK', 'EXDEV']);

function ioError(path: string, e: unknown): CordonError {
  if (e instanceof CordonError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : code ?? 'error';
  return new CordonError('ERR_IO', `cannot write ${path}: ${why}`, { cause: e });
}

const pending = new Set<AtomicFile>();

/**
 * Removes the temporary files of every uncommitted AtomicFile. Shells call it when interrupted
 * (SIGINT, SIGTERM) so an interrupted run leaves nothing behind.
 */
export function abortPendingFiles(): void {
  for (const f of [...pending]) f.abort();
}

/**
 * A new file at `path`, written through `fd` and put in place by commit().
 *
 * @example
 * ```ts
 * const f = new AtomicFile('out.csv', { force: false, inputs: ['in.csv'] });
 * try { writeSync(f.fd, 'a,b\n'); f.commit(); } catch (e) { f.abort(); throw e; }
 * ```
 */
export class AtomicFile {
  readonly fd: number;
  readonly tmpPath: string;
  readonly #check: OutputCheck;
  #open = true;
  #committed = false;

  constructor(readonly path: string, options: AtomicFileOptions = {}) {
    this.#check = { ...(options.force !== undefined ? { force: options.force } : {}), ...(options.inputs !== undefined ? { inputs: options.inputs } : {}) };
    checkOutput(path, this.#check);
    let fd: number | undefined;
    let tmp = '';
    for (let attempt = 0; fd === undefined; attempt++) {
      tmp = join(dirname(path), `.${basename(path)}.cordon-tmp-${Buffer.from(randomBytes(8)).toString('hex')}`);
      try {
        fd = openSync(tmp, CREATE, options.mode ?? 0o600);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 8) throw ioError(path, e);
      }
    }
    this.fd = fd;
    this.tmpPath = tmp;
    pending.add(this);
  }

  /** True once the file is in place. */
  get committed(): boolean {
    return this.#committed;
  }

  /** Flushes the bytes to disk and moves the file into place; on failure the temporary file is gone. */
  commit(): void {
    if (!this.#open) throw new TypeError('AtomicFile: commit after commit or abort');
    try {
      fsyncSync(this.fd);
      closeSync(this.fd);
      this.#open = false;
      checkOutput(this.path, this.#check);
      this.#place();
    } catch (e) {
      this.abort();
      throw ioError(this.path, e);
    }
    pending.delete(this);
    this.#committed = true;
    // Make the new directory entry durable.
    try {
      const dfd = openSync(dirname(this.path), constants.O_RDONLY);
      try { fsyncSync(dfd); } finally { closeSync(dfd); }
    } catch { /* some filesystems refuse a directory fsync; the data itself is synced */ }
  }

  #place(): void {
    if (this.#check.force === true) {
      renameSync(this.tmpPath, this.path);
      return;
    }
    try {
      linkSync(this.tmpPath, this.path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (code === 'EEXIST') throw new CordonError('ERR_OUTPUT_EXISTS', `${this.path} exists; choose another output or pass --force`);
      if (!NO_LINK.has(code)) throw e;
      renameSync(this.tmpPath, this.path);
      return;
    }
    unlinkSync(this.tmpPath);
  }

  /** Removes the temporary file (idempotent; a committed file stays). */
  abort(): void {
    pending.delete(this);
    if (this.#open) {
      try { closeSync(this.fd); } catch { /* already closed */ }
      this.#open = false;
    }
    try { unlinkSync(this.tmpPath); } catch { /* already gone or renamed */ }
  }
}
