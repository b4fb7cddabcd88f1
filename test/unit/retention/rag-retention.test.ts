// Issue 18 gap 1: RAG retention. Chunks record when they were stored (ingested_at; an index made by
// an earlier build gets the column on its next ingest, its old chunks without a time). Retention
// deletes the chunks stored before the cut-off from the indexes ingested under a contract with a
// retention, rewrites the index so their text is in no file of the store (checked before: the text
// is there), keeps the newer chunks, counts them in the plan (dry run, nothing changed), the journal,
// the receipt's rag tier and the audit event, and lists what it cannot age: an index also ingested
// under a contract without a retention, and chunks without an ingest time. SQLite and PostgreSQL
// (the journal's store); the chunk store is LanceDB files.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { tempDir, tempKeyring } from '../../helpers/keyring.js';
import { retentionBackends } from '../../helpers/retention-stores.js';
import { TokenVault } from '../../../src/vault/vault.js';
import { parseContract } from '../../../src/contracts/parse-contract.js';
import { planRetention } from '../../../src/retention/plan-retention.js';
import { applyRetention } from '../../../src/retention/apply-retention.js';
import { retentionReceiptOf, signRetentionReceipt, verifyRetentionReceipt } from '../../../src/retention/receipt.js';
import { generateSigningKey } from '../../../src/crypto/signing-keys.js';
import { hashedEmbedder } from '../../../src/rag/embed-hashed.js';
import { ingestDocuments } from '../../../src/rag/ingest.js';
import { LanceChunkStore } from '../../../src/rag/lancedb-store.js';
import type { AuditEvent } from '../../../src/audit/event.js';

const contract = (id: string, retention?: string) => parseContract(`apiVersion: v3.1.0
kind: DataContract
id: ${id}
version: 1.0.0
status: active
schema:
  - name: notes
${retention !== undefined ? `    customProperties: [{ property: cordonRetention, value: ${retention} }]\n` : ''}    properties:
      - { name: id, logicalType: string, primaryKey: true, classification: internal }
      - { name: body, logicalType: string, classification: confidential }
`);
const SHORT = contract('short-notes', 'P1D');
const FOREVER = contract('forever-notes');
const DAY = 86_400_000;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const walk = (d: string): string[] => readdirSync(d).flatMap((n) => { const p = join(d, n); return statSync(p).isDirectory() ? walk(p) : [p]; });
const filesHolding = (dir: string, needle: string): string[] => walk(dir).filter((f) => readFileSync(f).includes(needle));

const { schemas, backends: BACKENDS } = retentionBackends('cordon_rag_retention');

