// Witnessing: a signed checkpoint copied to a place the operator keeps away from the workspace (a
// file on other storage, or an HTTP endpoint), and read back for `cordon audit verify
// --checkpoint`. Whoever rewrites the workspace cannot reach it, so a log cut back or rewritten
// together with its anchor is still caught. The note is public (sizes, roots, a signature): no
// secret travels. A URL is printed without credentials, query or fragment.
//
// An HTTP witness should accept writes only from us: CORDON_WITNESS_AUTHORIZATION (e.g. "Bearer
// <token>") is sent as the Authorization header of every request to a URL target, and only over
// https or to a loopback address, so the credential never crosses a network in clear. Credentials
// written in the URL itself are refused (they would end up in shell history and process lists).
//
// A file target is replaced only when it holds an earlier checkpoint note of the same log: never
// the audit log, a key store, a dataset or another log's witness named by mistake (or by someone
// who chose the path).
import { closeSync, constants, lstatSync, openSync, readFileSync } from 'node:fs';
import { CordonError } from '../errors.js';
import { writeFileAtomic } from '../io/write-file-atomic.js';

/** Bound on a checkpoint note read back (a checkpoint is a few hundred bytes). */
const MAX_NOTE_BYTES = 64 * 1024;
const TIMEOUT_MS = 15_000;

export type WitnessTarget =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'url'; readonly url: URL };

/** `http(s)://…` is a URL; any other `scheme://` is refused; everything else is a file path. */
export function parseWitnessTarget(target: string): WitnessTarget {
  if (target.length === 0 || target.includes('\0')) throw new CordonError('ERR_USAGE', 'the checkpoint target must be a file path or an http(s) URL');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new CordonError('ERR_USAGE', 'the checkpoint URL is not a valid URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new CordonError('ERR_USAGE', `only http and https URLs are supported for checkpoints, not ${url.protocol}`);
    if (url.username !== '' || url.password !== '') throw new CordonError('ERR_USAGE', 'the checkpoint URL must not hold credentials: set CORDON_WITNESS_AUTHORIZATION (e.g. "Bearer <token>") instead');
    return { kind: 'url', url };
  }
  return { kind: 'file', path: target };
}

/** Printable name of a target: the path, or the URL's scheme, host and path only. */
export function describeWitnessTarget(t: WitnessTarget): string {
  return t.kind === 'file' ? t.path : `${t.url.protocol}//${t.url.host}${t.url.pathname}`;
}

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The headers of a request to a witness URL: the Authorization header from
 * CORDON_WITNESS_AUTHORIZATION when it is set, refused (ERR_USAGE) over plain http to a host other
 * than a loopback address.
 */
export function witnessHeaders(url: URL, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const authorization = env['CORDON_WITNESS_AUTHORIZATION'];
  if (authorization === undefined || authorization === '') return {};
  if (/[\r\n\0]/.test(authorization)) throw new CordonError('ERR_USAGE', 'CORDON_WITNESS_AUTHORIZATION must be one line');
  if (url.protocol !== 'https:' && !LOOPBACK.test(url.hostname)) {
    throw new CordonError('ERR_USAGE', 'CORDON_WITNESS_AUTHORIZATION is sent only over https (or to a loopback address): use an https witness URL');
  }
  return { authorization };
}

/**
 * Refuses a file target that holds anything but an earlier checkpoint note of the log `origin` (its
 * first line): ERR_OUTPUT_EXISTS for another file (a symlink, something larger than a note, or a
 * note of another log), ERR_IO for a directory. A missing file is fine. Called before the
 * checkpoint is signed, and again by publishCheckpoint. A URL target passes.
 */
