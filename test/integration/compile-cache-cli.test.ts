// bin/cordon.js turns on Node's compile cache (Node 22.1+) in the user's own cache directory, never
// in Node's default under the shared temp directory; on Node 20 it does nothing (docs/cli.md).
// Run as users run it: a subprocess with its own HOME.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';
import { cliSandbox } from '../helpers/cli.js';

/** Whether this Node has a compile cache (module.enableCompileCache, Node 22.1+). */
const SUPPORTED = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';
const INPUT = JSON.stringify({ text: 'Patient Jane Doe seen in Boston on 2020-01-02, call (415) 555-2671.' }) + '\n';

describe(`cordon: the compile cache (${SUPPORTED ? 'this Node has one' : 'this Node has none'})`, () => {
  const s = cliSandbox({ masterKey: false });
  after(() => s.cleanup());

  /** Files under dir, recursively ([] when it does not exist). */
  const filesUnder = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : []);

  it('goes to XDG_CACHE_HOME/cordon/compile-cache, and a run from the cache prints the same bytes', () => {
    const xdg = s.path('xdg-cache');
    const first = s.run(['detect'], { input: INPUT, env: { XDG_CACHE_HOME: xdg } });
    assert.equal(first.status, 0, first.stderr);
    const cached = filesUnder(join(xdg, 'cordon', 'compile-cache'));
    if (SUPPORTED) assert.ok(cached.length > 10, `${cached.length} cache files`);
    else assert.deepEqual(cached, []);
    const second = s.run(['detect'], { input: INPUT, env: { XDG_CACHE_HOME: xdg } });
    assert.equal(second.status, 0, second.stderr);
    assert.equal(second.stdout, first.stdout);
    assert.match(first.stdout, /"PERSON"/);
  });

  it('without an absolute XDG_CACHE_HOME, HOME/.cache/cordon/compile-cache', () => {
    const r = s.run(['detect'], { input: INPUT, env: { XDG_CACHE_HOME: 'relative/dir' } });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(filesUnder(join(s.env.HOME!, '.cache', 'cordon', 'compile-cache')).length > 0, SUPPORTED);
    assert.ok(!existsSync(s.path('relative')), 'a relative XDG_CACHE_HOME is not used');
  });

  it('NODE_DISABLE_COMPILE_CACHE=1 turns it off', () => {
    const xdg = s.path('xdg-off');
    const r = s.run(['detect'], { input: INPUT, env: { XDG_CACHE_HOME: xdg, NODE_DISABLE_COMPILE_CACHE: '1' } });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(filesUnder(join(xdg, 'cordon', 'compile-cache')), []);
  });

  it('a cache directory that cannot be made leaves the command working', () => {
    // A file where the cache's directory would be made.
    const file = s.path('not-a-directory');
    writeFileSync(file, '');
    const r = s.run(['detect'], { input: INPUT, env: { XDG_CACHE_HOME: file } });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /"PERSON"/);
  });
});
