// `cordon reveal`: allowed only when the contract lists the purpose for the column and policy.json
// grants it to the caller; denied attempts exit 4 with ERR_POLICY_DENIED; both are audited with
// counts only, never values.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliSandbox } from '../helpers/cli.js';

const CSV = 'customer_id,full_name,email\n1001,Maria Gonzalez,maria.gonzalez@example.com\n1002,James Smith,james.smith@example.org\n';

const CONTRACT = `apiVersion: v3.1.0
kind: DataContract
id: reveal-refusals
version: 1.0.0
status: active
schema:
  - name: people
    properties:
      - { name: full_name, logicalType: string, classification: restricted, customProperties: [{ property: cordonProtect, value: { operator: redact } }, { property: cordonPurposes, value: [fraud-investigation] }] }
`;

describe('cordon reveal', () => {
  it('every refused reveal is audited: a principal named like an Object property, an unknown column, a bad policy file (issue 12 item 9)', () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      writeFileSync(join(s.dir, 'c.yaml'), CONTRACT);
      const home = s.env.CORDON_HOME!;
      writeFileSync(join(home, 'policy.json'), JSON.stringify({ principals: { 'analyst:ada': ['fraud-investigation'] } }));
      const reveal = (principal: string, column = 'full_name') =>
        s.run(['reveal', 'tok_x', '-c', 'c.yaml', '--column', column, '--purpose', 'fraud-investigation'], { env: { CORDON_PRINCIPAL: principal } });
      for (const p of ['__proto__', 'constructor', 'hasOwnProperty']) {
        const r = reveal(p);
        assert.equal(r.status, 4, `${p}: ${r.stderr}`);
        assert.match(r.stderr, /ERR_POLICY_DENIED/);
      }
      assert.equal(reveal('analyst:ada', 'no_such_column').status, 2);
      writeFileSync(join(home, 'policy.json'), '{ not json');
      assert.equal(reveal('analyst:ada').status, 3);

      const events = readFileSync(join(home, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; outcome: string; principal: string; reason?: string })
        .filter((e) => e.type === 'token.reveal');
      assert.deepEqual(events.map((e) => [e.outcome, e.principal, e.reason]), [
        ['failure', '__proto__', 'ERR_POLICY_DENIED'], ['failure', 'constructor', 'ERR_POLICY_DENIED'], ['failure', 'hasOwnProperty', 'ERR_POLICY_DENIED'],
        ['failure', 'analyst:ada', 'ERR_USAGE'], ['failure', 'analyst:ada', 'ERR_CONFIG_INVALID'],
      ]);
    } finally {
      s.cleanup();
    }
  });

  it('reveals for an allowed purpose, denies otherwise, audits both', () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      writeFileSync(join(s.dir, 'customers.csv'), CSV);
      assert.equal(s.run(['contract', 'init', 'customers.csv', '-o', 'c.yaml']).status, 0);
      writeFileSync(join(s.dir, 'c.yaml'), readFileSync(join(s.dir, 'c.yaml'), 'utf8').replace(/value: \[\]/g, 'value: [fraud-investigation]'));
      assert.equal(s.run(['protect', 'customers.csv', '-c', 'c.yaml', '-o', 'out.csv']).status, 0);
      const [, row1] = readFileSync(join(s.dir, 'out.csv'), 'utf8').trim().split('\n');
      const [, nameToken, emailToken] = row1!.split(',');
      const env = { CORDON_PRINCIPAL: 'analyst:ada' };

      const noPolicy = s.run(['reveal', nameToken!, '-c', 'c.yaml', '--column', 'full_name', '--purpose', 'fraud-investigation'], { env });
      assert.equal(noPolicy.status, 4);
      assert.match(noPolicy.stderr, /ERR_POLICY_DENIED/);

      const home = s.env.CORDON_HOME!;
      writeFileSync(join(home, 'policy.json'), JSON.stringify({ principals: { 'analyst:ada': ['fraud-investigation'] } }));
      const ok = s.run(['reveal', nameToken!, '-c', 'c.yaml', '--column', 'full_name', '--purpose', 'fraud-investigation'], { env });
      assert.equal(ok.status, 0, ok.stderr);
      assert.equal(ok.stdout, 'Maria Gonzalez\n');
      const email = s.run(['reveal', emailToken!, '-c', 'c.yaml', '--column', 'email', '--purpose', 'fraud-investigation'], { env });
      assert.equal(email.stdout, 'maria.gonzalez@example.com\n');

      const wrongPurpose = s.run(['reveal', nameToken!, '-c', 'c.yaml', '--column', 'full_name', '--purpose', 'marketing'], { env });
      assert.equal(wrongPurpose.status, 4);
      const otherUser = s.run(['reveal', nameToken!, '-c', 'c.yaml', '--column', 'full_name', '--purpose', 'fraud-investigation'], { env: { CORDON_PRINCIPAL: 'analyst:bob' } });
      assert.equal(otherUser.status, 4);

      const audit = readFileSync(join(home, 'audit.jsonl'), 'utf8');
      const reveals = audit.trim().split('\n').map((l) => JSON.parse(l) as { type: string; outcome: string; principal: string; reason?: string }).filter((e) => e.type === 'token.reveal');
      assert.deepEqual(reveals.map((e) => [e.outcome, e.principal]), [['failure', 'analyst:ada'], ['success', 'analyst:ada'], ['success', 'analyst:ada'], ['failure', 'analyst:ada'], ['failure', 'analyst:bob']]);
      for (const v of ['Maria Gonzalez', 'maria.gonzalez@example.com', nameToken!]) assert.equal(audit.includes(v), false, 'no value or token in the audit log');
    } finally {
      s.cleanup();
    }
  });
});
