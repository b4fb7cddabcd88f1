// RAG erasure by subject (issue 18 item 3): JSONL records name their subjects, chunks carry the
// subjects' commitments, eraseSubject deletes them from every index and leaves the deleted text in
// no file of the store (a LanceDB delete alone would: checked first, so the test can fail), a
// scope narrows it, and a tombstoned subject's record is not ingested again (counted).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { parseContract } from '../../../src/contracts/parse-contract.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { generateSigningKey } from '../../../src/crypto/signing-keys.js';
import { hashedEmbedder, hashedVector } from '../../../src/rag/embed-hashed.js';
import { ingestDocuments } from '../../../src/rag/ingest.js';
import { LanceChunkStore } from '../../../src/rag/lancedb-store.js';
import type { ChunkPredicate, SubjectTagger } from '../../../src/rag/types.js';

const CONTRACT = `apiVersion: v3.1.0
kind: DataContract
id: notes
version: 1.0.0
status: active
tenant: acme
schema:
  - name: customers
    properties:
      - { name: id, logicalType: string, primaryKey: true, classification: internal }
      - { name: email, logicalType: string, classification: confidential, customProperties: [{ property: cordonEntity, value: EMAIL_ADDRESS }, { property: cordonPurposes, value: [support] }] }
`;
const NO_SUBJECT = CONTRACT.replace('primaryKey: true, ', '');
const ALL: ChunkPredicate = { anyOf: [{ tenant: { kind: 'any-tenant' }, classifications: ['public', 'internal', 'confidential', 'restricted'], purpose: { kind: 'any' } }] };
const key = generateSigningKey('ed25519');
const commit = (id: string): string => Buffer.from(sha256(new TextEncoder().encode(`test-key:${id}`))).toString('hex');
const tagger = (erased: string[] = []): SubjectTagger => ({ scope: 'notes/customers', commit: (ids) => ids.map(commit), erased: new Set(erased.map(commit)) });
const NOTES = [
  { subject: 'cust-1', text: 'Ann asked about the Zephyr plan upgrade.' },
  { subject: 'cust-2', text: 'Bob reported the Nightingale invoice twice; write to bob@example.com.' },
  { subject: ['cust-1', 'cust-3'], text: 'Joint account review for the Quokka household.' },
  { text: 'General note: refunds take five days.' },
].map((r) => JSON.stringify(r)).join('\n') + '\n';
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const walk = (d: string): string[] => readdirSync(d).flatMap((n) => { const p = join(d, n); return statSync(p).isDirectory() ? walk(p) : [p]; });
const filesHolding = (dir: string, needle: string): string[] => walk(dir).filter((f) => readFileSync(f).includes(needle));

