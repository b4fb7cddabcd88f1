// The algorithm table. Every ciphertext Cordon writes names its suite (by id in binary formats, by
// name in text ones), so reading old data is a lookup here, and adding a suite is adding a row.
// getSuite() is the only lookup and throws ERR_CRYPTO_UNSUPPORTED for anything not in the table.
import { CordonError } from '../errors.js';
import { aesGcmOpen, aesGcmSeal } from './aes-gcm.js';
import { aesSivOpen, aesSivSeal } from './aes-siv.js';
import { C2SP_CHUNK_SIZE } from './chunked.js';

interface SuiteBase {
  /** Stable numeric id used in binary headers. Never reused. */
  readonly id: number;
  readonly name: string;
  readonly description: string;
  /** Key length in bytes. */
  readonly keyLength: number;
}

/** Nonce-based AEAD: random 96-bit nonce per message. */
export interface AeadSuite extends SuiteBase {
  readonly kind: 'aead';
  readonly nonceLength: number;
  readonly tagLength: number;
  seal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): Uint8Array;
  open(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad?: Uint8Array): Uint8Array;
}

/** Deterministic AEAD: same key, AD and plaintext → same ciphertext. */
export interface DeterministicSuite extends SuiteBase {
  readonly kind: 'daead';
  readonly tagLength: number;
  seal(key: Uint8Array, plaintext: Uint8Array, ad?: readonly Uint8Array[]): Uint8Array;
  open(key: Uint8Array, sealed: Uint8Array, ad?: readonly Uint8Array[]): Uint8Array;
}

/** Streaming, seekable AEAD for files (C2SP chunked encryption). */
export interface StreamSuite extends SuiteBase {
  readonly kind: 'stream';
  readonly defaultSegmentSize: number;
  readonly minSegmentSize: number;
  readonly maxSegmentSize: number;
}

/** Format-preserving encryption. */
export interface FpeSuite extends SuiteBase {
  readonly kind: 'fpe';
}

export type Suite = AeadSuite | DeterministicSuite | StreamSuite | FpeSuite;

export const SUITES = {
  A256GCM: {
    id: 1, name: 'A256GCM', kind: 'aead', keyLength: 32, nonceLength: 12, tagLength: 16,
    description: 'AES-256-GCM, 96-bit random nonce, 128-bit tag (NIST SP 800-38D)',
    seal: aesGcmSeal, open: aesGcmOpen,
  },
  'AES-SIV-512': {
    id: 2, name: 'AES-SIV-512', kind: 'daead', keyLength: 64, tagLength: 16,
    description: 'AES-SIV with AES-256 for S2V and CTR (RFC 5297), deterministic',
    seal: aesSivSeal, open: aesSivOpen,
  },
  'CBS256-GCM': {
    id: 3, name: 'CBS256-GCM', kind: 'stream', keyLength: 32,
    description: 'Cobblestone-256 (C2SP chunked-encryption, HKDF-SHA-512, AES-256-GCM) with a segment-size parameter',
    // 1 MiB: measured by `npm run bench:crypto` (docs/formats/encrypted-file.md, "Segment size").
    defaultSegmentSize: 1024 * 1024, minSegmentSize: C2SP_CHUNK_SIZE, maxSegmentSize: 16 * 1024 * 1024,
  },
  'FF1-AES256': {
    id: 4, name: 'FF1-AES256', kind: 'fpe', keyLength: 32,
    description: 'FF1 with AES-256 (NIST SP 800-38G Rev. 1), radix^length ≥ 10^6',
  },
} as const satisfies Record<string, Suite>;

export type SuiteName = keyof typeof SUITES;

const BY_ID = new Map<number, Suite>(Object.values(SUITES).map((s) => [s.id, s]));

/** Looks a suite up by name or id; throws ERR_CRYPTO_UNSUPPORTED when there is no such row. */
export function getSuite(nameOrId: string | number): Suite;
export function getSuite<K extends Suite['kind']>(nameOrId: string | number, kind: K): Extract<Suite, { kind: K }>;
export function getSuite(nameOrId: string | number, kind?: Suite['kind']): Suite {
  const s = typeof nameOrId === 'number' ? BY_ID.get(nameOrId) : (SUITES as Record<string, Suite>)[nameOrId];
  if (s === undefined || (kind !== undefined && s.kind !== kind)) {
    throw new CordonError('ERR_CRYPTO_UNSUPPORTED', `unsupported suite ${JSON.stringify(nameOrId)}${kind ? ` for ${kind}` : ''}`);
  }
  return s;
}
