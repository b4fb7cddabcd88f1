// `cordon risk` and the `cordon protect --require-k/--require-l` gate end to end: figures on stdout
// and in --json, the search with exit 4 when unreachable, a refused release leaving no file, the
// risk.gate audit event and the cordon_risk lineage facet; no value of the data in any output.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { cliSandbox, type CliSandbox } from '../helpers/cli.js';

const CONTRACT = `apiVersion: v3.1.0
kind: DataContract
id: patients-contract
version: 1.0.0
status: active
schema:
  - name: patients
    properties:
      - name: patient_id
        primaryKey: true
        classification: restricted
        customProperties:
          - { property: cordonProtect, value: { operator: drop } }
      - name: zip
        classification: confidential
        customProperties:
          - { property: cordonEntity, value: ZIP_CODE }
          - { property: cordonProtect, value: { operator: generalize, params: { kind: zip } } }
      - name: age
        classification: confidential
        customProperties:
          - { property: cordonRisk, value: { role: quasi, hierarchy: { kind: bands, widths: [10, 20] } } }
          - { property: cordonProtect, value: { operator: generalize, params: { kind: number, width: 20 } } }
      - name: diagnosis
        classification: restricted
        customProperties:
          - { property: cordonRisk, value: { role: sensitive } }
          - { property: cordonProtect, value: { operator: keep } }
`;

