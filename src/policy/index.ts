// cordon/policy: authorization decisions with Cedar policies (docs/policy.md). Re-exports only.
export { ACTIONS, RESOURCE_TYPES, type Action, type AttributeValue, type AuthzPrincipal, type AuthzResource, type AuthzContext, type AuthzRequest, type AuthzDecision, type ResourceType } from './types.js';
export { PolicyEngine } from './policy-engine.js';
export type { PolicySource } from './parse-policies.js';
export { readPolicyDir } from './load-policy-dir.js';
export { parseTestCases, runTestCases, loadTestCases, type PolicyTestCase, type PolicyTestResult, type PolicyTestSummary } from './test-cases.js';
