// A child process for the conversation vault concurrency test: opens the shared keyring and vault
// and places "<prefix>-<i>" for i in [from, to) one value per call (the worst case for numbering:
// every call a separate transaction), printing {value, placeholder} lines. Args: keysDb
// masterKeyB64 backend(sqlite:<path>|postgres:<url>) tenant conversation prefix from to [startAtMs]
import { LocalKek } from '../../src/keys/kek/local.js';
import { Keyring } from '../../src/keys/keyring.js';
import { SqliteKeyStore } from '../../src/keys/store/sqlite.js';
import { MemoryAuditSink } from '../../src/audit/jsonl-sink.js';
import { ConversationVault } from '../../src/vault/conversation/vault.js';
import { SqliteConversationStore } from '../../src/vault/conversation/sqlite.js';
import { PostgresConversationStore } from '../../src/vault/conversation/postgres.js';
import type { ConversationStore } from '../../src/vault/conversation/types.js';

const [keysDb, masterKey, backend, tenant, conversation, prefix, from, to, startAt] = process.argv.slice(2);
const keyring = new Keyring({ store: SqliteKeyStore.open(keysDb!, {}), kek: new LocalKek(new Uint8Array(Buffer.from(masterKey!, 'base64'))), audit: new MemoryAuditSink(), principal: 'worker' });
const store: ConversationStore = backend!.startsWith('sqlite:') ? SqliteConversationStore.open(backend!.slice(7)) : await PostgresConversationStore.open(backend!.slice(9));
const vault = await ConversationVault.open(store, keyring);
if (startAt !== undefined) await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
for (let i = Number(from); i < Number(to); i++) {
  const value = `${prefix}-${i}`;
  const [placeholder] = await vault.place({ tenant: tenant!, conversation: conversation! }, [{ value, entity: 'PERSON' }]);
  process.stdout.write(JSON.stringify({ value, placeholder }) + '\n');
}
await vault.close();
await keyring.close();
