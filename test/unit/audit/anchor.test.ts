// The audit anchor (issue 12): the newest checkpoint kept outside the audit store, MAC'd under a
// key the store never holds. Sealing and opening (any change refused); the log checks a checkpoint
// against it and moves it only forward; verification fails on a missing, forged or foreign anchor,
// a log shorter than it or with another root at its size, and deleted checkpoints — and accepts
// events past the newest checkpoint (the unsigned tail).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../../helpers/keyring.js';
import { keptAnchor } from '../../../src/audit/anchor/kept.js';
import { openAnchor, sealAnchor } from '../../../src/audit/anchor/record.js';
import { SqliteAnchorStore } from '../../../src/audit/anchor/sqlite.js';
import { MerkleAuditLog } from '../../../src/audit/log.js';
import { auditEvent } from '../../../src/audit/make-event.js';
import { EMPTY_ROOT, leafHash } from '../../../src/audit/merkle/hash.js';
import { TreeBuilder } from '../../../src/audit/merkle/tree.js';
import { ed25519NoteSigner, noteKeyId } from '../../../src/audit/signed-note.js';
import { SqliteAuditStore } from '../../../src/audit/store/sqlite.js';
import { verifyAuditLog } from '../../../src/audit/verify-log.js';
import { ed25519Generate } from '../../../src/crypto/ed25519.js';
import { randomBytes } from '../../../src/crypto/random.js';
import { CordonError, isCordonError } from '../../../src/errors.js';

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return e instanceof CordonError ? e.code : `not a CordonError: ${String(e)}`;
  }
  return 'no error';
};
const ev = (i: number) => auditEvent({ type: 'file.decrypt', outcome: 'success', principal: 'tester', attributes: { n: i } });

describe('anchor record', () => {
  const key = randomBytes(32);
  const anchor = { origin: 'cordon.local/audit/00112233aabbccdd', size: 42, rootHash: new Uint8Array(32).fill(7) };

  it('round-trips, and any change to a field, the MAC or the key is refused', () => {
    const text = sealAnchor(anchor, key);
    assert.deepEqual(openAnchor(text, key), anchor);
    const o = JSON.parse(text);
    for (const [name, change] of [
      ['size', (x: Record<string, unknown>) => { x['size'] = 43; }],
      ['size down', (x: Record<string, unknown>) => { x['size'] = 0; }],
      ['origin', (x: Record<string, unknown>) => { x['origin'] = 'cordon.local/audit/ffffffffffffffff'; }],
      ['root', (x: Record<string, unknown>) => { x['root'] = Buffer.alloc(32, 8).toString('base64'); }],
      ['mac', (x: Record<string, unknown>) => { x['mac'] = Buffer.alloc(32).toString('base64'); }],
      ['version', (x: Record<string, unknown>) => { x['v'] = 2; }],
      ['size type', (x: Record<string, unknown>) => { x['size'] = '42'; }],
    ] as const) {
      const copy = { ...o };
      change(copy);
      assert.equal(code(() => openAnchor(JSON.stringify(copy), key)), 'ERR_AUDIT_CHAIN_BROKEN', name);
    }
    assert.equal(code(() => openAnchor(text, randomBytes(32))), 'ERR_AUDIT_CHAIN_BROKEN', 'another key');
    for (const bad of ['', 'null', '[]', '{', 'x'.repeat(10_000)]) assert.equal(code(() => openAnchor(bad, key)), 'ERR_AUDIT_CHAIN_BROKEN', JSON.stringify(bad.slice(0, 10)));
  });
});

/** A log in audit.db with its anchor in keys.db, as a local workspace has them. */
function setup() {
  const dir = tempDir('cordon-anchor-');
  new Database(join(dir, 'keys.db')).close();
  const kp = ed25519Generate();
  const key = randomBytes(32);
  const open = () => {
    const anchor = keptAnchor(SqliteAnchorStore.open(join(dir, 'keys.db')), async () => key);
    const store = SqliteAuditStore.open(join(dir, 'audit.db'));
    const log = new MerkleAuditLog(store, { signer: async (o) => ed25519NoteSigner(o, kp.seed, kp.publicKey), anchor, checkpointEvery: 0 });
    return { log, store, anchor };
  };
  const verifier = (origin: string) => ({ name: origin, keyId: noteKeyId(origin, kp.publicKey), publicKey: kp.publicKey });
  const verify = async (h: ReturnType<typeof open>, witnessed: { source: string; note: string }[] = []) => {
    const origin = await h.log.origin();
    const anchor = await h.anchor.state();
    return verifyAuditLog(h.store, { verifiers: [verifier(origin)], origin, anchor, witnessed });
  };
  const sql = (statements: string) => {
    const db = new Database(join(dir, 'audit.db'));
    db.exec(statements);
    db.close();
  };
  const signer = async (o: string) => ed25519NoteSigner(o, kp.seed, kp.publicKey);
  return { dir, key, open, verify, sql, signer, verifier };
}

