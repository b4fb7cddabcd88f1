// Constant-time comparison for secrets (MACs, tags, commitments, tokens). Length is not secret:
// different lengths return false at once. The comparison itself is node:crypto's timingSafeEqual.
// JavaScript cannot promise constant time for code around it (JIT, GC): this keeps the comparison
// free of early exits, which is the part an attacker can measure.
import { timingSafeEqual } from 'node:crypto';

/** True when `a` and `b` hold the same bytes; takes time independent of where they differ. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  return timingSafeEqual(a, b);
}
