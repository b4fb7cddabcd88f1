// `cordon certs init` with symlinks planted in the target folder (issue 12 item 4): a dangling
// ca.key symlink counts as an existing file (ERR_OUTPUT_EXISTS without --force); with --force the
// symlinks are replaced by new files and their targets are never created or written.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { cliSandbox } from '../helpers/cli.js';

describe('cordon certs init: planted symlinks', () => {
  it('never writes the CA key (or any file) through a symlink', () => {
    const sb = cliSandbox({ masterKey: false });
    try {
      mkdirSync(sb.path('certs'));
      symlinkSync(sb.path('stolen-ca.key'), sb.path('certs', 'ca.key')); // dangling
      writeFileSync(sb.path('victim.txt'), 'precious');
      symlinkSync(sb.path('victim.txt'), sb.path('certs', 'server.key'));

      const refused = sb.run(['certs', 'init', '--dir', 'certs']);
      assert.equal(refused.status, 3, refused.stderr);
      assert.match(refused.stderr, /ERR_OUTPUT_EXISTS/);
      assert.equal(existsSync(sb.path('stolen-ca.key')), false);

      const forced = sb.run(['certs', 'init', '--dir', 'certs', '--force']);
      assert.equal(forced.status, 0, forced.stderr);
      assert.equal(existsSync(sb.path('stolen-ca.key')), false, 'the CA key was not written to the symlink target');
      assert.equal(readFileSync(sb.path('victim.txt'), 'utf8'), 'precious');
      for (const k of ['ca.key', 'server.key', 'client.key']) {
        const st = lstatSync(sb.path('certs', k));
        assert.equal(st.isFile(), true, `${k} is a regular file now`);
        assert.equal(st.mode & 0o777, 0o600);
      }
      assert.deepEqual(readdirSync(sb.path('certs')).sort(), ['ca.crt', 'ca.key', 'client.crt', 'client.key', 'server.crt', 'server.key']);
    } finally {
      sb.cleanup();
    }
  });
});
