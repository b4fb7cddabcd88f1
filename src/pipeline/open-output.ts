// Where a protect run's files go: a temporary file beside the destination (mode 0600, io/atomic-file),
// flushed by finish(), moved into place by commit() and removed by abort(), so a failed run leaves
// nothing. With `encrypt`, the
// bytes are piped through streaming file encryption (files/encrypt.ts) on their way to disk: no
// plaintext reaches the disk, whatever the format. The SHA-256 is of the bytes as written.
import { PassThrough } from 'node:stream';
import { createSha256 } from '../crypto/hash.js';
import { encryptStream, FILE_SUITE } from '../files/encrypt.js';
import { FdSink, StreamSource, type ByteSink } from '../files/io.js';
import { AtomicFile } from '../io/atomic-file.js';
import type { OutputCheck } from '../io/check-output.js';
import type { ByteOutput } from '../io/writers/types.js';
import type { Keyring } from '../keys/keyring.js';

export interface OutputEncryption {
  /** The key the file's data key is wrapped under. */
  readonly key: string;
}

export interface OutputResult {
  readonly sha256: string;
  readonly bytes: number;
  readonly encryption?: { readonly suite: string; readonly key: { readonly name: string; readonly version: number } };
}

export interface OpenedOutput {
  readonly output: ByteOutput;
  /** Ends the output and waits for the last bytes (the file is not in place yet). */
  finish(): Promise<OutputResult>;
  /** The file, for commit() once every output of the run is finished. */
  readonly file: AtomicFile;
  /** Removes the temporary file (idempotent). */
  abort(): Promise<void>;
}

/**
 * Opens `path` for an atomic write, encrypted under `encrypt.key` when given; `force` and `inputs`
 * as in checkOutput (ERR_OUTPUT_EXISTS).
 */
export function openOutput(path: string, options: OutputCheck & { keyring: Keyring; encrypt?: OutputEncryption }): OpenedOutput {
  const file = new AtomicFile(path, { ...(options.force !== undefined ? { force: options.force } : {}), ...(options.inputs !== undefined ? { inputs: options.inputs } : {}), mode: 0o600 });
  const hash = createSha256();
  let bytes = 0;
  const fd = new FdSink(file.fd);
  const disk: ByteSink = {
    write(parts) {
      for (const p of parts) { hash.update(p); bytes += p.length; }
      return fd.write(parts);
    },
  };
  const digest = (): string => Buffer.from(hash.digest()).toString('hex');

  if (options.encrypt === undefined) {
    return {
      output: { write: (b) => disk.write([b]) },
      file,
      async finish() { return { sha256: digest(), bytes }; },
      async abort() { file.abort(); },
    };
  }

  const pipe = new PassThrough({ highWaterMark: 1024 * 1024 });
  // Errors are reported through `encrypting`; this listener only keeps an abort from being uncaught.
  pipe.on('error', () => undefined);
  let failure: unknown;
  const encrypting = encryptStream(options.keyring, new StreamSource(pipe), disk, { keys: [options.encrypt.key], object: path });
  // A failed encryption (an unknown key, a disk error) must unblock a writer waiting for 'drain'.
  encrypting.catch((e: unknown) => { failure = e; pipe.destroy(); });
  const closed = (): Error => (failure instanceof Error ? failure : new Error('the encrypted output was closed'));
  return {
    file,
    output: {
      async write(b) {
        if (pipe.destroyed) throw closed();
        if (pipe.write(b)) return;
        await new Promise<void>((resolve, reject) => {
          const onDrain = (): void => { pipe.off('close', onClose); resolve(); };
          const onClose = (): void => { pipe.off('drain', onDrain); reject(closed()); };
          pipe.once('drain', onDrain);
          pipe.once('close', onClose);
        });
      },
    },
    async finish() {
      pipe.end();
      const r = await encrypting;
      return { sha256: digest(), bytes, encryption: { suite: FILE_SUITE, key: r.key } };
    },
    async abort() {
      if (!pipe.destroyed) pipe.destroy(new Error('aborted'));
      await encrypting.catch(() => undefined);
      file.abort();
    },
  };
}
