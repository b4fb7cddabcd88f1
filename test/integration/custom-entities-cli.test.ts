// Custom entities end to end, as a user meets them: one recognizer file (an EMPLOYEE_ID pattern with
// context words and a Luhn check digit, its classification and operator) flows through `contract
// init` (drafts the column, the contract carries the file), `protect` (protects it, refuses it
// undeclared, the text operator redacts it), `scan` (reports it), `cordon serve --recognizers`
// (POST /v1/detect returns it; POST /v1/protect uses the contract's recognizers) and the audit log
// (protect.run events name it).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cliSandbox, type CliSandbox } from '../helpers/cli.js';
import { post, startServe } from '../helpers/serve.js';

const RECOGNIZERS = `recognizers:
  - name: employee-id
    entity: EMPLOYEE_ID
    patterns:
      - { name: emp, regex: 'EMP-(?<v>\\d{8})', score: 0.45 }
    context: [employee, staff, badge]
    validator: luhn
    validScore: 0.9
    classification: restricted
    protect: { operator: mask, params: { keepLast: 3 } }
`;

/** Eight digits whose last is the Luhn check digit of the first seven. */
function luhn8(seed: number): string {
  const body = String(1_000_000 + ((seed * 7_919) % 9_000_000)).slice(0, 7);
  for (let d = 0; d <= 9; d++) {
    const s = body + d;
    let sum = 0;
    for (let i = 0; i < s.length; i++) {
      let x = Number(s[s.length - 1 - i]);
      if (i % 2 === 1) { x *= 2; if (x > 9) x -= 9; }
      sum += x;
    }
    if (sum % 10 === 0) return s;
  }
  throw new Error('unreachable');
}

const IDS = Array.from({ length: 40 }, (_, i) => `EMP-${luhn8(i + 1)}`);
const NOT_LUHN = `EMP-${luhn8(99).slice(0, 7)}${(Number(luhn8(99)[7]) + 1) % 10}`;
const CSV = ['id,badge,team,note', ...IDS.map((e, i) => `${i + 1},${e},team-${i % 4},"badge ${IDS[(i + 1) % IDS.length]} signed the visitor log at the front desk"`)].join('\n') + '\n';

