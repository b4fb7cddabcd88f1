// C2SP signed notes (c2sp.org/signed-note) with Ed25519 signatures: text, a blank line, then
// "— <key name> base64(key ID ‖ signature)" lines. Parsing bounds the size and the number of
// signatures; verification ignores unknown keys and refuses the note if a known key's signature
// fails or no known key signed it, exactly as the spec requires.
import { sha256 } from '../crypto/hash.js';
import { ed25519Sign, ed25519Verify } from '../crypto/ed25519.js';
import { CordonError } from '../errors.js';

/** Signature type byte for Ed25519 (signed-note §Signature types). */
const ED25519_TYPE = 0x01;
const MAX_NOTE_BYTES = 1 << 20;
const MAX_SIGNATURES = 100;
const EM_DASH = '\u2014';

/** An Ed25519 key that signs notes. The seed is secret and never leaves this object's owner. */
export interface NoteSigner {
  readonly name: string;
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

/** A trusted verifier key: name, 32-bit key ID and Ed25519 public key. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  readonly publicKey: Uint8Array;
}

function checkKeyName(name: string): void {
  if (name.length === 0 || /[\s+]/u.test(name) || /[\u0000-\u001f]/.test(name)) {
    throw new CordonError('ERR_INPUT_INVALID', 'a note key name must be non-empty, without spaces or "+"');
  }
}

/** key ID = SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte Ed25519 public key)[:4], big-endian (signed-note §Ed25519 signatures). */
export function noteKeyId(name: string, publicKey: Uint8Array): number {
  const h = sha256(new TextEncoder().encode(name), Uint8Array.of(0x0a, ED25519_TYPE), publicKey);
  return new DataView(h.buffer, h.byteOffset, 4).getUint32(0, false);
}

/** An Ed25519 NoteSigner from a 32-byte seed. */
export function ed25519NoteSigner(name: string, seed: Uint8Array, publicKey: Uint8Array): NoteSigner {
  checkKeyName(name);
  return { name, publicKey, sign: (m) => ed25519Sign(seed, m) };
}

/** `<name>+hex(key ID)+base64(0x01 ‖ public key)` (signed-note §Verifier keys). */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  checkKeyName(name);
  const id = noteKeyId(name, publicKey).toString(16).padStart(8, '0');
  return `${name}+${id}+${Buffer.concat([Uint8Array.of(ED25519_TYPE), publicKey]).toString('base64')}`;
}

/** Parses a verifier key; ERR_INPUT_INVALID when it is malformed, not Ed25519, or its ID does not match. */
export function parseVerifierKey(vkey: string): NoteVerifier {
  const bad = (why: string): never => { throw new CordonError('ERR_INPUT_INVALID', `not an Ed25519 verifier key: ${why}`); };
  // The key name and the hex ID hold no "+"; the base64 part may.
  const m = /^([^+]+)\+([^+]*)\+(.*)$/s.exec(vkey.trim());
  if (m === null) bad('expected name+keyid+key');
  const [, name, idHex, keyB64] = m as unknown as [string, string, string, string];
  checkKeyName(name);
  if (!/^[0-9a-f]{8}$/.test(idHex)) bad('the key ID is not 8 lowercase hex digits');
  const raw = Buffer.from(keyB64, 'base64');
  if (raw.toString('base64') !== keyB64 || raw.length !== 33 || raw[0] !== ED25519_TYPE) bad('the key is not base64 of 0x01 and 32 bytes');
  const publicKey = new Uint8Array(raw.subarray(1));
  const keyId = Number.parseInt(idHex, 16);
  if (noteKeyId(name, publicKey) !== keyId) bad('the key ID does not match the name and key');
  return { name, keyId, publicKey };
}

function checkText(text: string): void {
  if (!text.endsWith('\n')) throw new CordonError('ERR_INPUT_INVALID', 'note text must end with a newline');
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) throw new CordonError('ERR_INPUT_INVALID', 'note text must not contain control characters other than newline');
}

/** Signs `text` (which ends in a newline) and returns the complete signed note. */
export function signNote(text: string, signer: NoteSigner): string {
  checkText(text);
  checkKeyName(signer.name);
  const id = new Uint8Array(4);
  new DataView(id.buffer).setUint32(0, noteKeyId(signer.name, signer.publicKey), false);
  const sig = signer.sign(new TextEncoder().encode(text));
  return `${text}\n${EM_DASH} ${signer.name} ${Buffer.concat([id, sig]).toString('base64')}\n`;
}

export type OpenedNote =
  | { readonly ok: true; readonly text: string; readonly signers: readonly string[] }
  | { readonly ok: false; readonly reason: string };

/**
 * Verifies a signed note against trusted keys and returns its text. Malformed notes, a failing
 * signature by a known key, or no signature by a known key give `ok: false` with the reason.
 */
export function openNote(note: string, verifiers: readonly NoteVerifier[]): OpenedNote {
  const fail = (reason: string): OpenedNote => ({ ok: false, reason });
  if (Buffer.byteLength(note, 'utf8') > MAX_NOTE_BYTES) return fail('note too large');
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note) || note.includes('\ufffd')) return fail('note holds control characters or invalid UTF-8');
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) return fail('no signature block');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) return fail('too many signatures');
  const message = new TextEncoder().encode(text);
  const signers: string[] = [];
  for (const line of lines) {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/]+=*)$/.exec(line);
    if (!m) return fail('malformed signature line');
    const [, name, b64] = m as unknown as [string, string, string];
    const raw = Buffer.from(b64, 'base64');
    if (raw.length < 5 || raw.toString('base64') !== b64) return fail('malformed signature');
    const keyId = raw.readUInt32BE(0);
    const known = verifiers.find((v) => v.name === name && v.keyId === keyId);
    if (known === undefined) continue;
    if (!ed25519Verify(known.publicKey, message, new Uint8Array(raw.subarray(4)))) return fail(`signature by ${name} does not verify`);
    signers.push(name);
  }
  if (signers.length === 0) return fail('no signature by a trusted key');
  return { ok: true, text, signers };
}
