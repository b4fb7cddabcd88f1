// Child process for the concurrency test: opens the key store in argv[2] with the master key in
// CORDON_TEST_MASTER_KEY, then rotates key argv[3] argv[4] times and creates keys named argv[5]-i.
import { join } from 'node:path';
import { MemoryAuditSink } from '../../src/audit/jsonl-sink.js';
import { LocalKek } from '../../src/keys/kek/local.js';
import { Keyring } from '../../src/keys/keyring.js';
import { SqliteKeyStore } from '../../src/keys/store/sqlite.js';

const [dir, key, count, prefix] = process.argv.slice(2) as [string, string, string, string];
const keyring = new Keyring({
  store: SqliteKeyStore.open(join(dir, 'keys.db')),
  kek: new LocalKek(new Uint8Array(Buffer.from(process.env.CORDON_TEST_MASTER_KEY!, 'base64'))),
  audit: new MemoryAuditSink(),
  principal: `worker-${process.pid}`,
});
for (let i = 0; i < Number(count); i++) {
  await keyring.rotate(key);
  await keyring.create(`${prefix}-${i}`);
}
await keyring.close();
