// Files `cordon certs init` writes and `cordon serve` reads at start. certs init with symlinks
// planted in the target folder (issue 12 item 4): a dangling ca.key symlink counts as an existing
// file (ERR_OUTPUT_EXISTS without --force); with --force the symlinks are replaced by new files and
// their targets are never created or written. A YAML alias bomb in the contracts folder stops
// `cordon serve` at start with ERR_CONTRACT_INVALID, not an internal error (item 9).
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { cliSandbox } from '../helpers/cli.js';
import { CORDON_BIN } from '../helpers/paths.js';

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

  it('serve refuses a contracts folder holding a YAML alias bomb at start: ERR_CONTRACT_INVALID', () => {
    const sb = cliSandbox();
    try {
      assert.equal(sb.run(['init']).status, 0);
      assert.equal(sb.run(['certs', 'init', '--dir', 'certs']).status, 0);
      mkdirSync(sb.path('policies'));
      writeFileSync(sb.path('policies/allow.cedar'), '@id("test.tokenize") permit (principal, action == Cordon::Action::"tokenize", resource);\n');
      mkdirSync(sb.path('contracts'));
      writeFileSync(sb.path('contracts/bomb.yaml'), ['apiVersion: v3.1.0', 'kind: DataContract', 'id: bomb', 'version: 1.0.0', 'status: active',
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        ...['b', 'c', 'd', 'e', 'f'].map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdef'[i]}`).join(',')}]`), ''].join('\n'));
      writeFileSync(sb.path('server.yaml'), ['listen: { host: 127.0.0.1, port: 0 }', 'tls:', '  cert: certs/server.crt', '  key: { file: certs/server.key }',
        '  ca: certs/ca.crt', '  mtls: required', 'policy: { dir: policies }', 'contracts: { dir: contracts }', ''].join('\n'));
      // The timeout only keeps a regression (a server that starts) from hanging the suite.
      const r = spawnSync(process.execPath, [CORDON_BIN, 'serve', '--config', 'server.yaml'], { cwd: sb.dir, env: sb.env, timeout: 300_000, encoding: 'utf8' });
      assert.equal(r.signal, null, `serve should refuse to start: ${r.stderr}`);
      assert.equal(r.status, 3, r.stderr);
      assert.match(r.stderr, /ERR_CONTRACT_INVALID/);
    } finally {
      sb.cleanup();
    }
  });
});
