// Issue 18 item 6, scheduled mode: `cordon serve`'s config `retention: { schedule: { intervalSeconds },
// receipts }` (needs contracts.dir), and the schedule itself with a short interval: it runs
// repeatedly in the background, never two runs at once, reads the contracts folder each time, counts
// runs and what they removed in the metrics, records a failed run as a `retention.apply` failure
// event with its code, and stop() waits for a run in progress.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseServerConfig } from '../../../src/server/config.js';
import { Metrics } from '../../../src/server/metrics.js';
import { startRetentionSchedule } from '../../../src/server/retention-schedule.js';
import { MemoryAuditSink } from '../../../src/audit/jsonl-sink.js';
import { CordonError } from '../../../src/errors.js';
import type { RetentionRunResult } from '../../../src/retention/run-retention.js';
import { tempDir } from '../../helpers/keyring.js';

const base = { listen: { host: '127.0.0.1', port: 8443 }, tls: { cert: 'certs/server.crt', key: { file: 'certs/server.key' }, mtls: 'off' } };
const code = (fn: () => unknown) => {
  try { fn(); } catch (e) { return (e as CordonError).code; }
  return 'no error';
};
const CONTRACT = `apiVersion: v3.1.0
kind: DataContract
id: sched
version: 1.0.0
status: active
schema:
  - name: people
    customProperties: [{ property: cordonRetention, value: P7D }]
    properties:
      - { name: id, logicalType: string, primaryKey: true, classification: internal }
`;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const result = (removed: number): RetentionRunResult => ({
  state: { outputs: Array.from({ length: removed }, () => ({ status: 'removed' })), vault: { deleted: 2 * removed }, keys: { destroyed: 0 } },
  receipt: {},
} as unknown as RetentionRunResult);

describe('server: retention schedule', () => {
  it('config: retention needs contracts.dir; the interval is in seconds, the receipts folder resolved', () => {
    const retention = { schedule: { intervalSeconds: 3600 }, receipts: 'receipts' };
    assert.equal(code(() => parseServerConfig({ ...base, retention }, '/etc/cordon')), 'ERR_CONFIG_INVALID');
    assert.equal(code(() => parseServerConfig({ ...base, contracts: { dir: 'c' }, retention: { schedule: { intervalSeconds: 0 }, receipts: 'r' } }, '/etc/cordon')), 'ERR_CONFIG_INVALID');
    assert.equal(code(() => parseServerConfig({ ...base, contracts: { dir: 'c' }, retention: { schedule: { every: 'P1D' }, receipts: 'r' } }, '/etc/cordon')), 'ERR_CONFIG_INVALID');
    const c = parseServerConfig({ ...base, contracts: { dir: 'c' }, retention }, '/etc/cordon');
    assert.deepEqual(c.retention, { intervalMs: 3_600_000, receiptsDir: '/etc/cordon/receipts', destroyKeyVersions: false });
    const d = parseServerConfig({ ...base, contracts: { dir: 'c' }, retention: { ...retention, destroyKeyVersions: true } }, '/etc/cordon');
    assert.equal(d.retention?.destroyKeyVersions, true);
    assert.equal(parseServerConfig(base, '/').retention, undefined);
  });

  it('runs on its interval, one run at a time, with metrics; a failure is audited; stop waits for the run', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'sched.yaml'), CONTRACT);
    const metrics = new Metrics();
    const audit = new MemoryAuditSink();
    let active = 0;
    let most = 0;
    let calls = 0;
    const seen: string[][] = [];
    const schedule = startRetentionSchedule({
      intervalMs: 30, contractsDir: dir, metrics, audit, principal: 'server',
      async run(contracts) {
        calls++;
        seen.push(contracts.map((c) => c.id));
        active++;
        most = Math.max(most, active);
        await pause(40);
        active--;
        if (calls === 2) throw new CordonError('ERR_STORE_UNAVAILABLE', 'down');
        return result(1);
      },
    });
    const deadline = Date.now() + 10_000;
    while (calls < 4 && Date.now() < deadline) await pause(10);
    const stopping = schedule.stop();
    assert.ok(active <= 1);
    await stopping;
    assert.equal(active, 0, 'stop() waited for the run in progress');
    const after = calls;
    await pause(120);
    assert.equal(calls, after, 'no run after stop()');
    assert.ok(calls >= 4);
    assert.equal(most, 1, 'runs never overlap');
    assert.deepEqual(seen[0], ['sched']);
    const text = await metrics.render();
    const value = (re: RegExp): number => Number(new RegExp(`^${re.source}$`, 'm').exec(text)?.[1] ?? NaN);
    assert.equal(value(/cordon_retention_runs_total\{outcome="failure"\} (\d+)/), 1);
    assert.equal(value(/cordon_retention_runs_total\{outcome="success"\} (\d+)/), calls - 1);
    assert.equal(value(/cordon_retention_removed_total\{tier="tokens"\} (\d+)/), 2 * (calls - 1));
    assert.ok(value(/cordon_retention_last_success_timestamp_seconds (\S+)/) > 0);
    assert.deepEqual(audit.events.map((e) => [e.type, e.outcome, e.reason, e.principal]), [['retention.apply', 'failure', 'ERR_STORE_UNAVAILABLE', 'server']]);
  });
});
