// DSSE v1.0.2 (github.com/secure-systems-lab/dsse): the JSON envelope and the Pre-Authentication
// Encoding that signatures cover. Pure: no I/O, no crypto. Signing PAE rather than the raw payload
// binds the payload type, so a payload cannot be replayed as another type.
import { CordonError } from '../errors.js';

export interface DsseSignature {
  /** Raw signature bytes. */
  readonly sig: Uint8Array;
  /** Optional hint; unset, null and "" all mean none (envelope.md "Parsing rules"). */
  readonly keyid: string;
}

export interface DsseEnvelope {
  readonly payloadType: string;
  /** The serialized body, decoded from base64. */
  readonly payload: Uint8Array;
  readonly signatures: readonly DsseSignature[];
}

/** Envelopes larger than this are refused before decoding (a statement lists files, not data). */
export const MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;
const MAX_SIGNATURES = 16;

/**
 * protocol.md: PAE(type, body) = "DSSEv1" + SP + LEN(type) + SP + type + SP + LEN(body) + SP + body,
 * LEN = ASCII decimal byte length, no leading zeros.
 */
export function pae(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = new TextEncoder().encode(payloadType);
  const head = new TextEncoder().encode(`DSSEv1 ${type.length} `);
  const mid = new TextEncoder().encode(` ${payload.length} `);
  const out = new Uint8Array(head.length + type.length + mid.length + payload.length);
  out.set(head, 0);
  out.set(type, head.length);
  out.set(mid, head.length + type.length);
  out.set(payload, head.length + type.length + mid.length);
  return out;
}

function bad(what: string): never {
  throw new CordonError('ERR_SIGNATURE_INVALID', `signature bundle: ${what}`);
}

/** Decodes standard or URL-safe base64 (envelope.md allows either), refusing anything else. */
export function decodeBase64(s: unknown, what: string): Uint8Array {
  if (typeof s !== 'string') bad(`${what} must be a base64 string`);
  if (s.length > (MAX_PAYLOAD_BYTES / 3) * 4 + 4) bad(`${what} is too large`);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) && !/^[A-Za-z0-9_-]*={0,2}$/.test(s)) bad(`${what} is not base64`);
  const b = Buffer.from(s, s.includes('-') || s.includes('_') ? 'base64url' : 'base64');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** Parses a JSON envelope object. Unknown fields are ignored, as the spec requires. */
export function parseEnvelope(json: unknown): DsseEnvelope {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) bad('dsseEnvelope must be an object');
  const e = json as Record<string, unknown>;
  if (typeof e.payloadType !== 'string') bad('payloadType must be a string');
  const payload = decodeBase64(e.payload, 'payload');
  if (!Array.isArray(e.signatures) || e.signatures.length === 0 || e.signatures.length > MAX_SIGNATURES) bad(`signatures must list 1 to ${MAX_SIGNATURES} signatures`);
  const signatures = e.signatures.map((raw, i): DsseSignature => {
    if (typeof raw !== 'object' || raw === null) bad(`signatures[${i}] must be an object`);
    const s = raw as Record<string, unknown>;
    if (s.keyid !== undefined && s.keyid !== null && typeof s.keyid !== 'string') bad(`signatures[${i}].keyid must be a string`);
    return { sig: decodeBase64(s.sig, `signatures[${i}].sig`), keyid: typeof s.keyid === 'string' ? s.keyid : '' };
  });
  return { payloadType: e.payloadType, payload, signatures };
}

/** The JSON envelope object for `envelope` (standard base64). */
export function envelopeJson(envelope: DsseEnvelope): { payload: string; payloadType: string; signatures: { sig: string; keyid: string }[] } {
  return {
    payload: Buffer.from(envelope.payload).toString('base64'),
    payloadType: envelope.payloadType,
    signatures: envelope.signatures.map((s) => ({ sig: Buffer.from(s.sig).toString('base64'), keyid: s.keyid })),
  };
}
