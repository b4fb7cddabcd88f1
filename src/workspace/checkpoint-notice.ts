// What a failed automatic checkpoint tells the user: it never fails the command that already ran,
// but a log the anchor refuses to sign (cut back, changed, or without its anchor) is said out loud.
import { isCordonError } from '../errors.js';

export function checkpointNotice(e: unknown): string {
  const detail = isCordonError(e, 'ERR_AUDIT_CHAIN_BROKEN') ? `: ${e.message}` : '';
  return `audit log: no checkpoint was signed (${isCordonError(e) ? e.code : 'error'}${detail}); run \`cordon audit verify\``;
}
