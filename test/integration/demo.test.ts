// The README's first command ends in `npm run demo` (scripts/demo.sh): it must keep working. Run
// it against a temporary workspace and master key and check each step reported success.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { tempDir } from '../helpers/keyring.js';

describe('npm run demo (scripts/demo.sh)', () => {
  it('scans, drafts, protects, reveals, denies, encrypts and decrypts the sample', () => {
    const dir = tempDir('cordon-demo-');
    const root = new URL('../../../', import.meta.url).pathname;
    const r = spawnSync('bash', [join(root, 'scripts', 'demo.sh')], {
      cwd: root,
      env: { PATH: process.env['PATH'], HOME: dir, CORDON_HOME: join(dir, 'ws'), CORDON_MASTER_KEY: randomBytes(32).toString('base64') },
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /protected 40 row\(s\)/);
    assert.match(r.stderr, /demo:intruder was denied/);
    assert.match(r.stderr, /round trip OK/);
  });
});
