// C2SP tlog-checkpoint note text: origin, tree size, base64 root hash, each on its own line.
// Pure formatting and parsing; signing is signed-note.ts.
import { CordonError } from '../errors.js';
import { HASH_LENGTH } from './merkle/hash.js';

export interface CheckpointBody {
  /** The log's identity, e.g. `cordon.local/audit/3f2a…`. */
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
}

/** The note text of a checkpoint (ends with a newline; no extension lines). */
export function formatCheckpoint(body: CheckpointBody): string {
  if (body.origin.length === 0 || /[\s+]/u.test(body.origin)) throw new TypeError('checkpoint origin must be non-empty without spaces or "+"');
  if (!Number.isSafeInteger(body.size) || body.size < 0) throw new TypeError('checkpoint size must be a non-negative integer');
  if (body.rootHash.length !== HASH_LENGTH) throw new TypeError('checkpoint root must be 32 bytes');
  return `${body.origin}\n${body.size}\n${Buffer.from(body.rootHash).toString('base64')}\n`;
}

/** Parses checkpoint note text (already verified); ERR_INPUT_INVALID when it is not a checkpoint. */
export function parseCheckpoint(text: string): CheckpointBody & { readonly extensions: readonly string[] } {
  const bad = (why: string): never => { throw new CordonError('ERR_INPUT_INVALID', `not a checkpoint: ${why}`); };
  if (!text.endsWith('\n')) bad('text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) bad('fewer than three lines');
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) bad('empty origin');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine)) bad('the tree size is not a decimal number without leading zeros');
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) bad('tree size too large');
  const root = Buffer.from(rootLine, 'base64');
  if (root.length !== HASH_LENGTH || root.toString('base64') !== rootLine) bad('the root hash is not base64 of 32 bytes');
  if (extensions.some((l) => l.length === 0)) bad('empty extension line');
  return { origin, size, rootHash: new Uint8Array(root), extensions };
}
