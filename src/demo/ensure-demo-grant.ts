// The workspace's policy.json must grant the demo's principal its purpose before a reveal can
// succeed. A missing file is created with that one grant; an existing file that already grants it
// is left alone; one that does not gets that one grant added and every other entry kept as it was
// (the demo says so, and how to undo it). A policy file that does not parse is never rewritten.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/write-file-atomic.js';
import { parseRevealPolicy, type RevealPolicy } from '../pipeline/reveal.js';

export interface DemoGrant {
  readonly path: string;
  /** created: there was no policy file; present: it granted the purpose already; added: the grant was added. */
  readonly status: 'created' | 'present' | 'added';
  readonly policy: RevealPolicy;
}

/** policy.json is rewritten in place, keeping every entry (see above). */
function _writeAtomic(path: string, text: string): void {
  writeFileAtomic(path, text, { force: true });
}

/**
 * Makes sure `home`/policy.json lets `principal` declare `purpose`.
 *
 * @example
 * ```ts
 * ensureDemoGrant(ws.home, 'demo:analyst', 'fraud-investigation').status // 'created' on a new workspace
 * ```
 */
export function ensureDemoGrant(home: string, principal: string, purpose: string): DemoGrant {
  const path = join(home, 'policy.json');
  if (!existsSync(path)) {
    const doc = { principals: { [principal]: [purpose] } };
    _writeAtomic(path, JSON.stringify(doc, null, 2) + '\n');
    return { path, status: 'created', policy: parseRevealPolicy(JSON.stringify(doc)) };
  }
  const text = readFileSync(path, 'utf8');
  const policy = parseRevealPolicy(text); // throws ERR_CONFIG_INVALID: never rewrite what we cannot read
  if (policy.principals[principal]?.includes(purpose) === true) return { path, status: 'present', policy };
  const doc = JSON.parse(text) as { principals: Record<string, string[]> };
  doc.principals[principal] = [...(doc.principals[principal] ?? []), purpose];
  const updated = JSON.stringify(doc, null, 2) + '\n';
  _writeAtomic(path, updated);
  return { path, status: 'added', policy: parseRevealPolicy(updated) };
}
