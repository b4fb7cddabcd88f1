// Keyed commitments to data subjects. An event about a person stores
//   subject = "hmac-sha256:" ‖ hex(HMAC-SHA256(K, "cordon/audit/subject/v1" ‖ 0x00 ‖ UTF-8(subject id)))
// where K is the workspace's audit MAC key. Whoever holds K can test "does this event concern
// subject X?"; nobody else learns anything from the log. Erasing a subject deletes their data
// elsewhere and never touches a log entry, so every hash and checkpoint stays valid.
import { hmacSha256 } from '../crypto/hmac.js';

const DOMAIN = new TextEncoder().encode('cordon/audit/subject/v1\0');

/** Prefix that marks a subject commitment. */
export const SUBJECT_COMMITMENT_PREFIX = 'hmac-sha256:';

/**
 * The commitment to store in `AuditEvent.subject` for a data subject.
 *
 * @example
 * ```ts
 * sink.emit(auditEvent({ type: 'token.reveal', outcome: 'success', principal, subject: subjectCommitment('customer-42', macKey) }));
 * ```
 */
export function subjectCommitment(subjectId: string, macKey: Uint8Array): string {
  if (typeof subjectId !== 'string' || subjectId.length === 0) throw new TypeError('subjectCommitment: subject id must be a non-empty string');
  if (!(macKey instanceof Uint8Array) || macKey.length < 32) throw new TypeError('subjectCommitment: the MAC key must be at least 32 bytes');
  return SUBJECT_COMMITMENT_PREFIX + Buffer.from(hmacSha256(macKey, DOMAIN, new TextEncoder().encode(subjectId))).toString('hex');
}
