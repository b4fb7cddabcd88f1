// Where things are in an encrypted file: header, salt ‖ commitment, then segments of
// segmentSize + 16 bytes, the last one shorter. Shared by streaming and random-access readers.
import { CHUNK_TAG_LENGTH, CHUNKED_PREFIX_LENGTH, checkCommitment, ChunkCipher, deriveChunkKeys, CHUNKED_SALT_LENGTH } from '../crypto/chunked.js';
import { getSuite } from '../crypto/suites.js';
import { decryptionFailed, isCordonError } from '../errors.js';
import { boundContext, encodeParams, type ParsedHeader } from '../formats/encrypted-file.js';
import type { Keyring } from '../keys/keyring.js';
import { contextEntries } from './encrypt.js';
import { openHeader } from './header.js';

export interface BodyLayout {
  readonly bodyStart: number;
  readonly segmentSize: number;
  readonly sealedSegment: number;
  readonly segments: number;
  readonly lastSealedLength: number;
  readonly plaintextLength: number;
}

/** Computes the segment layout from the file size; invalid lengths (truncation, garbage) fail. */
export function bodyLayout(headerLength: number, segmentSize: number, fileSize: number): BodyLayout {
  const bodyStart = headerLength + CHUNKED_PREFIX_LENGTH;
  const body = fileSize - bodyStart;
  if (body < CHUNK_TAG_LENGTH) throw decryptionFailed();
  const sealedSegment = segmentSize + CHUNK_TAG_LENGTH;
  const segments = Math.floor(body / sealedSegment) + 1;
  const lastSealedLength = body - (segments - 1) * sealedSegment;
  if (lastSealedLength < CHUNK_TAG_LENGTH || lastSealedLength >= sealedSegment) throw decryptionFailed();
  return { bodyStart, segmentSize, sealedSegment, segments, lastSealedLength, plaintextLength: body - segments * CHUNK_TAG_LENGTH };
}

/** The file's stream suite and segment size, checked against the table. */
export function headerStreamParams(parsed: ParsedHeader): { suiteId: number; segmentSize: number } {
  let suite;
  try {
    suite = getSuite(parsed.header.suiteId, 'stream');
  } catch {
    throw decryptionFailed();
  }
  const s = parsed.header.segmentSize;
  if (s < suite.minSegmentSize || s > suite.maxSegmentSize || s % 16 !== 0) throw decryptionFailed();
  return { suiteId: suite.id, segmentSize: s };
}

/**
 * Opens the header with the caller's expected context: unwraps the data key, checks the header MAC,
 * then derives the segment keys from the salt and checks the key commitment. Returns the cipher.
 */
export async function openBody(
  keyring: Keyring,
  parsed: ParsedHeader,
  expectedContext: Readonly<Record<string, string>> | undefined,
  saltAndCommitment: Uint8Array,
  attributes?: Record<string, string | number | boolean>,
): Promise<{ cipher: ChunkCipher; segmentSize: number; stanza: { keyName: string; version: number } }> {
  const { suiteId, segmentSize } = headerStreamParams(parsed);
  let entries;
  try {
    entries = contextEntries(expectedContext);
  } catch (e) {
    if (isCordonError(e, 'ERR_INPUT_INVALID')) throw e;
    throw decryptionFailed();
  }
  const ctx = boundContext(encodeParams({ suiteId, segmentSize, context: entries }));
  const { dataKey, stanza } = await openHeader(keyring, parsed, ctx, attributes);
  try {
    if (saltAndCommitment.length !== CHUNKED_PREFIX_LENGTH) throw decryptionFailed();
    const keys = deriveChunkKeys(dataKey, saltAndCommitment.subarray(0, CHUNKED_SALT_LENGTH), ctx);
    checkCommitment(keys, saltAndCommitment.subarray(CHUNKED_SALT_LENGTH));
    return { cipher: new ChunkCipher(keys), segmentSize, stanza: { keyName: stanza.keyName, version: stanza.version } };
  } finally {
    dataKey.fill(0);
  }
}
