// Where a protect run's bytes go. A file: a temporary file beside the destination (mode 0600,
// io/atomic-file), flushed by finish(), moved into place by commit() and removed by abort(), so a
// failed run leaves nothing. `-`: standard output (a stream cannot be taken back: a failed run
// may have written part of it, and says so by its exit status). On the way the bytes are
// compressed when the name ends in .gz or .zst (before any .cdn), then, with `encrypt`, encrypted by
// streaming file encryption (files/encrypt.ts): no plaintext reaches the disk, whatever the format.
// The SHA-256 is of the bytes as written.
import { rmSync } from 'node:fs';
import { PassThrough, type Writable } from 'node:stream';
import { createSha256 } from '../crypto/hash.js';
import { encryptStream, FILE_SUITE } from '../files/encrypt.js';
import { FdSink, StreamSink, StreamSource, type ByteSink } from '../files/io.js';
import { AtomicFile } from '../io/atomic-file.js';
import { compressionOf, compressor, type Compression } from '../io/compression.js';
import type { OutputCheck } from '../io/check-output.js';
import type { ByteOutput } from '../io/writers/types.js';
import type { Keyring } from '../keys/keyring.js';

/** The path that means standard output. */
export const STDOUT = '-';

export interface OutputEncryption {
  /** The key the file's data key is wrapped under. */
  readonly key: string;
}

export interface OutputResult {
  readonly sha256: string;
  readonly bytes: number;
  readonly encryption?: { readonly suite: string; readonly key: { readonly name: string; readonly version: number } };
  /** The compression the name asked for. */
  readonly compression?: Compression;
}

export interface OpenedOutput {
  readonly output: ByteOutput;
  /** Ends the output and waits for the last bytes (a file is not in place yet). */
  finish(): Promise<OutputResult>;
  /** Puts a finished file in place (nothing for stdout); once every output of the run is finished. */
  commit(): void;
  /** Removes a placed file again (when a later output of the run could not be placed). */
  unplace(): void;
  /** Removes the temporary file (idempotent). */
  abort(): Promise<void>;
}

/** Bytes piped through `stream` (compression, encryption) into `next`, with backpressure both ways. */
function through(stream: Writable, done: Promise<unknown>): { write(b: Uint8Array): Promise<void>; end(): Promise<void>; destroy(): Promise<void> } {
  let failure: unknown;
  done.catch((e: unknown) => { failure = e; stream.destroy(); });
  const closed = (): Error => (failure instanceof Error ? failure : new Error('the output was closed'));
  return {
    async write(b) {
      if (stream.destroyed) throw closed();
      if (stream.write(b)) return;
      await new Promise<void>((resolve, reject) => {
        const onDrain = (): void => { stream.off('close', onClose); resolve(); };
        const onClose = (): void => { stream.off('drain', onDrain); reject(closed()); };
        stream.once('drain', onDrain);
        stream.once('close', onClose);
      });
    },
    async end() {
      stream.end();
      await done;
    },
    /** Stops the layer and waits until it no longer writes. */
    async destroy() {
      if (!stream.destroyed) stream.destroy(new Error('aborted'));
      await done.catch(() => undefined);
    },
  };
}

/**
 * Opens `path` (or stdout for `-`) for a protect run's output: compressed by its name, encrypted
 * under `encrypt.key` when given; for a file, `force` and `inputs` as in checkOutput
 * (ERR_OUTPUT_EXISTS). `stdout` stands in for process.stdout (tests).
 */
export function openOutput(path: string, options: OutputCheck & { keyring: Keyring; encrypt?: OutputEncryption; stdout?: Writable }): OpenedOutput {
  const compression = compressionOf(path);
  const toStdout = path === STDOUT;
  const file = toStdout ? undefined : new AtomicFile(path, { ...(options.force !== undefined ? { force: options.force } : {}), ...(options.inputs !== undefined ? { inputs: options.inputs } : {}), mode: 0o600 });
  const hash = createSha256();
  let bytes = 0;
  const base: ByteSink = file !== undefined ? new FdSink(file.fd) : new StreamSink(options.stdout ?? process.stdout);
  const disk: ByteSink = {
    write(parts) {
      for (const p of parts) { hash.update(p); bytes += p.length; }
      return base.write(parts);
    },
  };

  // Layers, outermost first: compression, then encryption, then the disk (hashed).
  type Layer = ReturnType<typeof through>;
  const layers: Layer[] = [];
  let key: { name: string; version: number } | undefined;
  let write = (b: Uint8Array): Promise<void> => disk.write([b]);
  try {
    if (options.encrypt !== undefined) {
      const pipe = new PassThrough({ highWaterMark: 1024 * 1024 });
      pipe.on('error', () => undefined); // reported through `encrypting`
      const encrypting = encryptStream(options.keyring, new StreamSource(pipe), disk, { keys: [options.encrypt.key], object: path }).then((r) => { key = r.key; });
      const layer = through(pipe, encrypting);
      layers.unshift(layer);
      write = (b) => layer.write(b);
    }
    if (compression !== undefined) {
      const z = compressor(compression);
      const inner = write;
      // The compressed bytes go on to the next layer as they come, one chunk at a time.
      const pumped = (async () => { for await (const chunk of z as AsyncIterable<Buffer>) await inner(chunk); })();
      const layer = through(z, pumped);
      layers.unshift(layer);
      write = (b) => layer.write(b);
    }
  } catch (e) {
    for (const l of layers) void l.destroy();
    file?.abort();
    throw e;
  }

  const digest = (): string => Buffer.from(hash.digest()).toString('hex');
  return {
    output: { write },
    async finish() {
      for (const l of layers) await l.end(); // outermost first: each end flushes into the next
      return {
        sha256: digest(), bytes,
        ...(key !== undefined ? { encryption: { suite: FILE_SUITE, key } } : {}),
        ...(compression !== undefined ? { compression } : {}),
      };
    },
    commit() { file?.commit(); },
    unplace() { if (file !== undefined) rmSync(file.path, { force: true }); },
    async abort() {
      for (const l of layers) await l.destroy();
      file?.abort();
    },
  };
}