describe('retention: RAG chunks (issue 18 gap 1)', () => {
  after(() => schemas.dropAll());
  for (const [name, open, skip] of BACKENDS) it(`${name}: chunks stored before the cut-off leave the index and its files; newer ones stay; what cannot be aged is listed`, skip, async () => {
    const k = await tempKeyring();
    const dir = tempDir();
    const ragDir = join(dir, 'rag');
    const stores = await open(dir);
    const vault = await TokenVault.open(stores.vault, k.keyring);
    const index = stores.index;
    let store = await LanceChunkStore.open(ragDir);
    const base = { embedder: hashedEmbedder({ dimensions: 32 }), signer: { key: generateSigningKey('ed25519'), keyid: 'k1' } };
    try {
      // An index made by an earlier build: its chunk keeps no ingest time.
      await ingestDocuments([{ name: 'legacy.md', bytes: enc('legacy marmoset memo.\n') }], { ...base, store, contract: SHORT, index: 'legacy' });
      await store.close();
      const db = await lancedb.connect(ragDir);
      const t = await db.openTable('legacy');
      await t.dropColumns(['ingested_at']);
      t.close();
      db.close();
      store = await LanceChunkStore.open(ragDir);
      await ingestDocuments([{ name: 'old.md', bytes: enc('old pangolin complaint.\n') }], { ...base, store, contract: SHORT, index: 'kb' });
      await ingestDocuments([{ name: 'mixed-old.md', bytes: enc('old axolotl ledger note.\n') }], { ...base, store, contract: SHORT, index: 'mixed' });
      await ingestDocuments([{ name: 'mixed-kept.md', bytes: enc('axolotl ledger kept for ever.\n') }], { ...base, store, contract: FOREVER, index: 'mixed' });
      await pause(30);
      const cut = Date.now();
      await pause(30);
      // Chunks are redacted before they are stored: the marker words are ones no recognizer reads as an
      // entity ("quetzal" became a given name when the name lists grew).
      await ingestDocuments([{ name: 'new.md', bytes: enc('new walrus request.\n') }], { ...base, store, contract: SHORT, index: 'kb' });
      // The legacy index gets the column on its next ingest; its old chunk stays without a time.
      await ingestDocuments([{ name: 'legacy-new.md', bytes: enc('Fresh legacy note.\n') }], { ...base, store, contract: SHORT, index: 'legacy' });
      const now = cut + DAY;
      const deps = { index, vault, keyring: k.keyring, ragDir, rag: store };

      const plan = await planRetention([SHORT, FOREVER], now, deps);
      assert.deepEqual(plan.rag, [{ index: 'kb', cutoff: new Date(cut).toISOString(), chunks: 1 }]);
      const rag = plan.unreachable.filter((u) => u.tier === 'rag');
      assert.ok(rag.some((u) => u.path === 'mixed' && /not aged: also ingested under contract forever-notes, whose dataset notes has no retention/.test(u.why)), JSON.stringify(rag));
      assert.ok(rag.some((u) => u.path === 'legacy' && /1 chunk\(s\) keep no ingest time/.test(u.why)), JSON.stringify(rag));
      assert.ok(filesHolding(ragDir, 'pangolin').length > 0, 'before: the old text is in the store\'s files');
      assert.ok(filesHolding(ragDir, 'pangolin').length > 0, 'the dry run changes nothing');

      const events: AuditEvent[] = [];
      const done = await applyRetention({ contracts: [SHORT, FOREVER], now, principal: 'ops' }, { ...deps, audit: { async append(e) { events.push(e); return events.length - 1; } } });
      assert.equal(done.rag?.deleted, 1);
      assert.deepEqual(filesHolding(ragDir, 'pangolin'), [], 'the deleted text is in no file of the store');
      assert.ok(filesHolding(ragDir, 'walrus').length > 0, 'the newer chunk stays');
      assert.ok(filesHolding(ragDir, 'axolotl ledger note').length > 0, 'an index also ingested under a contract without a retention is not aged');
      assert.ok(filesHolding(ragDir, 'marmoset').length > 0, 'a chunk without an ingest time is not aged');
      assert.deepEqual(await store.ingestedBefore('kb', cut), { chunks: 0, undated: 0 });
      assert.deepEqual(await store.ingestedBefore('kb', now), { chunks: 1, undated: 0 }, 'the newer chunk is still in the index');
      assert.equal(events.find((e) => e.type === 'retention.apply')?.attributes?.['ragChunksDeleted'], 1);
      const signer = generateSigningKey('ed25519');
      const receipt = verifyRetentionReceipt(signRetentionReceipt(retentionReceiptOf(done, signer.publicKey), signer), signer.publicKey);
      assert.equal(receipt.tiers.rag.chunksDeleted, 1);
      assert.deepEqual(receipt.tiers.rag.indexes.map((i) => [i.index, i.planned, i.deleted]), [['kb', 1, 1]]);
      // Given only the short contract, the mixed index is not aged either: a contract not given may need longer.
      const narrow = await planRetention([SHORT], now, deps);
      assert.ok(narrow.unreachable.some((u) => u.path === 'mixed' && /which this run was not given/.test(u.why)), JSON.stringify(narrow.unreachable));
    } finally {
      await store.close();
      await vault.close();
      await index.close();
      await k.cleanup();
    }
  });
});
