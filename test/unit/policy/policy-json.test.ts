// policy.json → Cedar (issue 14 item 6): every grant becomes a permit that allows exactly what the
// file allowed (the granted purpose, where the column's contract allows it), names survive any
// characters, and the workspace folder is created from the shipped examples without clobbering.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CordonError } from '../../../src/errors.js';
import { PolicyEngine } from '../../../src/policy/policy-engine.js';
import { cedarString, parsePolicyJson, policyJsonToCedar } from '../../../src/policy/policy-json.js';
import type { AuthzRequest } from '../../../src/policy/types.js';
import { bundledPolicyDir, createPolicyDir, migratePolicyJson, workspacePolicies } from '../../../src/workspace/policies.js';
import { tempDir } from '../../helpers/keyring.js';
import { repoPath } from '../../helpers/paths.js';

const SCHEMA = readFileSync(repoPath('policies', 'cordon.cedarschema'), 'utf8');

const reveal = (principal: string, purpose: string, allowedPurposes: string[]): AuthzRequest => ({
  principal: { id: principal, kind: 'user', roles: [], attributes: {} },
  action: 'reveal',
  resource: { type: 'column', id: 'people.name', attributes: { classification: 'confidential', allowedPurposes, dataset: 'people' } },
  context: { purpose, time: '2026-12-01T00:00:00Z' },
});

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof CordonError ? e.code : 'not a CordonError';
  }
  return undefined;
};

describe('policy.json → Cedar', () => {
  it('allows exactly what policy.json allowed: a granted purpose the contract also allows', () => {
    const { text, grants } = policyJsonToCedar(parsePolicyJson('{"principals":{"ada":["fraud","support","fraud"],"bob":["billing"],"eve":[]}}'));
    assert.equal(grants, 2, 'an empty grant grants nothing and gets no permit');
    const engine = PolicyEngine.fromText(text, SCHEMA);
    assert.deepEqual(engine.policyIds, ['policy-json.1', 'policy-json.2']);
    const cases: Array<[string, string, string[], boolean]> = [
      ['ada', 'fraud', ['fraud'], true],
      ['ada', 'support', ['fraud', 'support'], true],
      ['ada', 'fraud', ['support'], false], // the contract does not allow it
      ['ada', 'billing', ['billing'], false], // not granted to ada
      ['bob', 'billing', ['billing'], true],
      ['eve', 'fraud', ['fraud'], false],
      ['mallory', 'fraud', ['fraud'], false],
      ['ada', 'fraud', [], false],
    ];
    for (const [p, purpose, allowed, expect] of cases) assert.equal(engine.authorize(reveal(p, purpose, allowed)).allowed, expect, `${p} ${purpose} ${allowed.join('|')}`);
    // Only reveal: the grant was never for detokenize or anything else.
    assert.equal(engine.authorize({ ...reveal('ada', 'fraud', ['fraud']), action: 'detokenize' }).allowed, false);
  });

  it('principal and purpose names with quotes, backslashes, control and non-ASCII characters survive', () => {
    const names = ['we"ird', 'back\\slash', 'new\nline', 'tab\there', 'zoë:日本', '__proto__', 'a\u007fb'];
    const principals = Object.fromEntries(names.map((n) => [n, [`p-${n}`]]));
    const engine = PolicyEngine.fromText(policyJsonToCedar({ principals }).text, SCHEMA);
    for (const n of names) {
      assert.equal(engine.authorize(reveal(n, `p-${n}`, [`p-${n}`])).allowed, true, JSON.stringify(n));
      assert.equal(engine.authorize(reveal(`${n}x`, `p-${n}`, [`p-${n}`])).allowed, false);
    }
    assert.equal(cedarString('a"b\\c\n'), '"a\\"b\\\\c\\u{a}"');
    assert.equal(codeOf(() => cedarString('\ud800')), 'ERR_INPUT_INVALID');
  });

  it('refuses a policy.json that is not one', () => {
    for (const t of ['{ no', 'null', '[]', '{"principals":[]}', '{"principals":{"a":"x"}}', '{"principals":{"a":[1]}}']) {
      assert.equal(codeOf(() => parsePolicyJson(t)), 'ERR_CONFIG_INVALID', t);
    }
  });
});

describe('the workspace policy folder', () => {
  it('createPolicyDir copies the shipped examples, schema and tests, and refuses an existing folder', () => {
    const home = tempDir('cordon-policies-');
    const dir = join(home, 'policies');
    const { files } = createPolicyDir(dir);
    assert.ok(files.includes('forbids.cedar') && files.includes('cordon.cedarschema') && files.includes(join('tests', 'guardrails.yaml')));
    for (const f of files) assert.equal(readFileSync(join(dir, f), 'utf8'), readFileSync(join(bundledPolicyDir(), f), 'utf8'), f);
    assert.equal(PolicyEngine.load(dir).policyIds.length, PolicyEngine.load(bundledPolicyDir()).policyIds.length);
    assert.equal(codeOf(() => createPolicyDir(dir)), 'ERR_OUTPUT_EXISTS');
  });

  it('workspacePolicies tells a policy folder, an unmigrated policy.json and nothing apart', async () => {
    const home = tempDir('cordon-policies-');
    assert.equal(workspacePolicies(home).kind, 'none');
    writeFileSync(join(home, 'policy.json'), '{"principals":{"ada":["fraud"]}}');
    assert.equal(workspacePolicies(home).kind, 'legacy');
    const r = await migratePolicyJson(home);
    assert.equal(r.createdDir, true);
    assert.equal(r.grants, 1);
    assert.deepEqual(workspacePolicies(home), { kind: 'cedar', dir: join(home, 'policies'), legacyUnmigrated: false });
    assert.ok(existsSync(join(home, 'policy.json')), 'policy.json is kept');
  });

  it('migration into an existing folder validates first: a folder whose policies do not load gets nothing written', async () => {
    const home = tempDir('cordon-policies-');
    mkdirSync(join(home, 'policies'));
    writeFileSync(join(home, 'policies', 'cordon.cedarschema'), SCHEMA);
    writeFileSync(join(home, 'policies', 'bad.cedar'), 'permit (principal, action, resource) when { resource.nope == 1 };');
    writeFileSync(join(home, 'policy.json'), '{"principals":{"ada":["fraud"]}}');
    assert.deepEqual(workspacePolicies(home), { kind: 'cedar', dir: join(home, 'policies'), legacyUnmigrated: true });
    await assert.rejects(migratePolicyJson(home), (e: unknown) => e instanceof CordonError && e.code === 'ERR_CONFIG_INVALID');
    assert.equal(existsSync(join(home, 'policies', 'policy-json.cedar')), false);
  });
});