export function checkWitnessFile(target: WitnessTarget, origin: string): void {
  if (target.kind !== 'file') return;
  const path = target.path;
  const refuse = (why: string) => new CordonError('ERR_OUTPUT_EXISTS', `${path} ${why}: a checkpoint is published only to a new file or over an earlier checkpoint of this log`);
  let fd: number;
  try {
    const st = lstatSync(path);
    if (st.isDirectory()) throw new CordonError('ERR_IO', `${path} is a directory`);
    if (!st.isFile()) throw refuse(st.isSymbolicLink() ? 'is a symbolic link' : 'is not a regular file');
    if (st.size > MAX_NOTE_BYTES) throw refuse('is not a checkpoint note');
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (e) {
    if (e instanceof CordonError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new CordonError('ERR_IO', `cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let text: string;
  try {
    text = readFileSync(fd).subarray(0, MAX_NOTE_BYTES).toString('utf8');
  } finally {
    closeSync(fd);
  }
  const first = text.slice(0, Math.max(0, text.indexOf('\n')));
  if (origin === '' || first !== origin || !text.includes('\n\n\u2014 ')) throw refuse('is not a checkpoint of this log');
}

/**
 * Writes `note` to a file (io/write-file-atomic.ts: an O_EXCL temporary name beside it, then renamed over it) or
 * sends it as the body of an HTTP PUT (or POST) to a URL, which must answer 2xx.
 *
 * @example
 * ```ts
 * await publishCheckpoint(cp.note, parseWitnessTarget('/mnt/witness/cordon.checkpoint'));
 * await publishCheckpoint(cp.note, parseWitnessTarget('https://witness.example/cordon'), { method: 'POST' });
 * ```
 */
export async function publishCheckpoint(note: string, target: WitnessTarget, options: { method?: 'PUT' | 'POST' } = {}): Promise<void> {
  const where = describeWitnessTarget(target);
  if (target.kind === 'file') {
    checkWitnessFile(target, note.slice(0, Math.max(0, note.indexOf('\n'))));
    try {
      // A witness file holds the newest checkpoint: each publish replaces it (never through a symlink).
      writeFileAtomic(target.path, note, { force: true });
    } catch (e) {
      throw new CordonError('ERR_IO', `cannot write the checkpoint to ${where} (${(e as { code?: string }).code ?? 'error'})`);
    }
    return;
  }
  const headers = witnessHeaders(target.url);
  let res: Response;
  try {
    res = await fetch(target.url, {
      method: options.method ?? 'PUT', body: note, redirect: 'error',
      headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.arrayBuffer().catch(() => undefined);
  } catch (e) {
    throw new CordonError('ERR_IO', `cannot send the checkpoint to ${where} (${(e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name})`);
  }
  if (!res.ok) throw new CordonError('ERR_IO', `${where} refused the checkpoint (HTTP ${res.status})`);
}

/** The body, refusing more than MAX_NOTE_BYTES without reading the rest. */
async function readBounded(res: Response): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  if (res.body === null) return Buffer.alloc(0);
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    n += chunk.length;
    if (n > MAX_NOTE_BYTES) {
      await res.body.cancel().catch(() => undefined);
      throw new CordonError('ERR_INPUT_INVALID', 'the answer is larger than a checkpoint note can be');
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/** Reads a checkpoint note back from a file, or with an HTTP GET from a URL (2xx, at most 64 KiB). */
export async function readWitnessedCheckpoint(target: WitnessTarget): Promise<string> {
  const where = describeWitnessTarget(target);
  let bytes: Buffer;
  if (target.kind === 'file') {
    try {
      bytes = readFileSync(target.path);
    } catch (e) {
      throw new CordonError('ERR_IO', `cannot read ${where} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  } else {
    const headers = witnessHeaders(target.url);
    let res: Response;
    try {
      res = await fetch(target.url, { redirect: 'error', headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
      bytes = await readBounded(res);
    } catch (e) {
      if (e instanceof CordonError) throw e;
      throw new CordonError('ERR_IO', `cannot fetch the checkpoint from ${where} (${(e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name})`);
    }
    if (!res.ok) throw new CordonError('ERR_IO', `${where} answered HTTP ${res.status}`);
  }
  if (bytes.length > MAX_NOTE_BYTES) throw new CordonError('ERR_INPUT_INVALID', `${where} is larger than a checkpoint note can be`);
  return bytes.toString('utf8');
}
