// Cedar policies for tests of what a reveal returns: one permit per principal for its purposes, as
// `cordon policy migrate` writes them from policy.json, validated against the shipped schema. The
// example guardrails are left out (a restricted column needs MFA there, which these callers do not
// assert); test/integration/reveal-cli.test.ts and policies/tests/ cover them.
import { readFileSync } from 'node:fs';
import { PolicyEngine } from '../../src/policy/policy-engine.js';
import { policyJsonToCedar } from '../../src/policy/policy-json.js';
import { repoPath } from './paths.js';

export function revealGrants(principals: Record<string, string[]>): PolicyEngine {
  const schema = readFileSync(repoPath('policies', 'cordon.cedarschema'), 'utf8');
  return PolicyEngine.fromSources([{ name: 'grants.cedar', text: policyJsonToCedar({ principals }).text }], schema);
}
