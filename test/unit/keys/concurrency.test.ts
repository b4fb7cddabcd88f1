// Two processes changing the same keyring at once: no corruption, no lost version.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tempKeyring } from '../../helpers/keyring.js';

const WORKER = fileURLToPath(new URL('../../helpers/keyring-worker.js', import.meta.url));

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((res) => {
    const p = spawn(process.execPath, [WORKER, ...args], { env: { ...process.env, ...env } });
    let stderr = '';
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => res({ code, stderr }));
  });
}

it('concurrent rotations and creations from 3 processes are all kept', async () => {
  const t = await tempKeyring({ keys: ['shared'] });
  try {
    const env = { CORDON_TEST_MASTER_KEY: Buffer.from(t.masterKey).toString('base64') };
    const N = 15;
    const results = await Promise.all(['a', 'b', 'c'].map((p) => run([t.dir, 'shared', String(N), p], env)));
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    const k = await t.keyring.show('shared');
    assert.equal(k.primaryVersion, 1 + 3 * N);
    assert.deepEqual(k.versions.map((v) => v.version), Array.from({ length: 1 + 3 * N }, (_, i) => i + 1));
    // every version's material still unwraps under the master key: nothing torn
    for (const v of k.versions) assert.equal((await t.keyring.versionMaterial('shared', v.version, 'envelope')).length, 32);
    const names = (await t.keyring.list()).map((x) => x.name);
    assert.equal(names.length, 1 + 3 * N);
  } finally {
    await t.cleanup();
  }
});