describe('cordon risk and the protect gate', () => {
  let s: CliSandbox;
  before(() => {
    s = cliSandbox();
    assert.equal(s.run(['init']).status, 0);
    writeFileSync(s.path('patients.odcs.yaml'), CONTRACT);
    // 200 patients over 4 ZIP3 areas; ages 20..79; one outlier (ZIP 99999, age 99) unique at every level below *.
    const zips = ['02139', '02141', '10001', '10002', '60601', '60602', '94105', '94107'];
    const dx = ['flu', 'asthma', 'diabetes', 'migraine'];
    let csv = 'patient_id,zip,age,diagnosis\n';
    for (let i = 0; i < 200; i++) csv += `p${i},${zips[i % 8]},${20 + ((i * 7) % 60)},${dx[(i * 3) % 4]}\n`;
    csv += 'p200,99999,99,rare-disease-x\n';
    writeFileSync(s.path('patients.csv'), csv);
  });
  after(() => s.cleanup());

  it('reports k, ℓ, t and the attacker risks; the outlier makes k = 1', () => {
    const r = s.run(['risk', 'patients.csv', '-c', 'patients.odcs.yaml']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /quasi-identifiers: zip, age; sensitive: diagnosis/);
    assert.match(r.stdout, /k = 1/);
    assert.match(r.stdout, /prosecutor: highest risk 100%/);
    assert.doesNotMatch(r.stdout + r.stderr, /99999|rare-disease-x|02139/);
  });

  it('--json with a search: the least generalization for k ≥ 5, ℓ ≥ 2 suppressing ≤ 1%', () => {
    const r = s.run(['risk', 'patients.csv', '-c', 'patients.odcs.yaml', '--k', '5', '--l', '2', '--suppress', '1', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(doc.quasiIdentifiers, ['zip', 'age']);
    assert.equal(doc.report.k, 1);
    assert.equal(doc.search.found, true);
    assert.ok(doc.search.report.k >= 5);
    assert.ok(doc.search.report.sensitive[0].distinctL >= 2);
    assert.ok(doc.search.report.suppressed <= 2);
    assert.equal(doc.search.generalization.length, 2);
    assert.doesNotMatch(r.stdout, /99999|rare-disease-x/);
  });

  it('an unreachable target exits 4 with ERR_RISK_TARGET_UNMET', () => {
    const r = s.run(['risk', 'patients.csv', '-c', 'patients.odcs.yaml', '--k', '500', '--json']);
    assert.equal(r.status, 4);
    assert.match(r.stderr, /ERR_RISK_TARGET_UNMET/);
  });

  it('reads what scan reads: the same figures from a semicolon .txt in Windows-1252, a .json array, a gzip\'d CSV; --help says so', () => {
    const csv = readFileSync(s.path('patients.csv'), 'utf8');
    const base = s.run(['risk', 'patients.csv', '-c', 'patients.odcs.yaml', '--json']);
    assert.equal(base.status, 0, base.stderr);
    const [header, ...rows] = csv.trim().split('\n').map((l) => l.split(','));
    writeFileSync(s.path('patients.txt'), Buffer.from(csv.replaceAll(',', ';').replaceAll('\n', '\r\n'), 'latin1'));
    writeFileSync(s.path('patients.json'), JSON.stringify(rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]])))));
    writeFileSync(s.path('patients.csv.gz'), gzipSync(csv));
    writeFileSync(s.path('patients.dat'), csv);
    for (const args of [['patients.txt', '--encoding', 'latin1'], ['patients.json'], ['patients.csv.gz'], ['patients.dat', '--format', 'csv', '--delimiter', ',']]) {
      const r = s.run(['risk', ...args, '-c', 'patients.odcs.yaml', '--json']);
      assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.deepEqual(JSON.parse(r.stdout), JSON.parse(base.stdout), args.join(' '));
    }
    assert.equal(s.run(['risk', 'patients.dat', '-c', 'patients.odcs.yaml', '--format', 'xlsx']).status, 2);
    for (const cmd of [['risk'], ['dp', 'query']]) {
      const help = s.run([...cmd, '--help']).stdout;
      for (const word of ['delimited .txt', 'JSON array', 'Parquet', '.gz', '--encoding', '--records', '--delimiter', '--format']) assert.ok(help.includes(word), `${cmd.join(' ')} --help names ${word}`);
    }
  });

  it('misuse is a usage error', () => {
    assert.equal(s.run(['risk', 'patients.csv', '-c', 'patients.odcs.yaml', '--l', '2']).status, 2);
    assert.equal(s.run(['risk', 'patients.csv', '-c', 'patients.odcs.yaml', '--k', '0']).status, 2);
    assert.equal(s.run(['protect', 'patients.csv', '-c', 'patients.odcs.yaml', '-o', '-', '--require-k', '5']).status, 2);
  });

  it('protect --require-k 5 refuses a release with a unique record: nothing written, counted not listed, audited', () => {
    const r = s.run(['protect', 'patients.csv', '-c', 'patients.odcs.yaml', '-o', 'release.csv', '--require-k', '5']);
    assert.equal(r.status, 4, r.stderr);
    assert.match(r.stderr, /ERR_RISK_TARGET_UNMET|fails the risk gate/);
    assert.match(r.stderr, /1 of \d+ equivalence class\(es\), holding 1 of 201 record/);
    assert.doesNotMatch(r.stderr, /999|rare-disease-x/);
    assert.equal(existsSync(s.path('release.csv')), false);
    assert.equal(existsSync(s.path('release.csv.manifest.json')), false);
    const events = readFileSync(s.path('ws', 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.type === 'risk.gate');
    assert.equal(events.length, 1);
    assert.equal(events[0].outcome, 'failure');
    assert.equal(events[0].reason, 'ERR_RISK_TARGET_UNMET');
    assert.equal(events[0].attributes.failing_records, 1);
    assert.doesNotMatch(JSON.stringify(events[0]), /999|rare-disease-x/);
  });

  it('protect passes the gate once the outlier is gone; the run facet records the figures', () => {
    const csv = readFileSync(s.path('patients.csv'), 'utf8').split('\n').filter((l) => !l.startsWith('p200,')).join('\n');
    writeFileSync(s.path('patients-clean.csv'), csv);
    const r = s.run(['protect', 'patients-clean.csv', '-c', 'patients.odcs.yaml', '-o', 'release.csv', '--require-k', '5', '--require-l', '2']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(s.path('release.csv')));
    const events = readFileSync(s.path('ws', 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.type === 'risk.gate');
    assert.equal(events.at(-1).outcome, 'success');
    assert.ok(events.at(-1).attributes.k >= 5);
    const lineage = s.run(['lineage', 'export']).stdout.trim().split('\n').map((l) => JSON.parse(l) as { eventType: string; run: { facets: Record<string, { passed?: boolean; k?: number; requireK?: number }> } });
    const done = lineage.filter((e) => e.eventType === 'COMPLETE').at(-1)!;
    assert.equal(done.run.facets['cordon_risk']!.passed, true);
    assert.equal(done.run.facets['cordon_risk']!.requireK, 5);
    const failed = lineage.filter((e) => e.eventType === 'FAIL').at(-1)!;
    assert.equal(failed.run.facets['cordon_risk']!.passed, false);
  });
});
