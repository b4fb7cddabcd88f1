// Native and optional dependencies fail by name (issue 14 item 11): a better-sqlite3 built for
// another Node.js is ERR_DEPENDENCY_UNAVAILABLE naming better-sqlite3 (not "cannot open the key
// store"), pkcs11js is loaded only when an HSM is configured, and a missing or broken pkcs11js is
// ERR_DEPENDENCY_UNAVAILABLE naming it. The load failure is simulated as Node reports an addon built
// for another Node.js: a preload makes process.dlopen throw ERR_DLOPEN_FAILED for one .node file.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CordonError } from '../../src/errors.js';
import { _loadPkcs11js } from '../../src/keys/kek/pkcs11.js';
import { cliSandbox } from '../helpers/cli.js';
import { tempDir } from '../helpers/keyring.js';
import { repoPath } from '../helpers/paths.js';

const PRELOAD = `
const target = process.env.CORDON_TEST_FAIL_DLOPEN;
const dlopen = process.dlopen;
process.dlopen = function (module, filename, ...rest) {
  if (target && String(filename).includes(target)) {
    const e = new Error("The module '" + filename + "'\\nwas compiled against a different Node.js version using\\nNODE_MODULE_VERSION 1. This version of Node.js requires\\nNODE_MODULE_VERSION " + process.versions.modules + ".");
    e.code = 'ERR_DLOPEN_FAILED';
    throw e;
  }
  return dlopen.call(this, module, filename, ...rest);
};
`;

describe('native and optional dependencies', () => {
  const dir = tempDir('cordon-native-');
  const preload = join(dir, 'fail-dlopen.cjs');
  writeFileSync(preload, PRELOAD);
  const failing = (addon: string): NodeJS.ProcessEnv => ({ NODE_OPTIONS: `--require ${preload}`, CORDON_TEST_FAIL_DLOPEN: addon });
  const s = cliSandbox();
  after(() => s.cleanup());

  it('a better-sqlite3 that does not load is reported by name, in init and in a command on an existing workspace', () => {
    const init = s.run(['init'], { env: failing('better_sqlite3.node') });
    assert.equal(init.status, 6, init.stderr);
    assert.match(init.stderr, /ERR_DEPENDENCY_UNAVAILABLE: the native module of better-sqlite3 does not load in Node\.js v[\d.]+ .*npm rebuild better-sqlite3/);
    assert.doesNotMatch(init.stderr, /cannot open the key store/);

    assert.equal(s.run(['init']).status, 0, 'the same workspace initialises once the module loads');
    const list = s.run(['keys', 'list'], { env: failing('better_sqlite3.node') });
    assert.equal(list.status, 6, list.stderr);
    assert.match(list.stderr, /ERR_DEPENDENCY_UNAVAILABLE: the native module of better-sqlite3/);
    const json = s.run(['keys', 'list', '--json'], { env: failing('better_sqlite3.node') });
    assert.equal((JSON.parse(json.stderr) as { error: { code: string } }).error.code, 'ERR_DEPENDENCY_UNAVAILABLE');
    assert.equal(s.run(['keys', 'list']).status, 0);
  });

  it('pkcs11js is not loaded unless an HSM is configured: cordon/keys imports and a local workspace works without it', () => {
    const code = `await import(${JSON.stringify(repoPath('dist/src/keys/index.js'))}); await import(${JSON.stringify(repoPath('dist/src/index.js'))}); console.log('ok')`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { env: { ...process.env, ...failing('pkcs11.node') }, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'ok\n');
    assert.equal(s.run(['keys', 'list'], { env: failing('pkcs11.node') }).status, 0);
  });

  it('an HSM master key with a pkcs11js that does not load is reported by name', () => {
    const t = cliSandbox({ masterKey: false });
    try {
      const r = t.run(['init', '--kek', 'pkcs11', '--pkcs11-module', '/usr/lib/softhsm/libsofthsm2.so', '--token-label', 'cordon'], { env: { ...failing('pkcs11.node'), CORDON_PKCS11_PIN: '1234' } });
      assert.equal(r.status, 6, r.stderr);
      assert.match(r.stderr, /ERR_DEPENDENCY_UNAVAILABLE: the native module of pkcs11js does not load .*npm rebuild pkcs11js/);
    } finally {
      t.cleanup();
    }
  });

  it('a missing pkcs11js names the package and how to install it', async () => {
    const missing = Object.assign(new Error("Cannot find package 'pkcs11js' imported from /x/pkcs11.js"), { code: 'ERR_MODULE_NOT_FOUND' });
    await assert.rejects(_loadPkcs11js(() => Promise.reject(missing)), (e: unknown) => {
      assert.ok(e instanceof CordonError);
      assert.equal(e.code, 'ERR_DEPENDENCY_UNAVAILABLE');
      assert.equal(e.message, 'the HSM master key (--kek pkcs11) needs the package pkcs11js, which is not installed: run npm install pkcs11js');
      assert.deepEqual(e.details, { package: 'pkcs11js' });
      return true;
    });
  });
});
