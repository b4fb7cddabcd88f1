// Text encodings of CSV, TSV and JSONL input: the names Cordon accepts, the byte-order mark that
// decides over a name, and a stream transcoder to the strict UTF-8 the line reader expects. UTF-16
// is decoded strictly (an unpaired surrogate stops the read); Windows-1252 maps every byte.
import { pipeline, Transform, type Readable } from 'node:stream';
import { peekStream } from './peek.js';
import { CordonError } from '../errors.js';

/** Text encodings the readers accept. `windows-1252` is what "latin1" means in practice (WHATWG). */
export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

const ALIASES: Readonly<Record<string, TextEncoding>> = {
  'utf-8': 'utf-8', utf8: 'utf-8',
  'utf-16le': 'utf-16le', utf16le: 'utf-16le', 'utf-16be': 'utf-16be', utf16be: 'utf-16be',
  'windows-1252': 'windows-1252', cp1252: 'windows-1252', latin1: 'windows-1252', 'iso-8859-1': 'windows-1252',
};

/** Spellings accepted by parseTextEncoding, for help texts. */
export const TEXT_ENCODING_NAMES = 'utf-8, utf-16le, utf-16be, windows-1252 (also latin1, iso-8859-1, cp1252)';

/** An encoding name as a user spells it → its canonical name; anything else is ERR_USAGE. */
export function parseTextEncoding(name: string): TextEncoding {
  const e = ALIASES[name.trim().toLowerCase()];
  if (e === undefined) throw new CordonError('ERR_USAGE', `--encoding must be one of ${TEXT_ENCODING_NAMES}`);
  return e;
}

/** The encoding a byte-order mark at the start of `head` declares, and the mark's length. */
export function bomOf(head: Uint8Array): { encoding: TextEncoding; length: number } | undefined {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * A transform from `encoding` to UTF-8 bytes (a leading BOM dropped). UTF-8 passes through
 * unchanged: the line reader validates it. Invalid UTF-16 is ERR_INPUT_INVALID.
 */
export function toUtf8(encoding: Exclude<TextEncoding, 'utf-8'>): Transform {
  const decoder = new TextDecoder(encoding, { fatal: encoding !== 'windows-1252' });
  const fail = (e: unknown): CordonError => new CordonError('ERR_INPUT_INVALID', `the input is not valid ${encoding.toUpperCase()}`, { cause: e });
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      let text: string;
      try { text = decoder.decode(chunk, { stream: true }); } catch (e) { done(fail(e)); return; }
      done(null, Buffer.from(text, 'utf8'));
    },
    flush(done) {
      let text: string;
      try { text = decoder.decode(); } catch (e) { done(fail(e)); return; }
      done(null, text.length > 0 ? Buffer.from(text, 'utf8') : undefined);
    },
  });
}

/** Decodes a sample (the head of a stream, possibly cut mid-character) for sniffing. */
export function decodeSample(bytes: Uint8Array, encoding: TextEncoding): string {
  return new TextDecoder(encoding).decode(bytes, { stream: true });
}

/** Drops the first `n` bytes of a stream (a UTF-8 byte-order mark). */
function dropPrefix(n: number): Transform {
  let left = n;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (left === 0) { done(null, chunk); return; }
      const cut = Math.min(left, chunk.length);
      left -= cut;
      done(null, chunk.subarray(cut));
    },
  });
}

export interface Utf8Input {
  /** The input as UTF-8 bytes, byte-order mark dropped. */
  readonly stream: Readable;
  readonly encoding: TextEncoding;
  readonly bom: boolean;
  /** The first bytes as read (mark included), for sniffing, and whether they are the whole input. */
  readonly head: Buffer;
  readonly complete: boolean;
}

/**
 * Reads ahead `sniffBytes` of `input` for a byte-order mark (which decides over `encoding`) and
 * returns the input transcoded to UTF-8.
 *
 * @example
 * ```ts
 * const { stream, encoding } = await utf8Input(process.stdin, { encoding: 'windows-1252' });
 * ```
 */
export async function utf8Input(input: Readable, options: { encoding?: TextEncoding; sniffBytes?: number } = {}): Promise<Utf8Input> {
  const { head, stream, complete } = await peekStream(input, options.sniffBytes ?? 4);
  const bom = bomOf(head);
  const encoding = bom?.encoding ?? options.encoding ?? 'utf-8';
  const out = encoding !== 'utf-8' ? pipeline(stream, toUtf8(encoding), () => {})
    : bom !== undefined ? pipeline(stream, dropPrefix(bom.length), () => {}) : stream;
  return { stream: out, encoding, bom: bom !== undefined, head, complete };
}
