// `cordon policy test` and `cordon policy validate` as CI runs them: the example policies in
// policies/ pass all their cases (exit 0); a failing case exits 5 (ERR_POLICY_TEST_FAILED); an
// invalid policy exits 3 (ERR_CONFIG_INVALID).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, writeFileSync } from 'node:fs';
import { cliSandbox } from '../helpers/cli.js';
import { repoPath } from '../helpers/paths.js';

describe('cordon policy', () => {
  it('policy test policies/: every example case passes', () => {
    const s = cliSandbox({ masterKey: false });
    try {
      const r = s.run(['policy', 'test', repoPath('policies')]);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      const m = /^(\d+) cases: (\d+) passed, 0 failed \(\d+ policies\)$/m.exec(r.stdout);
      assert.ok(m, r.stdout);
      assert.ok(Number(m[1]) >= 30);
      assert.doesNotMatch(r.stdout, /^FAIL/m);
      const json = s.run(['policy', 'test', repoPath('policies'), '--json']);
      assert.equal(json.status, 0);
      const parsed = JSON.parse(json.stdout) as { passed: number; failed: number; results: unknown[] };
      assert.equal(parsed.failed, 0);
      assert.equal(parsed.results.length, Number(m[1]));
    } finally {
      s.cleanup();
    }
  });

  it('a failing case exits 5 and names the case; an invalid policy exits 3', () => {
    const s = cliSandbox({ masterKey: false });
    try {
      cpSync(repoPath('policies'), s.path('p'), { recursive: true });
      writeFileSync(s.path('p/tests/zz-wrong.yaml'), `
cases:
  - name: ml engineer detokenizes
    principal: { id: ben, roles: [ml-engineer], tenant: acme }
    action: detokenize
    resource: { type: dataset, id: d, attributes: { tenant: acme } }
    context: { purpose: training, consent: true }
    expect: allow
`);
      const r = s.run(['policy', 'test', 'p']);
      assert.equal(r.status, 5, r.stderr);
      assert.match(r.stdout, /^FAIL  zz-wrong\.yaml: ml engineer detokenizes \(deny\)\n      expected allow, got deny$/m);
      assert.match(r.stdout, /cases: \d+ passed, 1 failed/);
      assert.match(r.stderr, /ERR_POLICY_TEST_FAILED/);

      writeFileSync(s.path('p/broken.cedar'), '@id("broken") permit (principal, action, resource) when { resource.colour == "red" };\n');
      const v = s.run(['policy', 'validate', 'p']);
      assert.equal(v.status, 3);
      assert.match(v.stderr, /ERR_CONFIG_INVALID/);
      assert.equal(s.run(['policy', 'test', 'p']).status, 3);
      assert.equal(s.run(['policy', 'test', 'missing']).status, 3);
    } finally {
      s.cleanup();
    }
  });

  it('policy validate lists the policy ids', () => {
    const s = cliSandbox({ masterKey: false });
    try {
      const r = s.run(['policy', 'validate', repoPath('policies')]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^forbid\.cross-tenant$/m);
      assert.match(r.stderr, /\d+ policies valid/);
    } finally {
      s.cleanup();
    }
  });
});
