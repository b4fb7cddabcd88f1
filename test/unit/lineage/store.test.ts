// The lineage store under concurrent writers: several processes appending to one lineage.db at
// once lose nothing (SQLite WAL, one BEGIN IMMEDIATE transaction per emit, busy_timeout).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { SqliteLineageStore } from '../../../src/lineage/store.js';
import { repoPath } from '../../helpers/paths.js';
import { tempDir } from '../../helpers/keyring.js';

const WRITER = `
const { SqliteLineageStore } = await import(process.argv[1]);
const s = SqliteLineageStore.open(process.argv[2]);
for (let i = 0; i < 50; i++) {
  await s.emit([{ eventType: 'COMPLETE', eventTime: new Date().toISOString(), producer: 'https://x.example/', schemaURL: 'https://x.example/',
    run: { runId: crypto.randomUUID() }, job: { namespace: 'cordon', name: 'w' + process.argv[3] },
    inputs: [{ namespace: 'file://h', name: '/in' + process.argv[3] }], outputs: [{ namespace: 'file://h', name: '/out' }] }]);
}
s.close();
`;

it('four processes appending 50 events each to one lineage.db: all 200 are stored with their edges', async () => {
  const db = join(tempDir(), 'lineage.db');
  SqliteLineageStore.open(db).close();
  const mod = repoPath('dist/src/lineage/store.js');
  const codes = await Promise.all([1, 2, 3, 4].map((n) => new Promise<number | null>((resolve) => {
    const p = spawn(process.execPath, ['--input-type=module', '-e', WRITER, mod, db, String(n)], { stdio: ['ignore', 'ignore', 'inherit'] });
    p.on('close', resolve);
  })));
  assert.deepEqual(codes, [0, 0, 0, 0]);
  const s = SqliteLineageStore.open(db);
  assert.equal(s.events().length, 200);
  assert.equal(s.graph().edgesInto({ namespace: 'file://h', name: '/out' }).length, 200);
  s.close();
});
