// RAG chunk provenance covers the subject labels a chunk stores (issue 18 item 7 loose end): the
// keyed commitments and their scope are in the signed statement, so a label moved to another chunk,
// taken off one or re-scoped in the vector store fails verification (retrieval drops the chunk), as
// an edited classification does. v1 envelopes, signed before labels were covered, verify only for a
// chunk without a label.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { parseContract } from '../../../src/contracts/parse-contract.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { generateSigningKey, signMessage } from '../../../src/crypto/signing-keys.js';
import { pae } from '../../../src/sign/dsse.js';
import { hashedEmbedder, hashedVector } from '../../../src/rag/embed-hashed.js';
import { ingestDocuments } from '../../../src/rag/ingest.js';
import { LanceChunkStore } from '../../../src/rag/lancedb-store.js';
import { PROVENANCE_PAYLOAD_TYPE_V1, verifyProvenance } from '../../../src/rag/sign-provenance.js';
import type { ChunkHit, ChunkPredicate, SubjectTagger } from '../../../src/rag/types.js';

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
const ALL: ChunkPredicate = { anyOf: [{ tenant: { kind: 'any-tenant' }, classifications: ['public', 'internal', 'confidential', 'restricted'], purpose: { kind: 'any' } }] };
const key = generateSigningKey('ed25519');
const commit = (id: string): string => Buffer.from(sha256(new TextEncoder().encode(`test-key:${id}`))).toString('hex');
const tagger: SubjectTagger = { scope: 'notes/customers', commit: (ids) => ids.map(commit), erased: new Set() };
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const NOTES = [
  { subject: 'cust-1', text: 'Ann asked about the Zephyr plan upgrade.' },
  { subject: 'cust-2', text: 'Bob reported the Nightingale invoice twice.' },
  { text: 'General note: refunds take five days.' },
].map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('rag: provenance signs the subject labels', () => {
  let dir: string;
  let store: LanceChunkStore;
  const embedder = hashedEmbedder({ dimensions: 64 });
  const all = async (): Promise<ChunkHit[]> => store.search('kb', hashedVector('note', 64), ALL, 10);
  const bySource = async (source: string) => (await all()).find((h) => h.chunk.source === source)!.chunk;
  const edit = async (id: string, valuesSql: Record<string, string>) => {
    const db = await lancedb.connect(dir);
    const t = await db.openTable('kb');
    await t.update({ where: `id = '${id}'`, valuesSql });
    t.close();
    db.close();
  };
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cordon-rag-prov-'));
    store = await LanceChunkStore.open(dir);
    await ingestDocuments([{ name: 'notes.jsonl', bytes: enc(NOTES) }], { contract: parseContract(CONTRACT), store, embedder, signer: { key, keyid: 'k1' }, index: 'kb', subjects: tagger });
  });
  after(async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); });

  it('labelled and unlabelled chunks read back from the store verify', async () => {
    const hits = await all();
    assert.equal(hits.length, 3);
    for (const h of hits) assert.ok(verifyProvenance(h.chunk, 'kb', key.publicKey), h.chunk.source);
    const ann = await bySource('notes.jsonl#1');
    assert.deepEqual(ann.subjects, [commit('cust-1')]);
    assert.equal(ann.subjectScope, 'notes/customers');
    // In memory first, so each edit below is known to be what fails.
    assert.equal(verifyProvenance({ ...ann, subjects: [commit('cust-2')] }, 'kb', key.publicKey), false, 'another subject');
    assert.equal(verifyProvenance({ ...ann, subjects: [] }, 'kb', key.publicKey), false, 'label taken off');
    assert.equal(verifyProvenance({ ...ann, subjectScope: 'other/scope' }, 'kb', key.publicKey), false, 'another scope');
    const general = await bySource('notes.jsonl#3');
    assert.equal(verifyProvenance({ ...general, subjects: [commit('cust-1')], subjectScope: 'notes/customers' }, 'kb', key.publicKey), false, 'label put on');
  });

  it('a subject label moved to another chunk in the store fails verification', async () => {
    const ann = await bySource('notes.jsonl#1');
    const bob = await bySource('notes.jsonl#2');
    // Bob's label moved onto Ann's chunk, and Bob's chunk left without one: an erasure of Bob would miss his chunk.
    await edit(ann.id, { subjects: `make_array('${commit('cust-2')}')` });
    await edit(bob.id, { subjects: "arrow_cast(NULL, 'List(Utf8)')", subject_scope: "arrow_cast(NULL, 'Utf8')" });
    const moved = await bySource('notes.jsonl#1');
    assert.deepEqual(moved.subjects, [commit('cust-2')], 'the edit reached the store');
    assert.equal(verifyProvenance(moved, 'kb', key.publicKey), false);
    const bare = await bySource('notes.jsonl#2');
    assert.equal(bare.subjects, undefined);
    assert.equal(verifyProvenance(bare, 'kb', key.publicKey), false);
    assert.ok(verifyProvenance(await bySource('notes.jsonl#3'), 'kb', key.publicKey), 'an untouched chunk still verifies');
  });

  it('a v1 envelope verifies only for a chunk without a subject label', async () => {
    const general = await bySource('notes.jsonl#3');
    const v1 = (c: typeof general): string => {
      const payload = enc(JSON.stringify({
        index: 'kb', id: c.id, source: c.source, sourceSha256: c.sourceSha256, start: c.start, end: c.end,
        tenant: c.tenant ?? null, classification: c.classification, allowedPurposes: c.allowedPurposes, entities: c.entities,
        textSha256: Buffer.from(sha256(enc(c.text))).toString('hex'),
      }));
      const sig = signMessage(key, pae(PROVENANCE_PAYLOAD_TYPE_V1, payload));
      return JSON.stringify({ payload: Buffer.from(payload).toString('base64'), payloadType: PROVENANCE_PAYLOAD_TYPE_V1, signatures: [{ keyid: 'k1', sig: Buffer.from(sig).toString('base64') }] });
    };
    assert.ok(verifyProvenance({ ...general, provenance: v1(general) }, 'kb', key.publicKey));
    const labelled = { ...general, subjects: [commit('cust-1')], subjectScope: 'notes/customers' };
    assert.equal(verifyProvenance({ ...labelled, provenance: v1(labelled) }, 'kb', key.publicKey), false);
  });
});
