// A child process for the vault concurrency and crash tests: opens the shared keyring and vault,
// tokenizes "value-<i>" for i in [from, to) in batches, and prints each batch's tokens as one JSON
// line as soon as it is stored. Args: keysDb masterKeyB64 backend(sqlite:<path>|postgres:<url>)
// namespace from to batch [startAtMs]
import { LocalKek } from '../../src/keys/kek/local.js';
import { Keyring } from '../../src/keys/keyring.js';
import { SqliteKeyStore } from '../../src/keys/store/sqlite.js';
import { MemoryAuditSink } from '../../src/audit/jsonl-sink.js';
import { TokenVault } from '../../src/vault/vault.js';
import { SqliteVaultStore } from '../../src/vault/store/sqlite.js';
import { PostgresVaultStore } from '../../src/vault/store/postgres.js';
import type { VaultStore } from '../../src/vault/types.js';

const [keysDb, masterKey, backend, namespace, from, to, batch, startAt] = process.argv.slice(2);
const keyring = new Keyring({ store: SqliteKeyStore.open(keysDb!, {}), kek: new LocalKek(new Uint8Array(Buffer.from(masterKey!, 'base64'))), audit: new MemoryAuditSink(), principal: 'worker' });
// sqlite-thread:<path>: the SQLite store with its writer thread (as cordon serve opens it).
const store: VaultStore = backend!.startsWith('sqlite:') ? SqliteVaultStore.open(backend!.slice(7))
  : backend!.startsWith('sqlite-thread:') ? SqliteVaultStore.open(backend!.slice(14), { writerThread: true, backgroundCheckpoints: true })
  : await PostgresVaultStore.open(backend!.slice(9));
const vault = await TokenVault.open(store, keyring);
if (startAt !== undefined) await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
for (let i = Number(from); i < Number(to); i += Number(batch)) {
  const values = Array.from({ length: Math.min(Number(batch), Number(to) - i) }, (_, k) => `value-${i + k}`);
  const tokens = await vault.tokenize(namespace!, values);
  process.stdout.write(JSON.stringify({ from: i, tokens }) + '\n');
}
await vault.close();
await keyring.close();
