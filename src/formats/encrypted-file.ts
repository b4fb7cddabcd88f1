// The encrypted-file header, as bytes. Pure: parsing and encoding only, no keys and no crypto (the
// MAC and the wrapping live in src/files/). Specified in docs/formats/encrypted-file.md.
//
//   magic(8) ‖ version(1) ‖ headerLength(u32) ‖ params ‖ stanzas ‖ mac(32)
//   params  = suite(u16) ‖ segmentSize(u32) ‖ contextCount(u16) ‖ { keyLen(u16) key valueLen(u16) value }*
//   stanzas = count(u8) ‖ { kind(u8) ‖ nameLen(u16) name ‖ version(u32) ‖ wrappedLen(u16) wrapped }*
//
// Integers are big-endian. Every length is bounded, and a parse never reads past the buffer: any
// malformed header is reported as HeaderError, which callers turn into ERR_DECRYPTION_FAILED.

export const FILE_MAGIC = Uint8Array.from([0x89, 0x43, 0x44, 0x4e, 0x0d, 0x0a, 0x1a, 0x0a]); // \x89CDN\r\n\x1a\n
export const FILE_FORMAT_VERSION = 1;
/** magic ‖ version ‖ headerLength */
export const FILE_PREAMBLE_LENGTH = 13;
export const HEADER_MAC_LENGTH = 32;
export const MAX_HEADER_LENGTH = 64 * 1024;
export const MAX_CONTEXT_ENTRIES = 64;
export const MAX_CONTEXT_FIELD_BYTES = 1024;
export const MAX_STANZAS = 16;
export const STANZA_KIND_KEYRING = 1;

export interface KeyStanza {
  readonly kind: typeof STANZA_KIND_KEYRING;
  readonly keyName: string;
  readonly version: number;
  readonly wrapped: Uint8Array;
}

export interface FileHeader {
  readonly suiteId: number;
  readonly segmentSize: number;
  /** Encryption context: sorted by key, unique keys. Bound to the data as associated data. */
  readonly context: ReadonlyArray<readonly [string, string]>;
  readonly stanzas: readonly KeyStanza[];
}

/** Raised for any malformed header. Carries no detail a caller should show (it may be tampering). */
export class HeaderError extends Error {
  constructor(reason: string) {
    super(`malformed encrypted-file header: ${reason}`);
    this.name = 'HeaderError';
  }
}

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });

/** Sorts and checks a context map; throws TypeError-free HeaderError on duplicates or size limits. */
export function normalizeContext(entries: Iterable<readonly [string, string]>): Array<[string, string]> {
  const out = [...entries].map(([k, v]) => [k, v] as [string, string]);
  out.sort((a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])));
  if (out.length > MAX_CONTEXT_ENTRIES) throw new HeaderError(`more than ${MAX_CONTEXT_ENTRIES} context entries`);
  for (let i = 0; i < out.length; i++) {
    const [k, v] = out[i]!;
    if (k.length === 0) throw new HeaderError('empty context key');
    if (enc.encode(k).length > MAX_CONTEXT_FIELD_BYTES || enc.encode(v).length > MAX_CONTEXT_FIELD_BYTES) throw new HeaderError('context entry too long');
    if (i > 0 && out[i - 1]![0] === k) throw new HeaderError(`duplicate context key ${JSON.stringify(k)}`);
  }
  return out;
}

class Writer {
  parts: Uint8Array[] = [];
  length = 0;
  bytes(b: Uint8Array): void { this.parts.push(b); this.length += b.length; }
  u8(n: number): void { this.bytes(Uint8Array.of(n)); }
  u16(n: number): void { const b = new Uint8Array(2); new DataView(b.buffer).setUint16(0, n); this.bytes(b); }
  u32(n: number): void { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, n); this.bytes(b); }
  str16(s: string): void { const b = enc.encode(s); if (b.length > 0xffff) throw new HeaderError('string too long'); this.u16(b.length); this.bytes(b); }
  concat(): Uint8Array { const out = new Uint8Array(this.length); let p = 0; for (const x of this.parts) { out.set(x, p); p += x.length; } return out; }
}

class Reader {
  pos: number;
  constructor(readonly buf: Uint8Array, start: number, readonly end: number) { this.pos = start; }
  need(n: number): void { if (this.pos + n > this.end) throw new HeaderError('truncated'); }
  u8(): number { this.need(1); return this.buf[this.pos++]!; }
  u16(): number { this.need(2); const v = (this.buf[this.pos]! << 8) | this.buf[this.pos + 1]!; this.pos += 2; return v; }
  u32(): number { this.need(4); const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 4).getUint32(0); this.pos += 4; return v; }
  bytes(n: number): Uint8Array { this.need(n); const b = this.buf.subarray(this.pos, this.pos + n); this.pos += n; return b; }
  str16(max: number): string {
    const n = this.u16();
    if (n > max) throw new HeaderError('string too long');
    try { return dec.decode(this.bytes(n)); } catch (e) { if (e instanceof HeaderError) throw e; throw new HeaderError('invalid UTF-8'); }
  }
}

/** The parameter bytes (suite, segment size, context): the part that never changes on rewrap. */
export function encodeParams(h: Pick<FileHeader, 'suiteId' | 'segmentSize' | 'context'>): Uint8Array {
  const w = new Writer();
  w.u16(h.suiteId);
  w.u32(h.segmentSize);
  const ctx = normalizeContext(h.context);
  w.u16(ctx.length);
  for (const [k, v] of ctx) { w.str16(k); w.str16(v); }
  return w.concat();
}

