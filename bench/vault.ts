// `npm run bench:vault [-- --values N --batch B]`: new tokens per second into the SQLite vault (and
// into PostgreSQL when CORDON_TEST_PG_URL is set), then detokenize and repeat-tokenize rates.
// Every value is new on the first pass: the expensive path (seal, MAC, insert).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryAuditSink } from '../src/audit/jsonl-sink.js';
import { randomBytes } from '../src/crypto/random.js';
import { LocalKek } from '../src/keys/kek/local.js';
import { Keyring } from '../src/keys/keyring.js';
import { SqliteKeyStore } from '../src/keys/store/sqlite.js';
import { TokenVault } from '../src/vault/vault.js';
import { SqliteVaultStore } from '../src/vault/store/sqlite.js';
import { PostgresVaultStore } from '../src/vault/store/postgres.js';
import type { VaultStore } from '../src/vault/types.js';

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const N = arg('--values', 200_000);
const BATCH = arg('--batch', 1000);

async function run(name: string, store: VaultStore, keyring: Keyring): Promise<void> {
  const vault = await TokenVault.open(store, keyring);
  const ns = `bench.${Date.now()}`;
  const values = Array.from({ length: N }, (_, i) => `customer-${i}@example.com`);
  const rate = async (label: string, f: (batch: string[]) => Promise<unknown>, input: string[]) => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < input.length; i += BATCH) await f(input.slice(i, i + BATCH));
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    console.log(`${name.padEnd(9)} ${label.padEnd(22)} ${input.length} in ${s.toFixed(2)} s → ${Math.round(input.length / s).toLocaleString('en-US')}/s`);
  };
  const tokens: string[] = [];
  await rate('tokenize (new)', async (b) => tokens.push(...(await vault.tokenize(ns, b))), values);
  await rate('tokenize (known)', (b) => vault.tokenize(ns, b), values);
  await rate('detokenize', (b) => vault.detokenize(ns, b), tokens);
  await vault.close();
}

const dir = mkdtempSync(join(tmpdir(), 'cordon-bench-vault-'));
try {
  const keyring = new Keyring({ store: SqliteKeyStore.open(join(dir, 'keys.db'), { create: true }), kek: new LocalKek(randomBytes(32)), audit: new MemoryAuditSink(), principal: 'bench' });
  console.log(`bench:vault — ${N} values, batches of ${BATCH}, one process`);
  await run('sqlite', SqliteVaultStore.open(join(dir, 'vault.db')), keyring);
  const url = process.env['CORDON_TEST_PG_URL'];
  if (url !== undefined) await run('postgres', await PostgresVaultStore.open(url), keyring);
  else console.log('postgres  skipped: set CORDON_TEST_PG_URL=postgres://… to include it');
  await keyring.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
