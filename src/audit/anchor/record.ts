// The anchor record: the newest signed checkpoint's origin, size and root, kept outside the audit
// store (in the key store) and authenticated with HMAC-SHA256 under a key the audit store never
// holds (derived from the workspace's audit key, which the master key wraps). Whoever can write
// audit.db but not unwrap that key can neither forge an anchor nor move one to another log.
// Pure: sealing and opening; where the record is kept is sqlite.ts / postgres.ts.
import { hmacSha256, hmacSha256Verify } from '../../crypto/hmac.js';
import { CordonError } from '../../errors.js';
import { formatCheckpoint, type CheckpointBody } from '../checkpoint.js';
import { HASH_LENGTH } from '../merkle/hash.js';

/** What the anchor records: the log it belongs to, and the size and RFC 9162 root of its newest signed checkpoint. */
export type AuditAnchor = CheckpointBody;

/** Bound on a stored record (a few hundred bytes in practice). */
const MAX_RECORD_CHARS = 4096;
const DOMAIN = new TextEncoder().encode('cordon/audit/anchor/v1\n');

// MAC input: the domain label, then the checkpoint text (origin, size, base64 root, one per line).
const macOf = (a: AuditAnchor, key: Uint8Array): Uint8Array => hmacSha256(key, DOMAIN, new TextEncoder().encode(formatCheckpoint(a)));

/**
 * The stored text of an anchor: one JSON object with the fields and their MAC.
 *
 * @example
 * ```ts
 * const text = sealAnchor({ origin, size: 42, rootHash }, anchorKey);
 * openAnchor(text, anchorKey).size // 42
 * ```
 */
export function sealAnchor(anchor: AuditAnchor, key: Uint8Array): string {
  if (key.length !== 32) throw new TypeError('the anchor key must be 32 bytes');
  const mac = macOf(anchor, key); // formatCheckpoint validates origin, size and root
  return JSON.stringify({ v: 1, origin: anchor.origin, size: anchor.size, root: Buffer.from(anchor.rootHash).toString('base64'), mac: Buffer.from(mac).toString('base64') });
}

/** Checks and reads a sealed anchor; ERR_AUDIT_CHAIN_BROKEN when it is malformed or its MAC fails (forged or altered). */
export function openAnchor(text: string, key: Uint8Array): AuditAnchor {
  const broken = (): never => { throw new CordonError('ERR_AUDIT_CHAIN_BROKEN', 'the audit anchor in the key store is not authentic (altered or forged)'); };
  if (key.length !== 32) throw new TypeError('the anchor key must be 32 bytes');
  if (text.length > MAX_RECORD_CHARS) broken();
  let o: { v?: unknown; origin?: unknown; size?: unknown; root?: unknown; mac?: unknown };
  try {
    o = JSON.parse(text) as typeof o;
  } catch {
    return broken();
  }
  if (o === null || typeof o !== 'object' || o.v !== 1 || typeof o.origin !== 'string' || typeof o.root !== 'string' || typeof o.mac !== 'string') return broken();
  if (typeof o.size !== 'number' || !Number.isSafeInteger(o.size) || o.size < 0) return broken();
  const root = Buffer.from(o.root, 'base64');
  const mac = Buffer.from(o.mac, 'base64');
  if (root.length !== HASH_LENGTH || root.toString('base64') !== o.root || mac.length !== 32) return broken();
  const anchor: AuditAnchor = { origin: o.origin, size: o.size, rootHash: new Uint8Array(root) };
  let text2: string;
  try {
    text2 = formatCheckpoint(anchor);
  } catch {
    return broken();
  }
  const data = Buffer.concat([DOMAIN, Buffer.from(text2, 'utf8')]);
  if (!hmacSha256Verify(key, data, new Uint8Array(mac))) broken();
  return anchor;
}
