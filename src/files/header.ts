// Sealing and opening the encrypted-file header: data key wrapping through the keyring (stanzas),
// and the header MAC, HMAC-SHA256 under a key derived from the data key. The MAC covers every
// header byte, so any change to the header (including the stanzas a rewrap replaces) is detected.
import { hkdfSha256 } from '../crypto/hkdf.js';
import { hmacSha256 } from '../crypto/hmac.js';
import { constantTimeEqual } from '../crypto/constant-time.js';
import { decryptionFailed, isCordonError, type CordonError } from '../errors.js';
import { encodeHeaderWithoutMac, HeaderError, parseHeader, readHeaderLength, FILE_PREAMBLE_LENGTH, STANZA_KIND_KEYRING, type FileHeader, type KeyStanza, type ParsedHeader } from '../formats/encrypted-file.js';
import { unwrapDataKey, type WrappedDataKey } from '../keys/envelope.js';
import type { Keyring } from '../keys/keyring.js';
import { readFully, type ByteSource } from './io.js';

const MAC_INFO = new TextEncoder().encode('cordon/file/v1 header-mac');

export function toStanza(wk: WrappedDataKey): KeyStanza {
  return { kind: STANZA_KIND_KEYRING, keyName: wk.keyName, version: wk.version, wrapped: wk.wrapped };
}

/** Encodes the header and appends its MAC. */
export function sealHeader(header: FileHeader, dataKey: Uint8Array): Uint8Array {
  const body = encodeHeaderWithoutMac(header);
  const mac = hmacSha256(hkdfSha256(dataKey, undefined, MAC_INFO, 32), body);
  const out = new Uint8Array(body.length + mac.length);
  out.set(body, 0);
  out.set(mac, body.length);
  return out;
}

/** Reads and parses the header from the start of a source. Malformed → ERR_DECRYPTION_FAILED. */
export async function readHeader(src: ByteSource): Promise<ParsedHeader> {
  const pre = Buffer.alloc(FILE_PREAMBLE_LENGTH);
  if ((await readFully(src, pre, pre.length)) !== pre.length) throw decryptionFailed();
  let len: number;
  try {
    len = readHeaderLength(pre);
  } catch (e) {
    if (e instanceof HeaderError) throw decryptionFailed();
    throw e;
  }
  const all = Buffer.alloc(len);
  pre.copy(all, 0);
  if ((await readFully(src, all.subarray(pre.length), len - pre.length)) !== len - pre.length) throw decryptionFailed();
  try {
    return parseHeader(all);
  } catch (e) {
    if (e instanceof HeaderError) throw decryptionFailed();
    throw e;
  }
}

const STATE_CODES = new Set(['ERR_KEY_VERSION_DESTROYED', 'ERR_KEY_VERSION_DISABLED', 'ERR_MASTER_KEY_MISMATCH', 'ERR_MASTER_KEY_UNAVAILABLE', 'ERR_KMS_FAILED']);

/**
 * Finds a stanza this keyring can open, unwraps the data key (audited) and checks the header MAC.
 * A key that does not exist here, a wrong context, or any modified byte: ERR_DECRYPTION_FAILED. A
 * key version that exists but is destroyed or below the minimum decryption version fails with that
 * state's own code (the state is not secret, and the user needs to know the data is gone).
 */
export async function openHeader(keyring: Keyring, parsed: ParsedHeader, context: Uint8Array, attributes?: Record<string, string | number | boolean>): Promise<{ dataKey: Uint8Array; stanza: KeyStanza }> {
  let stateError: CordonError | undefined;
  for (const stanza of parsed.header.stanzas) {
    let dataKey: Uint8Array;
    try {
      dataKey = await unwrapDataKey(keyring, { keyName: stanza.keyName, version: stanza.version, wrapped: stanza.wrapped }, context, attributes);
    } catch (e) {
      if (isCordonError(e) && STATE_CODES.has(e.code)) { stateError ??= e; continue; }
      if (isCordonError(e) && (e.code === 'ERR_DECRYPTION_FAILED' || e.code === 'ERR_KEY_NOT_FOUND' || e.code === 'ERR_INPUT_INVALID')) continue;
      throw e;
    }
    const mac = hmacSha256(hkdfSha256(dataKey, undefined, MAC_INFO, 32), parsed.macInput);
    if (!constantTimeEqual(mac, parsed.mac)) throw decryptionFailed();
    return { dataKey, stanza };
  }
  throw stateError ?? decryptionFailed();
}