/**
 * The bound context: magic ‖ version ‖ params. It is the C2SP chunked-encryption context and part
 * of every stanza's AAD, so suite, segment size and encryption context are authenticated by the
 * key commitment and by every wrap.
 */
export function boundContext(params: Uint8Array): Uint8Array {
  const out = new Uint8Array(FILE_MAGIC.length + 1 + params.length);
  out.set(FILE_MAGIC, 0);
  out[FILE_MAGIC.length] = FILE_FORMAT_VERSION;
  out.set(params, FILE_MAGIC.length + 1);
  return out;
}

/** Encodes the header up to (not including) the MAC; headerLength counts the MAC that will follow. */
export function encodeHeaderWithoutMac(h: FileHeader): Uint8Array {
  if (h.stanzas.length < 1 || h.stanzas.length > MAX_STANZAS) throw new HeaderError(`a file needs 1 to ${MAX_STANZAS} key stanzas`);
  const params = encodeParams(h);
  const w = new Writer();
  w.u8(h.stanzas.length);
  for (const s of h.stanzas) {
    w.u8(s.kind);
    w.str16(s.keyName);
    w.u32(s.version);
    if (s.wrapped.length > 0xffff) throw new HeaderError('wrapped key too long');
    w.u16(s.wrapped.length);
    w.bytes(s.wrapped);
  }
  const stanzas = w.concat();
  const total = FILE_PREAMBLE_LENGTH + params.length + stanzas.length + HEADER_MAC_LENGTH;
  if (total > MAX_HEADER_LENGTH) throw new HeaderError('header too long');
  const out = new Uint8Array(total - HEADER_MAC_LENGTH);
  out.set(FILE_MAGIC, 0);
  out[8] = FILE_FORMAT_VERSION;
  new DataView(out.buffer).setUint32(9, total);
  out.set(params, FILE_PREAMBLE_LENGTH);
  out.set(stanzas, FILE_PREAMBLE_LENGTH + params.length);
  return out;
}

/** Reads the total header length from the first 13 bytes (magic and version checked). */
export function readHeaderLength(preamble: Uint8Array): number {
  if (preamble.length < FILE_PREAMBLE_LENGTH) throw new HeaderError('truncated');
  for (let i = 0; i < FILE_MAGIC.length; i++) if (preamble[i] !== FILE_MAGIC[i]) throw new HeaderError('not a Cordon encrypted file');
  if (preamble[8] !== FILE_FORMAT_VERSION) throw new HeaderError(`unsupported format version ${preamble[8]}`);
  const len = new DataView(preamble.buffer, preamble.byteOffset + 9, 4).getUint32(0);
  if (len < FILE_PREAMBLE_LENGTH + 2 + 4 + 2 + 1 + HEADER_MAC_LENGTH || len > MAX_HEADER_LENGTH) throw new HeaderError('header length out of range');
  return len;
}

export interface ParsedHeader {
  readonly header: FileHeader;
  readonly headerLength: number;
  /** magic ‖ version ‖ params — see boundContext. */
  readonly context: Uint8Array;
  /** bytes[0 .. headerLength - 32): what the MAC covers. */
  readonly macInput: Uint8Array;
  readonly mac: Uint8Array;
}

/** Parses a complete header (exactly headerLength bytes, or more: the rest is ignored). */
export function parseHeader(bytes: Uint8Array): ParsedHeader {
  const headerLength = readHeaderLength(bytes);
  if (bytes.length < headerLength) throw new HeaderError('truncated');
  const end = headerLength - HEADER_MAC_LENGTH;
  const r = new Reader(bytes, FILE_PREAMBLE_LENGTH, end);
  const suiteId = r.u16();
  const segmentSize = r.u32();
  const n = r.u16();
  if (n > MAX_CONTEXT_ENTRIES) throw new HeaderError('too many context entries');
  const context: Array<[string, string]> = [];
  for (let i = 0; i < n; i++) context.push([r.str16(MAX_CONTEXT_FIELD_BYTES), r.str16(MAX_CONTEXT_FIELD_BYTES)]);
  const normalized = normalizeContext(context);
  if (normalized.some(([k, v], i) => k !== context[i]![0] || v !== context[i]![1])) throw new HeaderError('context not in canonical order');
  const paramsEnd = r.pos;
  const count = r.u8();
  if (count < 1 || count > MAX_STANZAS) throw new HeaderError('bad stanza count');
  const stanzas: KeyStanza[] = [];
  for (let i = 0; i < count; i++) {
    const kind = r.u8();
    if (kind !== STANZA_KIND_KEYRING) throw new HeaderError('unknown stanza kind');
    const keyName = r.str16(256);
    const version = r.u32();
    const wrapped = r.bytes(r.u16()).slice();
    stanzas.push({ kind, keyName, version, wrapped });
  }
  if (r.pos !== end) throw new HeaderError('trailing bytes in header');
  return {
    header: { suiteId, segmentSize, context: normalized, stanzas },
    headerLength,
    context: boundContext(bytes.subarray(FILE_PREAMBLE_LENGTH, paramsEnd)),
    macInput: bytes.subarray(0, end),
    mac: bytes.slice(end, headerLength),
  };
}
