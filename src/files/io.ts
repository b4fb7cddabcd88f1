// Byte sources and sinks for the file commands. File outputs are io/atomic-file.ts: written to a
// temporary file beside the destination and moved into place only after the last byte is
// verified, so a failure or a crash never leaves a partial or unverified output behind.
import { closeSync, constants, fstatSync, openSync, read, readSync, writev } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { CordonError } from '../errors.js';

/** Reads bytes; `read` fills up to `length` bytes at `offset` and returns how many (0 at the end). */
export interface ByteSource {
  read(buf: Buffer, offset: number, length: number): Promise<number>;
  /** Total size when known (regular files), for progress and length checks. */
  readonly size: number | undefined;
  /** Reads at an absolute position, when the source is seekable. */
  readAt?(buf: Buffer, offset: number, length: number, position: number): number;
}

export interface ByteSink {
  write(parts: readonly Uint8Array[]): Promise<void>;
}

/** Fills `length` bytes unless the source ends first; returns the count. */
export async function readFully(src: ByteSource, buf: Buffer, length: number): Promise<number> {
  let got = 0;
  while (got < length) {
    const n = await src.read(buf, got, length - got);
    if (n === 0) break;
    got += n;
  }
  return got;
}

function ioError(what: string, path: string, e: unknown): CordonError {
  const code = (e as { code?: string }).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : code ?? 'error';
  return new CordonError('ERR_IO', `cannot ${what} ${path}: ${why}`, { cause: e });
}

/** A regular file read with positional reads (seekable). */
export class FileSource implements ByteSource {
  readonly fd: number;
  readonly size: number;
  #pos = 0;

  constructor(readonly path: string) {
    try {
      this.fd = openSync(path, constants.O_RDONLY);
    } catch (e) {
      throw ioError('read', path, e);
    }
    const st = fstatSync(this.fd);
    if (!st.isFile()) {
      closeSync(this.fd);
      throw new CordonError('ERR_IO', `cannot read ${path}: not a regular file`);
    }
    this.size = st.size;
  }

  /**
   * Reads on libuv's thread pool, so the kernel's copy out of the page cache overlaps with the
   * caller's work when the caller prefetches (encrypt and decrypt read the next segment while they
   * process the current one).
   */
  read(buf: Buffer, offset: number, length: number): Promise<number> {
    const position = this.#pos;
    return new Promise((resolve, reject) => {
      read(this.fd, buf, offset, length, position, (err, n) => {
        if (err) reject(err);
        else {
          this.#pos = position + n;
          resolve(n);
        }
      });
    });
  }

  readAt(buf: Buffer, offset: number, length: number, position: number): number {
    let got = 0;
    while (got < length) {
      const n = readSync(this.fd, buf, offset + got, length - got, position + got);
      if (n === 0) break;
      got += n;
    }
    return got;
  }

  /** Moves the sequential read position. */
  seek(position: number): void {
    this.#pos = position;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** A non-seekable stream (stdin). */
export class StreamSource implements ByteSource {
  readonly size = undefined;
  readonly #it: AsyncIterator<Buffer>;
  #pending: Buffer | undefined;
  #done = false;

  constructor(stream: Readable) {
    this.#it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  async read(buf: Buffer, offset: number, length: number): Promise<number> {
    while (this.#pending === undefined || this.#pending.length === 0) {
      if (this.#done) return 0;
      const r = await this.#it.next();
      if (r.done) { this.#done = true; return 0; }
      this.#pending = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    }
    const n = Math.min(length, this.#pending.length);
    this.#pending.copy(buf, offset, 0, n);
    this.#pending = this.#pending.subarray(n);
    return n;
  }
}

function writevAsync(fd: number, list: Uint8Array[]): Promise<number> {
  return new Promise((resolve, reject) => writev(fd, list, (err, n) => (err ? reject(err) : resolve(n))));
}

/**
 * Writes to a file descriptor with writev on libuv's thread pool, so a caller that keeps one write
 * in flight overlaps the copy into the page cache with its next segment's crypto.
 */
export class FdSink implements ByteSink {
  constructor(readonly fd: number) {}
  async write(parts: readonly Uint8Array[]): Promise<void> {
    let list = parts.filter((p) => p.length > 0) as Uint8Array[];
    while (list.length > 0) {
      // writev takes at most IOV_MAX (1024) buffers per call.
      let n = await writevAsync(this.fd, list.slice(0, 1024));
      // writev may write partially: drop what was written and retry the rest.
      while (n > 0 && list.length > 0) {
        const first = list[0]!;
        if (n >= first.length) { n -= first.length; list = list.slice(1); }
        else { list = [first.subarray(n), ...list.slice(1)]; n = 0; }
      }
    }
  }
}

/** Writes to a stream (stdout), honouring backpressure. */
export class StreamSink implements ByteSink {
  constructor(readonly stream: Writable) {}
  async write(parts: readonly Uint8Array[]): Promise<void> {
    for (const p of parts) {
      if (p.length === 0) continue;
      if (!this.stream.write(p)) await new Promise<void>((res, rej) => {
        const onDrain = (): void => { this.stream.off('error', onErr); res(); };
        const onErr = (e: Error): void => { this.stream.off('drain', onDrain); rej(e); };
        this.stream.once('drain', onDrain);
        this.stream.once('error', onErr);
      });
    }
  }
}

// Atomic output lives in io/ (one helper for every file Cordon writes); re-exported here for the
// files API.
export { AtomicFile, abortPendingFiles } from '../io/atomic-file.js';
export { sameFile } from '../io/check-output.js';