describe('rag: erasure by subject', () => {
  let dir: string;
  let store: LanceChunkStore;
  const embedder = hashedEmbedder({ dimensions: 64 });
  const contract = parseContract(CONTRACT);
  const base = { contract, store: undefined as unknown as LanceChunkStore, embedder, signer: { key, keyid: 'k1' } };
  before(async () => { dir = mkdtempSync(join(tmpdir(), 'cordon-rag-erase-')); store = await LanceChunkStore.open(dir); base.store = store; });
  after(async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); });

  it('records commitments per chunk, deletes a subject from every index and from the files', async () => {
    const r = await ingestDocuments([{ name: 'notes.jsonl', bytes: enc(NOTES) }, { name: 'faq.md', bytes: enc('Refunds take five days.\n') }], { ...base, index: 'support', subjects: tagger() });
    assert.equal(r.chunks, 5);
    assert.deepEqual(r.subjects, { chunks: 3, erased: 0 });
    assert.equal(r.redacted.EMAIL_ADDRESS, 1, 'record text is redacted as any document');
    await ingestDocuments([{ name: 'more.jsonl', bytes: enc(JSON.stringify({ subject: 'cust-2', text: 'Nightingale follow-up call booked.' }) + '\n') }], { ...base, index: 'crm', subjects: tagger() });
    const hits = await store.search('support', hashedVector('Nightingale invoice', 64), ALL, 10);
    const bob = hits.find((h) => h.chunk.text.includes('Nightingale'))!;
    assert.equal(bob.chunk.source, 'notes.jsonl#2');
    assert.equal(bob.chunk.text.includes('bob@example.com'), false);
    assert.ok(filesHolding(dir, 'Nightingale').length >= 2, 'before: both indexes hold the text');
    assert.equal(filesHolding(dir, 'cust-2').length, 0, 'the id is stored nowhere, only its commitment');

    assert.deepEqual(await store.eraseSubject(commit('cust-2'), 'other/scope'), [
      { index: 'crm', chunksDeleted: 0, unlabelled: 0 }, { index: 'support', chunksDeleted: 0, unlabelled: 2 },
    ], 'another scope: nothing');
    const e = await store.eraseSubject(commit('cust-2'), undefined);
    assert.deepEqual(e, [{ index: 'crm', chunksDeleted: 1, unlabelled: 0 }, { index: 'support', chunksDeleted: 1, unlabelled: 2 }]);
    assert.deepEqual(filesHolding(dir, 'Nightingale'), [], 'the deleted text is in no file of the store');
    const left = (await store.search('support', hashedVector('plan', 64), ALL, 10)).map((h) => h.chunk.source).sort();
    assert.deepEqual(left, ['faq.md', 'notes.jsonl#1', 'notes.jsonl#3', 'notes.jsonl#4'], 'the other chunks stay and are searchable');
    assert.deepEqual((await store.search('crm', hashedVector('follow-up', 64), ALL, 10)), []);
    // A chunk naming two subjects goes with either.
    const c3 = await store.eraseSubject(commit('cust-3'), 'notes/customers');
    assert.equal(c3.find((i) => i.index === 'support')!.chunksDeleted, 1);
    assert.deepEqual(filesHolding(dir, 'Quokka'), []);
  });

  it('a tombstoned subject\'s records are not ingested again, and are counted', async () => {
    const r = await ingestDocuments([{ name: 'notes.jsonl', bytes: enc(NOTES) }], { ...base, index: 'support', subjects: tagger(['cust-2', 'cust-3']) });
    assert.deepEqual(r.subjects, { chunks: 1, erased: 2 });
    assert.equal(r.chunks, 2);
    assert.deepEqual(filesHolding(dir, 'Nightingale'), []);
    assert.deepEqual(filesHolding(dir, 'Quokka'), []);
  });

  it('refuses records that name a subject when the contract declares none, and malformed records', async () => {
    await assert.rejects(ingestDocuments([{ name: 'n.jsonl', bytes: enc(NOTES) }], { ...base, contract: parseContract(NO_SUBJECT), index: 'x1' }), { code: 'ERR_CONTRACT_INVALID' });
    for (const bad of ['{"subject": "a"}', 'not json', '{"text": "t", "subject": 7}', '{"text": "t", "subject": ""}']) {
      await assert.rejects(ingestDocuments([{ name: 'n.jsonl', bytes: enc(bad + '\n') }], { ...base, index: 'x2', subjects: tagger() }), { code: 'ERR_INPUT_INVALID' }, bad);
    }
  });

  it('an index made before subjects were recorded gets the columns on the next ingest; its old chunks are counted unlabelled', async () => {
    const d = mkdtempSync(join(tmpdir(), 'cordon-rag-old-'));
    try {
      const s1 = await LanceChunkStore.open(d);
      await ingestDocuments([{ name: 'faq.md', bytes: enc('Old handbook text.\n') }], { ...base, store: s1, index: 'kb' });
      await s1.close();
      // Drop the subject columns, as a table written by an earlier build lacks them.
      const db = await lancedb.connect(d);
      const t = await db.openTable('kb');
      await t.dropColumns(['subjects', 'subject_scope']);
      t.close();
      db.close();
      const s2 = await LanceChunkStore.open(d);
      try {
        assert.deepEqual(await s2.eraseSubject(commit('cust-2'), undefined), [{ index: 'kb', chunksDeleted: 0, unlabelled: 1 }]);
        await ingestDocuments([{ name: 'n.jsonl', bytes: enc(NOTES) }], { ...base, store: s2, index: 'kb', subjects: tagger() });
        assert.deepEqual(await s2.eraseSubject(commit('cust-2'), undefined), [{ index: 'kb', chunksDeleted: 1, unlabelled: 2 }]);
        assert.deepEqual(filesHolding(d, 'Nightingale'), []);
      } finally {
        await s2.close();
      }
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
