// `cordon contract init` drafts a contract that `cordon contract check` and parseContract accept,
// with an operator per personal column; it never overwrites without --force; check reports
// ERR_CONTRACT_INVALID with exit code 3.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliSandbox } from '../helpers/cli.js';
import { parseContract } from '../../src/contracts/parse-contract.js';
import { main } from '../../src/cli/main.js';

const CSV = [
  'customer_id,full_name,email,card,dob,notes',
  '1001,Maria Gonzalez,maria.gonzalez@example.com,4111111111111111,1984-03-12,Called about a refund',
  '1002,James Smith,james.smith@example.org,5500000000000004,1979-11-02,Wants a paper invoice',
  '1003,Aisha Okafor,aisha.okafor@example.net,4012888888881881,1991-07-23,Mail ann.lee@example.net the receipt',
  '1004,Wei Chen,wei.chen@example.com,5105105105105100,1968-01-30,Asked for a callback at (415) 555-2671',
].join('\n') + '\n';

/** Billion laughs: 9^6 strings from six lines of aliases. */
const ALIAS_BOMB = ['apiVersion: v3.1.0', 'kind: DataContract', 'id: bomb', 'version: 1.0.0', 'status: active',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...['b', 'c', 'd', 'e', 'f'].map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdef'[i]}`).join(',')}]`), ''].join('\n');

describe('cordon contract', () => {
  it('init never writes over its own dataset, even with --force (issue 12 item 5)', () => {
    const s = cliSandbox();
    try {
      writeFileSync(join(s.dir, 'd.csv'), CSV);
      for (const out of ['d.csv', './d.csv']) {
        const r = s.run(['contract', 'init', 'd.csv', '-o', out, '--force']);
        assert.equal(r.status, 3, r.stderr);
        assert.match(r.stderr, /ERR_OUTPUT_EXISTS/);
      }
      assert.equal(readFileSync(join(s.dir, 'd.csv'), 'utf8'), CSV);
    } finally {
      s.cleanup();
    }
  });

  it('a YAML alias bomb is ERR_CONTRACT_INVALID (exit 3), not an internal error (issue 12 item 9)', () => {
    const s = cliSandbox();
    try {
      writeFileSync(join(s.dir, 'bomb.yaml'), ALIAS_BOMB);
      for (const args of [['contract', 'check', 'bomb.yaml'], ['protect', 'x.csv', '-c', 'bomb.yaml', '-o', 'y.csv']]) {
        const r = s.run(args);
        assert.equal(r.status, 3, r.stderr);
        assert.match(r.stderr, /ERR_CONTRACT_INVALID/);
      }
    } finally {
      s.cleanup();
    }
  });

  it('init does not follow a symlink planted at the old predictable temp name (issue 12 item 4)', async () => {
    const s = cliSandbox();
    try {
      writeFileSync(join(s.dir, 'd.csv'), CSV);
      writeFileSync(join(s.dir, 'victim.txt'), 'precious');
      const out = join(s.dir, 'c.yaml');
      // Cordon used <out>.cordon-tmp-<pid>; main() runs in this process, so the pid is known.
      symlinkSync(join(s.dir, 'victim.txt'), `${out}.cordon-tmp-${process.pid}`);
      assert.equal(await main(['node', 'cordon', 'contract', 'init', join(s.dir, 'd.csv'), '-o', out]), 0);
      assert.equal(readFileSync(join(s.dir, 'victim.txt'), 'utf8'), 'precious');
      parseContract(readFileSync(out, 'utf8'));
    } finally {
      s.cleanup();
    }
  });

  it('init drafts a valid contract with an operator per personal column; check accepts it', () => {
    const s = cliSandbox();
    try {
      writeFileSync(join(s.dir, 'customers.csv'), CSV);
      const r = s.run(['contract', 'init', 'customers.csv', '-o', 'customers.odcs.yaml']);
      assert.equal(r.status, 0, r.stderr);
      const text = readFileSync(join(s.dir, 'customers.odcs.yaml'), 'utf8');
      for (const v of ['Maria Gonzalez', 'maria.gonzalez@example.com', '4111111111111111']) assert.equal(text.includes(v), false, 'no cell value in the draft');
      const c = parseContract(text);
      const col = (n: string) => c.datasets[0]!.columns.find((x) => x.name === n)!;
      assert.equal(c.datasets[0]!.name, 'customers');
      assert.equal(col('full_name').entity, 'PERSON');
      assert.equal(col('full_name').protect?.operator, 'tokenize');
      assert.equal(col('email').protect?.operator, 'deterministic');
      assert.equal(col('card').protect?.operator, 'fpe');
      assert.equal(col('dob').protect?.operator, 'generalize');
      assert.equal(s.run(['contract', 'check', 'customers.odcs.yaml']).status, 0);
      const again = s.run(['contract', 'init', 'customers.csv', '-o', 'customers.odcs.yaml']);
      assert.equal(again.status, 3);
      assert.match(again.stderr, /ERR_OUTPUT_EXISTS/);
    } finally {
      s.cleanup();
    }
  });

  it('check refuses an invalid contract with ERR_CONTRACT_INVALID (exit 3)', () => {
    const s = cliSandbox();
    try {
      writeFileSync(join(s.dir, 'bad.yaml'), 'kind: DataContract\napiVersion: v3.1.0\n');
      const r = s.run(['contract', 'check', 'bad.yaml']);
      assert.equal(r.status, 3);
      assert.match(r.stderr, /ERR_CONTRACT_INVALID/);
    } finally {
      s.cleanup();
    }
  });
});
