// `cordon serve` with dp.datasets (issue 17 item 4): over real TLS, POST /v1/dp/query answers over
// the file the server holds and spends the workspace's budget, which `cordon dp budget` then shows;
// a body with records is refused. A dp dataset whose contract sets no budget stops the start with
// ERR_CONFIG_INVALID (exit 3).
import { spawnSync, type ChildProcess } from 'node:child_process';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cliSandbox, type CliSandbox } from '../helpers/cli.js';
import { CORDON_BIN } from '../helpers/paths.js';
import { post, startServe } from '../helpers/serve.js';

const contract = (budget: boolean) => ['apiVersion: v3.1.0', 'kind: DataContract', 'id: visits-contract', 'version: 1.0.0', 'status: active', 'schema:', '  - name: visits',
  ...(budget ? ['    customProperties:', '      - property: cordonPrivacyBudget', '        value: { epsilon: 1, maxContributions: 1 }'] : []),
  '    properties:', '      - name: patient_id', '        primaryKey: true', '        classification: restricted', '      - name: region', '        classification: internal', ''].join('\n');

const config = (contractStem: string) => ['listen: { host: 127.0.0.1, port: 0 }', 'tls:', '  cert: certs/server.crt', '  key: { file: certs/server.key }',
  '  ca: certs/ca.crt', '  mtls: required', 'policy: { dir: policies }', 'contracts: { dir: contracts }',
  'dp:', '  datasets:', `    visits: { file: data/visits.csv, contract: ${contractStem} }`, ''].join('\n');

describe('cordon serve: DP queries over a dataset the server holds', () => {
  let sb: CliSandbox;
  let child: ChildProcess;
  let port = 0;

  before(async () => {
    sb = cliSandbox();
    assert.equal(sb.run(['init']).status, 0);
    assert.equal(sb.run(['certs', 'init', '--dir', 'certs']).status, 0);
    mkdirSync(sb.path('policies'));
    writeFileSync(sb.path('policies/allow.cedar'), '@id("test.dp") permit (principal, action == Cordon::Action::"dp:query", resource);\n');
    mkdirSync(sb.path('contracts'));
    writeFileSync(sb.path('contracts/visits.yaml'), contract(true));
    writeFileSync(sb.path('contracts/nobudget.yaml'), contract(false));
    mkdirSync(sb.path('data'));
    writeFileSync(sb.path('data/visits.csv'), ['patient_id,region', ...Array.from({ length: 300 }, (_, i) => `p${i},${i % 3 === 0 ? 'north' : 'south'}`), ''].join('\n'));
    ({ child, port } = await startServe(sb, config('visits')));
  });
  after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    sb.cleanup();
  });

  it('answers over the server\'s file, spends the workspace budget; records in the body are refused', async () => {
    const r = await post(port, sb, '/v1/dp/query', { dataset: 'visits', stat: 'count', by: 'region', categories: ['north', 'south'], epsilon: 0.5, purpose: 'analytics' });
    assert.equal(r.status, 200, r.body);
    const doc = JSON.parse(r.body) as { rows: { region: string; count: number }[]; budget: { spent: number; left: number } };
    const north = doc.rows.find((x) => x.region === 'north')!;
    assert.ok(Math.abs(north.count - 100) < 40, JSON.stringify(doc.rows));
    assert.deepEqual([doc.budget.spent, doc.budget.left], [0.5, 0.5]);
    const b = sb.run(['dp', 'budget', '--contract', 'contracts/visits.yaml', '--json']);
    assert.equal(b.status, 0, b.stderr);
    assert.match(b.stdout, /"left":\s*0\.5/);
    const sent = await post(port, sb, '/v1/dp/query', { dataset: 'visits', stat: 'count', epsilon: 0.1, records: [{ patient_id: 'x', region: 'north' }] });
    assert.equal(sent.status, 400);
    const unknown = await post(port, sb, '/v1/dp/query', { dataset: 'payroll', stat: 'count', epsilon: 0.1 });
    assert.equal(unknown.status, 404);
  });

  it('refuses to start when a dp dataset\'s contract sets no privacy budget: ERR_CONFIG_INVALID', () => {
    writeFileSync(sb.path('nobudget.yaml'), config('nobudget'));
    // The timeout only keeps a regression (a server that starts) from hanging the suite.
    const r = spawnSync(process.execPath, [CORDON_BIN, 'serve', '--config', 'nobudget.yaml'], { cwd: sb.dir, env: sb.env, timeout: 300_000, encoding: 'utf8' });
    assert.equal(r.signal, null, `serve should refuse to start: ${r.stderr}`);
    assert.equal(r.status, 3, r.stderr);
    assert.match(r.stderr, /ERR_CONFIG_INVALID/);
    assert.match(r.stderr, /cordonPrivacyBudget/);
  });
});
