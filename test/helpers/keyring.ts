// A keyring in a temporary folder with an in-memory master key and audit sink, for unit tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryAuditSink } from '../../src/audit/jsonl-sink.js';
import { randomBytes } from '../../src/crypto/random.js';
import { LocalKek } from '../../src/keys/kek/local.js';
import { Keyring } from '../../src/keys/keyring.js';
import { SqliteKeyStore } from '../../src/keys/store/sqlite.js';

export interface TempKeyring {
  readonly keyring: Keyring;
  readonly audit: MemoryAuditSink;
  readonly dir: string;
  readonly masterKey: Uint8Array;
  cleanup(): Promise<void>;
}

const created: string[] = [];
process.on('exit', () => {
  for (const d of created) rmSync(d, { recursive: true, force: true });
});

/** A temporary folder, removed when the test process exits. */
export function tempDir(prefix = 'cordon-test-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  created.push(d);
  return d;
}

export async function tempKeyring(options: { keys?: string[] } = {}): Promise<TempKeyring> {
  const dir = tempDir();
  const masterKey = randomBytes(32);
  const audit = new MemoryAuditSink();
  const keyring = new Keyring({ store: SqliteKeyStore.open(join(dir, 'keys.db'), { create: true }), kek: new LocalKek(new Uint8Array(masterKey)), audit, principal: 'test' });
  for (const k of options.keys ?? ['default']) await keyring.create(k);
  return {
    keyring, audit, dir, masterKey,
    async cleanup() {
      await keyring.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A second keyring over `tk`'s key store that records each getKey/getVersion read, to count what one
 * call costs the store (tests of the vaults' one-read-per-call paths). Close it after use.
 */
export function countingKeyring(tk: TempKeyring): { keyring: Keyring; reads: string[] } {
  const reads: string[] = [];
  const inner = SqliteKeyStore.open(join(tk.dir, 'keys.db'));
  const counted = new Proxy(inner, {
    get(target, name, receiver) {
      const v = Reflect.get(target, name, receiver) as unknown;
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        if (name === 'getKey' || name === 'getVersion') reads.push(name);
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { keyring: new Keyring({ store: counted, kek: new LocalKek(new Uint8Array(tk.masterKey)), audit: new MemoryAuditSink(), principal: 'test' }), reads };
}