describe('custom entities: contract init, protect, scan, serve and the audit', () => {
  let sb: CliSandbox;
  before(() => {
    sb = cliSandbox();
    assert.equal(sb.run(['init']).status, 0);
    mkdirSync(sb.path('contracts/recognizers'), { recursive: true });
    writeFileSync(sb.path('contracts/recognizers/staff.yaml'), RECOGNIZERS);
    writeFileSync(sb.path('staff.csv'), CSV);
  });
  after(() => sb.cleanup());

  it('scan reports the custom entity in a column and in free text; without the file it is nothing', () => {
    const r = sb.run(['scan', 'staff.csv', '--json', '--recognizers', 'contracts/recognizers/staff.yaml']);
    assert.equal(r.status, 0, r.stderr);
    type Col = { name: string; entity: string | null; classification: string; textEntities: string[] };
    const cols = Object.fromEntries((JSON.parse(r.stdout).columns as Col[]).map((c) => [c.name, c]));
    assert.equal(cols['badge']!.entity, 'EMPLOYEE_ID');
    assert.equal(cols['badge']!.classification, 'restricted');
    assert.deepEqual(cols['note']!.textEntities, ['EMPLOYEE_ID']);
    assert.equal(cols['team']!.entity, null);
    const plain = JSON.parse(sb.run(['scan', 'staff.csv', '--json']).stdout).columns as Array<{ name: string; entity: string | null }>;
    assert.equal(plain.find((c) => c.name === 'badge')!.entity, null);
    assert.match(sb.run(['scan', 'staff.csv', '--recognizers', 'nope.yaml']).stderr, /ERR_IO/);
    const hipaa = JSON.parse(sb.run(['scan', 'staff.csv', '--json', '--profile', 'hipaa', '--recognizers', 'contracts/recognizers/staff.yaml']).stdout).columns as Array<{ name: string; entity: string | null }>;
    assert.equal(hipaa.find((c) => c.name === 'badge')!.entity, 'EMPLOYEE_ID', 'every profile keeps custom entities');
  });

  it('contract init drafts the column with the file\'s classification and operator, and the contract names the file', () => {
    const r = sb.run(['contract', 'init', 'staff.csv', '--recognizers', 'contracts/recognizers/staff.yaml', '-o', 'contracts/staff.yaml']);
    assert.equal(r.status, 0, r.stderr);
    const check = JSON.parse(sb.run(['contract', 'check', 'contracts/staff.yaml', '--json']).stdout) as { recognizers: { source: string; entities: string[] }; datasets: Array<{ columns: Array<{ name: string; entity?: string; classification: string; protect?: { operator: string; params: object } }> }> };
    assert.equal(check.recognizers.source, 'recognizers/staff.yaml');
    assert.deepEqual(check.recognizers.entities, ['EMPLOYEE_ID']);
    const badge = check.datasets[0]!.columns.find((c) => c.name === 'badge')!;
    assert.deepEqual([badge.entity, badge.classification, badge.protect], ['EMPLOYEE_ID', 'restricted', { operator: 'mask', params: { keepLast: 3 } }]);
    assert.equal(check.datasets[0]!.columns.find((c) => c.name === 'note')!.protect?.operator, 'text');
  });

  it('protect masks the column and redacts the entity in text; the audit event names the custom entity', () => {
    const r = sb.run(['protect', 'staff.csv', '-c', 'contracts/staff.yaml', '-o', 'out.csv']);
    assert.equal(r.status, 0, r.stderr);
    const out = readFileSync(sb.path('out.csv'), 'utf8');
    for (const id of IDS) assert.equal(out.includes(id), false, 'no employee id left');
    // The pattern's group v (the digits the checksum covers) is the finding: the prefix stays.
    assert.match(out, /^1,\*{9}\d{3},team-0,badge EMP-<EMPLOYEE_ID_1> signed the visitor log at the front desk$/m);
    const manifest = JSON.parse(readFileSync(sb.path('out.csv.manifest.json'), 'utf8')) as { contract: { recognizers: { source: string; entities: string[]; sha256: string } } };
    assert.deepEqual([manifest.contract.recognizers.source, manifest.contract.recognizers.entities], ['recognizers/staff.yaml', ['EMPLOYEE_ID']]);
    const events = sb.run(['audit', 'show', '--type', 'protect.run', '--json']).stdout.trim().split('\n').map((l) => JSON.parse(l) as { outcome: string; reason?: string; attributes: Record<string, string> });
    assert.equal(events.at(-1)!.outcome, 'success');
    assert.equal(events.at(-1)!.attributes['recognizers'], 'EMPLOYEE_ID');
    assert.match(events.at(-1)!.attributes['recognizersSha256']!, /^[0-9a-f]{64}$/);
  });

  it('protect refuses the custom entity in an internal column, names it, and the failure event names it; a failed checksum is not it', () => {
    const leak = CSV.replace(/^1,(EMP-\d+),team-0/m, `1,$1,staff ${IDS[5]}`);
    writeFileSync(sb.path('leak.csv'), leak);
    const r = sb.run(['protect', 'leak.csv', '-c', 'contracts/staff.yaml', '-o', 'leak-out.csv']);
    assert.equal(r.status, 3);
    assert.match(r.stderr, /ERR_UNDECLARED_PERSONAL_DATA: row 1: column "team" \(internal\) holds EMPLOYEE_ID/);
    assert.equal(r.stderr.includes(IDS[5]!), false, 'the error holds no value');
    const workers = sb.run(['protect', 'leak.csv', '-c', 'contracts/staff.yaml', '-o', 'leak-out.csv', '--workers', '2']);
    assert.match(workers.stderr, /ERR_UNDECLARED_PERSONAL_DATA: row 1: column "team" \(internal\) holds EMPLOYEE_ID/, 'worker threads load the contract\'s recognizers too');
    const last = JSON.parse(sb.run(['audit', 'show', '--type', 'protect.run', '--json']).stdout.trim().split('\n').at(-1)!) as { outcome: string; reason: string; attributes: Record<string, string> };
    assert.deepEqual([last.outcome, last.reason, last.attributes['entities']], ['failure', 'ERR_UNDECLARED_PERSONAL_DATA', 'EMPLOYEE_ID']);
    writeFileSync(sb.path('ok.csv'), CSV.replace(/^1,(EMP-\d+),team-0/m, `1,$1,staff ${NOT_LUHN}`));
    assert.equal(sb.run(['protect', 'ok.csv', '-c', 'contracts/staff.yaml', '-o', 'ok-out.csv']).status, 0, 'the validator says no: not an employee id');
  });

  it('protect --recognizers joins a second file; a name both define is refused', () => {
    writeFileSync(sb.path('more.yaml'), RECOGNIZERS.replace('employee-id', 'badge-id').replace('EMPLOYEE_ID', 'BADGE_NO'));
    assert.equal(sb.run(['protect', 'staff.csv', '-c', 'contracts/staff.yaml', '-o', 'out2.csv', '--recognizers', 'more.yaml']).status, 0);
    writeFileSync(sb.path('same.yaml'), RECOGNIZERS);
    const r = sb.run(['protect', 'staff.csv', '-c', 'contracts/staff.yaml', '-o', 'out3.csv', '--recognizers', 'same.yaml']);
    assert.equal(r.status, 3);
    assert.match(r.stderr, /ERR_CONTRACT_INVALID.*repeats "employee-id"/);
  });

  describe('cordon serve --recognizers', () => {
    let child: ChildProcess;
    let port = 0;
    before(async () => {
      assert.equal(sb.run(['certs', 'init', '--dir', 'certs']).status, 0);
      mkdirSync(sb.path('policies'));
      writeFileSync(sb.path('policies/allow.cedar'), '@id("t.detect") permit (principal, action == Cordon::Action::"detect", resource);\n@id("t.protect") permit (principal, action == Cordon::Action::"protect", resource);\n');
      writeFileSync(sb.path('server.yaml'), 'listen: { host: 127.0.0.1, port: 0 }\ntls:\n  cert: certs/server.crt\n  key: { file: certs/server.key }\n  ca: certs/ca.crt\n  mtls: required\npolicy: { dir: policies }\ncontracts: { dir: contracts }\n');
      ({ child, port } = await startServe(sb, undefined, { args: ['--recognizers', 'contracts/recognizers/staff.yaml'] }));
    });
    after(() => { if (child.exitCode === null) child.kill('SIGKILL'); });

    it('a bad recognizer file stops serve before it listens, naming the file', () => {
      writeFileSync(sb.path('bad.yaml'), 'recognizers:\n  - { name: x, entity: PERSON, patterns: [{ name: p, regex: "x\\\\d", score: 0.5 }] }\n');
      const r = sb.run(['serve', '--config', 'server.yaml', '--recognizers', 'bad.yaml']);
      assert.equal(r.status, 3);
      assert.match(r.stderr, /ERR_RECOGNIZERS_INVALID: .*bad\.yaml: .*built-in/);
    });

    it('POST /v1/detect returns the custom entity and filters by it; an unknown entity is refused', async () => {
      const text = `staff badge ${IDS[0]} and ${NOT_LUHN}`;
      const r = await post(port, sb, '/v1/detect', { text });
      assert.equal(r.status, 200, r.body);
      const findings = JSON.parse(r.body).findings as Array<{ entity: string; start: number; end: number }>;
      assert.deepEqual(findings.map((f) => `${f.entity} ${text.slice(f.start, f.end)}`), [`EMPLOYEE_ID ${IDS[0]!.slice(4)}`]);
      const only = await post(port, sb, '/v1/detect', { text, entities: ['EMPLOYEE_ID'] });
      assert.equal(JSON.parse(only.body).findings.length, 1);
      const unknown = await post(port, sb, '/v1/detect', { text, entities: ['BADGE_NO'] });
      assert.equal(unknown.status, 400);
      assert.equal(JSON.parse(unknown.body).code, 'ERR_INPUT_INVALID');
    });

    it('POST /v1/protect uses the contract\'s recognizers: the text operator redacts the custom entity', async () => {
      const r = await post(port, sb, '/v1/protect', { contract: 'staff', records: [{ id: '1', badge: IDS[0], team: 't', note: `met staff ${IDS[1]} today` }] });
      assert.equal(r.status, 200, r.body);
      const [rec] = JSON.parse(r.body).records as Array<Record<string, string>>;
      assert.equal(rec!['note'], 'met staff EMP-<EMPLOYEE_ID_1> today');
      assert.match(rec!['badge']!, /^\*{9}\d{3}$/);
      const leak = await post(port, sb, '/v1/protect', { contract: 'staff', records: [{ id: '1', badge: IDS[0], team: `staff ${IDS[2]}`, note: 'n' }] });
      assert.equal(JSON.parse(leak.body).code, 'ERR_UNDECLARED_PERSONAL_DATA');
      assert.match(JSON.parse(leak.body).message, /column "team" \(internal\) holds EMPLOYEE_ID/);
      assert.equal(leak.body.includes(IDS[2]!), false, 'the answer holds no value');
    });
  });
});
