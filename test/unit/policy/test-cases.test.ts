// The YAML policy tests: every malformed file is ERR_CONFIG_INVALID naming the field, and a case
// passes only when the decision and (when listed) the deciding policy ids match.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PolicyEngine, parseTestCases, runTestCases, loadTestCases } from '../../../src/policy/index.js';
import { CordonError } from '../../../src/errors.js';
import { repoPath } from '../../helpers/paths.js';

const GOOD = `
context: { time: "2026-11-30T10:00:00Z" }
principals:
  ana: { id: ana, roles: [reader], attributes: {} }
resources:
  d: { type: dataset, id: d, attributes: { tenant: acme } }
cases:
  - { name: reads, principal: ana, action: detect, resource: d, expect: allow, policies: [read] }
  - { name: no tokenize, principal: ana, action: tokenize, resource: d, expect: deny }
`;

describe('policy test cases', () => {
  const engine = PolicyEngine.fromText('@id("read") permit (principal in Cordon::Role::"reader", action == Cordon::Action::"detect", resource);');

  it('parses named principals and resources and context defaults', () => {
    const cases = parseTestCases(GOOD, 'good.yaml');
    assert.equal(cases.length, 2);
    assert.equal(cases[0]!.principal.id, 'ana');
    assert.equal(cases[0]!.context.time, '2026-11-30T10:00:00Z');
    const s = runTestCases(engine, cases);
    assert.deepEqual([s.passed, s.failed], [2, 0]);
  });

  it('reports a wrong decision and wrong policy ids', () => {
    const cases = parseTestCases(GOOD.replace('expect: deny', 'expect: allow').replace('policies: [read]', 'policies: [other]'), 'x.yaml');
    const s = runTestCases(engine, cases);
    assert.equal(s.failed, 2);
    assert.match(s.results[0]!.problem, /expected policies \[other\], got \[read\]/);
    assert.match(s.results[1]!.problem, /expected allow, got deny/);
  });

  it('refuses malformed files with ERR_CONFIG_INVALID', () => {
    const bad = [
      'not: [valid', 'cases: []', '- a list', `${GOOD}\nextra: 1`,
      GOOD.replace('expect: allow', 'expect: maybe'),
      GOOD.replace('action: detect', 'action: drop'),
      GOOD.replace('principal: ana, action: detect', 'principal: bob, action: detect'),
      GOOD.replace('name: no tokenize', 'name: reads'),
      GOOD.replace('type: dataset', 'type: table'),
      GOOD.replace('roles: [reader]', 'roles: reader'),
      GOOD.replace('context: { time: "2026-11-30T10:00:00Z" }', 'context: { mfa: "yes" }'),
      GOOD.replace('resource: d, expect: allow', 'resource: d, colour: red, expect: allow'),
    ];
    for (const text of bad) {
      assert.throws(() => parseTestCases(text, 'bad.yaml'), (e: unknown) => e instanceof CordonError && e.code === 'ERR_CONFIG_INVALID' && e.message.startsWith('bad.yaml'), text);
    }
  });

  it('the example cases cover at least 30 requests, every role, every forbid and default deny', () => {
    const cases = loadTestCases(repoPath('policies/tests'));
    assert.ok(cases.length >= 30);
    const roles = new Set(cases.flatMap((c) => c.principal.roles));
    for (const r of ['data-scientist', 'ml-engineer', 'privacy-officer', 'pipeline-service']) assert.ok(roles.has(r), r);
    const ids = new Set(cases.flatMap((c) => c.policies ?? []));
    const all = PolicyEngine.load(repoPath('policies'));
    for (const id of all.policyIds) assert.ok(ids.has(id), `no case expects policy ${id}`);
    assert.ok(cases.some((c) => c.expect === 'deny' && c.policies?.length === 0), 'a default-deny case');
    const s = runTestCases(all, cases);
    assert.equal(s.failed, 0, s.results.filter((r) => !r.passed).map((r) => `${r.case.name}: ${r.problem}`).join('\n'));
  });
});