/** A log of 8 events with a checkpoint at 5 (anchored) and a tail of 3. */
async function anchoredLog() {
  const t = setup();
  const h = t.open();
  await h.anchor.advance({ origin: await h.log.origin(), size: 0, rootHash: EMPTY_ROOT });
  await h.log.appendMany([0, 1, 2, 3, 4].map(ev));
  await h.log.checkpoint();
  await h.log.appendMany([5, 6, 7].map(ev));
  return { t, h };
}

const verifierOf = (t: ReturnType<typeof setup>, origin: string) => t.verifier(origin);
const kinds = (r: { problems: readonly { kind: string }[] }) => r.problems.map((p) => p.kind).sort();

describe('anchored log', () => {
  it('a stored checkpoint counts only when it verifies: with no trusted key, the anchor finds none', async () => {
    const { h } = await anchoredLog();
    try {
      const st = await h.anchor.state();
      assert.ok(st.kind === 'anchored' && st.anchor.size === 5);
      const r = await verifyAuditLog(h.store, { verifiers: [], anchor: st });
      assert.deepEqual(kinds(r), ['checkpoint-missing', 'checkpoint-signature']);
    } finally {
      await h.log.close();
    }
  });

  it('verify: tail accepted; missing, forged, foreign anchor and deleted checkpoints refused', async () => {
    const { t, h } = await anchoredLog();
    try {
      const ok = await t.verify(h);
      assert.deepEqual(ok.problems, []);
      assert.equal(ok.anchoredSize, 5);
      assert.equal(ok.signedSize, 5);
      assert.equal(ok.size, 8, 'three events past the newest checkpoint are the normal tail');

      t.sql('DELETE FROM audit_checkpoints');
      const deleted = await t.verify(h);
      assert.deepEqual(kinds(deleted), ['checkpoint-missing']);
      assert.equal(deleted.ok, false);

      const db = new Database(join(t.dir, 'keys.db'));
      const row = db.prepare('SELECT record FROM audit_anchor').get() as { record: string };
      db.prepare('UPDATE audit_anchor SET record = ?').run(row.record.replace('"size":5', '"size":4'));
      assert.deepEqual(kinds(await t.verify(h)), ['anchor-invalid'], 'record altered');
      db.prepare('UPDATE audit_anchor SET record = ?, size = 4').run(row.record.replace('"size":5', '"size":4'));
      assert.deepEqual(kinds(await t.verify(h)), ['anchor-invalid'], 'record and size column altered');
      db.prepare('UPDATE audit_anchor SET record = ?, size = 5').run(sealAnchor({ origin: 'cordon.local/audit/0000000000000000', size: 5, rootHash: EMPTY_ROOT }, t.key));
      assert.deepEqual(kinds(await t.verify(h)), ['anchor-invalid'], 'another log\'s anchor');
      db.prepare('DELETE FROM audit_anchor').run();
      db.close();
      assert.deepEqual(kinds(await t.verify(h)), ['anchor-missing']);
    } finally {
      await h.log.close();
    }
  });

  it('regression: checkpoints deleted, then an event edited with every stored hash rewritten — caught by the anchor', async () => {
    const { t, h } = await anchoredLog();
    await h.log.close();
    const db = new Database(join(t.dir, 'audit.db'));
    const rows = db.prepare('SELECT idx, entry, leaf FROM audit_entries ORDER BY idx').all() as { idx: number; entry: Buffer; leaf: Buffer }[];
    const edited = Buffer.from(rows[2]!.entry.toString().replace('"outcome":"success"', '"outcome":"failure"'));
    db.transaction(() => {
      db.prepare('DELETE FROM audit_checkpoints').run();
      db.prepare('UPDATE audit_entries SET entry = ?, leaf = ? WHERE idx = 2').run(edited, Buffer.from(leafHash(edited)));
      db.prepare('DELETE FROM audit_nodes').run();
      const b = new TreeBuilder();
      const ins = db.prepare('INSERT INTO audit_nodes (level, idx, hash) VALUES (?, ?, ?)');
      rows.forEach((r, i) => b.push(i === 2 ? leafHash(edited) : new Uint8Array(r.leaf), (l, j, hash) => void ins.run(l, j, hash)));
    })();
    db.close();
    const h2 = t.open();
    try {
      const r = await t.verify(h2);
      assert.equal(r.ok, false);
      assert.ok(kinds(r).includes('checkpoint-root'), kinds(r).join());
      assert.equal(r.firstBadIndex, 0);
      // And the log refuses to sign the edited log (the anchor would otherwise move onto it).
      await assert.rejects(h2.log.checkpoint(), (e) => isCordonError(e, 'ERR_AUDIT_CHAIN_BROKEN'));
      assert.equal((await h2.anchor.state()).kind === 'anchored' && (await h2.anchor.recordedSize()), 5);
    } finally {
      await h2.log.close();
    }
  });

  it('regression: a log cut back below the anchor fails verify and is never signed again', async () => {
    const { t, h } = await anchoredLog();
    await h.log.close();
    t.sql('DELETE FROM audit_entries WHERE idx >= 3; DELETE FROM audit_checkpoints');
    const h2 = t.open();
    try {
      const r = await t.verify(h2);
      assert.deepEqual(kinds(r), ['log-truncated']);
      assert.equal(r.firstBadIndex, 3);
      await assert.rejects(h2.log.checkpoint(), (e) => isCordonError(e, 'ERR_AUDIT_CHAIN_BROKEN') && e.details?.['firstBadIndex'] === 3);
    } finally {
      await h2.log.close();
    }
  });

  it('an emptied log is refused when opened (ERR_AUDIT_LOG_MISSING), a missing audit.db too unless created', async () => {
    const { t, h } = await anchoredLog();
    await h.log.close();
    t.sql('DELETE FROM audit_entries; DELETE FROM audit_nodes; DELETE FROM audit_checkpoints');
    const h2 = t.open();
    try {
      await assert.rejects(h2.log.checkNotLost(), (e) => isCordonError(e, 'ERR_AUDIT_LOG_MISSING'));
    } finally {
      await h2.log.close();
    }
    assert.equal(code(() => SqliteAuditStore.open(join(t.dir, 'gone.db'), { create: false })), 'ERR_AUDIT_LOG_MISSING');
  });

  it('the log refuses to sign without an anchor, and the anchor only moves forward', async () => {
    const t = setup();
    const h = t.open();
    try {
      await h.log.appendMany([0, 1].map(ev));
      await assert.rejects(h.log.checkpoint(), (e) => isCordonError(e, 'ERR_AUDIT_CHAIN_BROKEN'));
      assert.deepEqual(await h.store.checkpoints(), [], 'nothing signed');
      const origin = await h.log.origin();
      await h.anchor.advance({ origin, size: 0, rootHash: EMPTY_ROOT });
      await h.log.checkpoint();
      assert.equal(await h.anchor.recordedSize(), 2);
      // An older checkpoint never moves it back.
      await h.anchor.advance({ origin, size: 1, rootHash: (await h.log.root(1)).rootHash });
      await h.anchor.advance({ origin, size: 0, rootHash: EMPTY_ROOT });
      assert.equal(await h.anchor.recordedSize(), 2);
      const st = await h.anchor.state();
      assert.ok(st.kind === 'anchored' && st.anchor.size === 2);
    } finally {
      await h.log.close();
    }
  });

  it('a checkpoint kept elsewhere is checked too: signature, origin, size and root', async () => {
    const { t, h } = await anchoredLog();
    try {
      const kept = (await h.log.checkpoint()).note;
      assert.deepEqual((await t.verify(h, [{ source: 'kept', note: kept }])).problems, []);
      const forged = kept.replace(/\n8\n/, '\n9\n');
      assert.deepEqual(kinds(await t.verify(h, [{ source: 'kept', note: forged }])), ['checkpoint-signature']);
      // Cut back together with its checkpoints and with the anchor rolled back: only the kept copy knows.
      await h.log.close();
      t.sql('DELETE FROM audit_entries WHERE idx >= 6; DELETE FROM audit_checkpoints WHERE size > 5');
      const h2 = t.open();
      try {
        const db = new Database(join(t.dir, 'keys.db'));
        db.prepare('UPDATE audit_anchor SET size = 5, record = ?').run(sealAnchor({ origin: await h2.log.origin(), size: 5, rootHash: (await h2.log.root(5)).rootHash }, t.key));
        db.close();
        assert.deepEqual((await t.verify(h2)).problems, [], 'the rollback is invisible on the machine');
        const r = await t.verify(h2, [{ source: 'kept', note: kept }]);
        assert.deepEqual(kinds(r), ['log-truncated']);
        assert.equal(r.firstBadIndex, 6);
      } finally {
        await h2.log.close();
      }
    } finally {
      await h.log.close();
    }
  });
  it('adopt: a log without an anchor is anchored only after it verifies against its own checkpoints', async () => {
    const t = setup();
    const h = t.open();
    try {
      const origin = await h.log.origin();
      await h.log.appendMany([0, 1, 2].map(ev));
      // Events, no checkpoint: nothing to adopt against.
      const trusted = (await t.verify(h)).problems;
      assert.deepEqual(trusted.map((p) => p.kind), ['anchor-missing']);
      const verifier = verifierOf(t, origin);
      await assert.rejects(h.log.adoptAnchor(verifier), (e) => isCordonError(e, 'ERR_AUDIT_CHAIN_BROKEN'));
      // A checkpoint signed before anchors existed (stored directly, as an older Cordon did).
      await new MerkleAuditLog(h.store, { signer: t.signer }).checkpoint();
      await h.log.appendMany([3].map(ev));
      const report = await h.log.adoptAnchor(verifier);
      assert.equal(report.signedSize, 3);
      assert.equal(await h.anchor.recordedSize(), 3);
      assert.deepEqual((await t.verify(h)).problems, []);
      await assert.rejects(h.log.adoptAnchor(verifier), (e) => isCordonError(e, 'ERR_INPUT_INVALID'), 'already anchored');
    } finally {
      await h.log.close();
    }
  });

  it('adopt refuses a log that fails verification', async () => {
    const t = setup();
    const h = t.open();
    await new MerkleAuditLog(h.store, { signer: t.signer }).appendMany([0, 1, 2, 3].map(ev));
    await new MerkleAuditLog(h.store, { signer: t.signer }).checkpoint();
    await h.log.close();
    t.sql("UPDATE audit_entries SET entry = CAST(replace(CAST(entry AS TEXT), 'success', 'failure') AS BLOB) WHERE idx = 1");
    const h2 = t.open();
    try {
      await assert.rejects(h2.log.adoptAnchor(verifierOf(t, await h2.log.origin())), (e) => isCordonError(e, 'ERR_AUDIT_CHAIN_BROKEN'));
      assert.equal((await h2.anchor.state()).kind, 'missing');
    } finally {
      await h2.log.close();
    }
  });
  it('a long-running log also signs (and anchors) at the first append after checkpointAfterMs', async () => {
    const t = setup();
    const h = t.open();
    const log = new MerkleAuditLog(h.store, { signer: t.signer, anchor: h.anchor, checkpointEvery: 1000, checkpointAfterMs: 5 });
    try {
      await h.anchor.advance({ origin: await log.origin(), size: 0, rootHash: EMPTY_ROOT });
      await log.appendMany([0, 1].map(ev));
      // A checkpoint of 2 may start in the background (the first append can itself come 5 ms after
      // the log opened, on a loaded machine); let it finish before the pause, or its end would
      // restart the clock just before the third append.
      await log.flush();
      await new Promise((r) => setTimeout(r, 20));
      await log.appendMany([2].map(ev));
      await log.flush();
      assert.ok((await h.store.checkpoints()).some((c) => c.size === 3), 'a checkpoint of 3 events, far below checkpointEvery');
      assert.equal(await h.anchor.recordedSize(), 3);
    } finally {
      await h.store.close();
      await h.anchor.close();
    }
  });
});
