// Path-level encrypt and decrypt: '-' means stdin/stdout; file outputs are atomic and never the input.
import { fstatSync } from 'node:fs';
import type { Keyring } from '../keys/keyring.js';
import { decryptStream, type DecryptOptions, type DecryptResult } from './decrypt.js';
import { encryptStream, type EncryptOptions, type EncryptResult } from './encrypt.js';
import { AtomicFile, FdSink, FileSource, StreamSink, StreamSource, type ByteSink, type ByteSource } from './io.js';

/** stdout redirected to a file or device (not a pipe or terminal): safe and faster to writev directly. */
function stdoutIsFile(): boolean {
  try {
    const st = fstatSync(1);
    return st.isFile() || (st.isCharacterDevice() && !process.stdout.isTTY);
  } catch {
    return false;
  }
}

interface PathOptions {
  /** Replace an existing output file (never the input). */
  readonly overwrite?: boolean;
}

async function withPaths<T>(input: string, output: string, options: PathOptions, fn: (src: ByteSource, sink: ByteSink) => Promise<T>): Promise<T> {
  const src = input === '-' ? new StreamSource(process.stdin) : new FileSource(input);
  let out: AtomicFile | undefined;
  try {
    out = output === '-' ? undefined : new AtomicFile(output, { force: options.overwrite === true, inputs: [input] });
    const sink = out !== undefined ? new FdSink(out.fd) : stdoutIsFile() ? new FdSink(1) : new StreamSink(process.stdout);
    const r = await fn(src, sink);
    out?.commit();
    return r;
  } catch (e) {
    out?.abort();
    throw e;
  } finally {
    if (src instanceof FileSource) src.close();
  }
}

export function encryptFile(keyring: Keyring, input: string, output: string, options: EncryptOptions & PathOptions): Promise<EncryptResult> {
  return withPaths(input, output, options, (src, sink) => encryptStream(keyring, src, sink, { ...options, object: options.object ?? input }));
}

export function decryptFile(keyring: Keyring, input: string, output: string, options: DecryptOptions & PathOptions = {}): Promise<DecryptResult> {
  return withPaths(input, output, options, (src, sink) => decryptStream(keyring, src, sink, { ...options, object: options.object ?? input }));
}
