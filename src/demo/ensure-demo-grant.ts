// The demo reveals as its analyst for its purpose, which the workspace's Cedar policies must allow
// (docs/demo.md). It writes its own permit, policies/demo.cedar, when that file is missing; a
// workspace without a policy folder first gets one, as `cordon init` creates it (an older workspace's
// policy.json is migrated into it, every grant kept). An existing demo.cedar is left exactly as it
// is, and no other policy file is ever touched. Policies that do not load stop the demo.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/write-file-atomic.js';
import type { RevealAuthorizer } from '../pipeline/reveal.js';
import { cedarString } from '../policy/policy-json.js';
import { createPolicyDir, migratePolicyJson, POLICY_DIR, workspacePolicies } from '../workspace/policies.js';

export const DEMO_POLICY_FILE = 'demo.cedar';

export interface DemoGrant {
  /** The demo's policy file. */
  readonly path: string;
  /** created: the policy folder was created too; added: demo.cedar was added to it; present: it was there. */
  readonly status: 'created' | 'present' | 'added';
  /** Grants migrated from the workspace's policy.json into the new policy folder (0 when none). */
  readonly migratedGrants: number;
  /** The workspace's policies, loaded: what the demo's reveals are decided by. */
  readonly policy: RevealAuthorizer;
}

/** The demo's permit: `principal` may reveal a column for `purpose` when the column's contract allows it. */
export function demoPolicyText(principal: string, purpose: string): string {
  return [
    '// Written by `cordon demo` (docs/demo.md): the demo\'s analyst may reveal a column for the demo\'s',
    '// purpose when the column\'s contract allows that purpose (cordonPurposes). Delete this file to undo it.',
    '@id("demo.reveal")',
    'permit (',
    `  principal == Cordon::User::${cedarString(principal)},`,
    '  action == Cordon::Action::"reveal",',
    '  resource is Cordon::Column',
    ')',
    'when {',
    `  context has purpose && context.purpose == ${cedarString(purpose)} &&`,
    '  resource has allowedPurposes && resource.allowedPurposes.contains(context.purpose)',
    '};',
    '',
  ].join('\n');
}

/**
 * Makes sure the workspace at `home` has a policy folder whose policies include the demo's permit.
 *
 * @example
 * ```ts
 * (await ensureDemoGrant(ws.home, 'demo:analyst', 'fraud-investigation')).status // 'added' after `cordon init`
 * ```
 */
export async function ensureDemoGrant(home: string, principal: string, purpose: string): Promise<DemoGrant> {
  const found = workspacePolicies(home);
  let status: DemoGrant['status'] = 'added';
  let migratedGrants = 0;
  if (found.kind === 'legacy') {
    migratedGrants = (await migratePolicyJson(home)).grants;
    status = 'created';
  } else if (found.kind === 'none') {
    createPolicyDir(found.dir);
    status = 'created';
  }
  const dir = join(home, POLICY_DIR);
  const path = join(dir, DEMO_POLICY_FILE);
  if (existsSync(path)) status = 'present';
  else writeFileAtomic(path, demoPolicyText(principal, purpose), { mode: 0o644 });
  // Loaded on use (see src/cli/commands/policy.ts): Cedar's wasm is compiled only when needed.
  const { PolicyEngine } = await import('../policy/policy-engine.js');
  return { path, status, migratedGrants, policy: PolicyEngine.load(dir) };
}
