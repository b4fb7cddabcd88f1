// Issue 18 item 7 (leftover): `cordon consent import` is one audit event per import, with its
// counts, not one per line; an import that stops part-way still writes its event (failure, the
// counts applied so far), and no event holds a subject id or a subject commitment.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tempKeyring, type TempKeyring } from '../../helpers/keyring.js';
import { SqliteConsentStore } from '../../../src/consent/store/sqlite.js';
import type { ConsentStore } from '../../../src/consent/store/types.js';
import { parseConsentImport } from '../../../src/consent/import-consent.js';
import { applyConsentImport } from '../../../src/consent/apply-import.js';
import { CordonError } from '../../../src/errors.js';
import type { AuditEvent } from '../../../src/audit/event.js';

const CSV = 'subject,purpose,action,at\nsubj-a,analytics,grant,2026-01-01\nsubj-b,analytics,grant,2026-01-01\nsubj-b,analytics,withdraw,2026-02-01\nsubj-a,analytics,grant,2026-03-01\n';
const NOW = Date.parse('2026-06-01T00:00:00Z');

describe('consent: an import is one audit event', () => {
  let tk: TempKeyring;
  let registry: SqliteConsentStore;
  before(async () => {
    tk = await tempKeyring();
    registry = SqliteConsentStore.open(join(tk.dir, 'consent.db'));
  });
  after(async () => { await registry.close(); await tk.cleanup(); });

  it('applies every line and writes one event with the counts', async () => {
    const events: AuditEvent[] = [];
    const lines = parseConsentImport(CSV, 'csv', NOW);
    const counts = await applyConsentImport({ lines, now: NOW, principal: 'ops', fileSha256: 'ab'.repeat(32) }, { registry, keyring: tk.keyring, emit: (e) => events.push(e) });
    assert.deepEqual(counts, { lines: 4, granted: 2, withdrawn: 1, unchanged: 1 });
    assert.equal(events.length, 1);
    const [e] = events;
    assert.equal(e!.type, 'consent.change');
    assert.equal(e!.outcome, 'success');
    assert.equal(e!.subject, undefined);
    assert.deepEqual(e!.attributes, { action: 'import', source: 'import', file_sha256: 'ab'.repeat(32), lines: 4, applied: 4, granted: 2, withdrawn: 1, unchanged: 1, subjects: 2 });
    assert.ok(!JSON.stringify(events).includes('subj-'));
  });

  it('an import that stops part-way writes its event as a failure with what was applied', async () => {
    const events: AuditEvent[] = [];
    let calls = 0;
    const failing: ConsentStore = Object.assign(Object.create(registry) as ConsentStore, {
      grant: async (c: Uint8Array, p: string, at: number) => {
        if (++calls === 2) throw new CordonError('ERR_STORE_UNAVAILABLE', 'gone');
        return registry.grant(c, p, at);
      },
    });
    const lines = parseConsentImport('subject,purpose\nsubj-x,research\nsubj-y,research\nsubj-z,research\n', 'csv', NOW);
    await assert.rejects(applyConsentImport({ lines, now: NOW, principal: 'ops', fileSha256: 'cd'.repeat(32) }, { registry: failing, keyring: tk.keyring, emit: (e) => events.push(e) }),
      (e: unknown) => e instanceof CordonError && e.code === 'ERR_STORE_UNAVAILABLE');
    assert.equal(events.length, 1);
    assert.equal(events[0]!.outcome, 'failure');
    assert.equal(events[0]!.reason, 'ERR_STORE_UNAVAILABLE');
    assert.equal(events[0]!.attributes?.['lines'], 3);
    assert.equal(events[0]!.attributes?.['applied'], 1);
    assert.equal(events[0]!.attributes?.['granted'], 1);
  });
});
