// `npm run bench:risk [-- --rows N --search-rows M]`: `cordon risk` end to end (CSV read, contract,
// k-anonymity, ℓ-diversity, t-closeness, attacker risks) on N generated rows (default 1,000,000) with
// 8 quasi-identifiers and 2 sensitive columns; target < 10 s. Then `cordon risk --k 5 --l 2
// --suppress 2` (the lattice search) on M rows (default 100,000).
//
// The data comes from a seeded generator (bench/gen/rng.ts) with skewed, realistic-looking columns:
// ZIP codes from 3,000 areas, birth dates 1940–2006, age, gender, marital status, 40 occupations, 12
// education levels, 150 cities; sensitive: 25 diagnoses (equal distance) and income (ordered).
// Each run is a subprocess of bin/cordon.js, timed by bash's `time`: wall, user and system seconds.
// On a loaded machine compare user + sys (CPU seconds), not wall.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { rng, type Rng } from './gen/rng.js';

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const ROWS = arg('--rows', 1_000_000);
const SEARCH_ROWS = arg('--search-rows', 100_000);

export const CONTRACT = `apiVersion: v3.1.0
kind: DataContract
id: bench-risk
version: 1.0.0
status: active
schema:
  - name: people
    properties:
      - { name: id, primaryKey: true, classification: restricted }
      - name: zip
        customProperties: [{ property: cordonRisk, value: { role: quasi, hierarchy: { kind: prefix, keep: [3, 1] } } }]
      - name: dob
        customProperties: [{ property: cordonRisk, value: { role: quasi, hierarchy: { kind: date, levels: [month, year] } } }]
      - name: age
        customProperties: [{ property: cordonRisk, value: { role: quasi, hierarchy: { kind: bands, widths: [5, 10, 20] } } }]
      - name: gender
        customProperties: [{ property: cordonRisk, value: { role: quasi } }]
      - name: marital
        customProperties: [{ property: cordonRisk, value: { role: quasi } }]
      - name: occupation
        customProperties: [{ property: cordonRisk, value: { role: quasi } }]
      - name: education
        customProperties: [{ property: cordonRisk, value: { role: quasi } }]
      - name: city
        customProperties: [{ property: cordonRisk, value: { role: quasi } }]
      - name: diagnosis
        customProperties: [{ property: cordonRisk, value: { role: sensitive } }]
      - name: income
        customProperties: [{ property: cordonRisk, value: { role: sensitive, distance: ordered } }]
`;

/** Index in [0, n) with a Zipf-like skew (s ≈ 1): a few values common, a long tail rare. */
function skewed(r: Rng, n: number): number {
  return Math.min(n - 1, Math.floor(Math.exp(r() * Math.log(n + 1)) - 1));
}

export async function generate(path: string, rows: number): Promise<void> {
  const r = rng(2026);
  const out = createWriteStream(path);
  const genders = ['female', 'male', 'nonbinary'];
  const marital = ['single', 'married', 'divorced', 'widowed', 'separated'];
  let chunk = 'id,zip,dob,age,gender,marital,occupation,education,city,diagnosis,income\n';
  for (let i = 0; i < rows; i++) {
    const year = 1940 + Math.floor(r() * 67);
    const month = 1 + Math.floor(r() * 12);
    const day = 1 + Math.floor(r() * 28);
    const zip = String(10000 + skewed(r, 3000) * 29).padStart(5, '0');
    const age = 2026 - year;
    const g = r() < 0.02 ? 2 : r() < 0.5 ? 0 : 1;
    chunk += `p${i},${zip},${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')},${age},${genders[g]},${marital[skewed(r, 5)]},occ${skewed(r, 40)},edu${Math.floor(r() * 12)},city${skewed(r, 150)},dx${skewed(r, 25)},${1000 * (10 + Math.floor(r() * 190))}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

function timed(args: string[]): { wall: number; user: number; sys: number; status: number; stdout: string; stderr: string } {
  const cli = new URL('../../bin/cordon.js', import.meta.url).pathname;
  const cmd = `TIMEFORMAT='%R %U %S'; { time node ${JSON.stringify(cli)} ${args.map((a) => JSON.stringify(a)).join(' ')} > "$OUT" ; } 2> "$ERR"; echo $? > "$RC"`;
  const dir = mkdtempSync(join(tmpdir(), 'cordon-bench-risk-run-'));
  const env = { ...process.env, OUT: join(dir, 'out'), ERR: join(dir, 'err'), RC: join(dir, 'rc') };
  spawnSync('bash', ['-c', cmd], { env, stdio: 'inherit' });
  const read = (f: string) => spawnSync('cat', [join(dir, f)], { encoding: 'utf8' }).stdout;
  const err = read('err').trimEnd().split('\n');
  const [wall, user, sys] = err.at(-1)!.split(' ').map(Number) as [number, number, number];
  const result = { wall, user, sys, status: Number(read('rc').trim()), stdout: read('out'), stderr: err.slice(0, -1).join('\n') };
  rmSync(dir, { recursive: true, force: true });
  return result;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-bench-risk-'));
  try {
    writeFileSync(join(dir, 'people.odcs.yaml'), CONTRACT);
    const t0 = Date.now();
    await generate(join(dir, 'people.csv'), ROWS);
    console.log(`generated ${ROWS.toLocaleString('en')} rows × 8 quasi-identifiers + 2 sensitive columns in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const a = timed(['risk', join(dir, 'people.csv'), '-c', join(dir, 'people.odcs.yaml'), '--json']);
    if (a.status !== 0) throw new Error(`cordon risk failed (${a.status}): ${a.stderr}`);
    const doc = JSON.parse(a.stdout) as { report: { k: number; classes: number; records: number; sensitive: Array<{ column: string; distinctL: number; t: number }>; prosecutor: { highestRisk: number; recordsAtRisk: number }; marketer: { averageRisk: number } } };
    console.log(`cordon risk, ${ROWS.toLocaleString('en')} rows: wall ${a.wall.toFixed(2)} s, CPU ${(a.user + a.sys).toFixed(2)} s (user ${a.user.toFixed(2)}, sys ${a.sys.toFixed(2)}); target < 10 s: ${a.wall < 10 ? 'met' : 'NOT met'} (wall), ${a.user + a.sys < 10 ? 'met' : 'NOT met'} (CPU)`);
    console.log(`  k = ${doc.report.k}, ${doc.report.classes.toLocaleString('en')} classes, prosecutor highest ${doc.report.prosecutor.highestRisk}, records at risk ${doc.report.prosecutor.recordsAtRisk}, marketer ${doc.report.marketer.averageRisk}; ${doc.report.sensitive.map((s) => `${s.column}: ℓ ${s.distinctL}, t ${s.t}`).join('; ')}`);

    if (SEARCH_ROWS > 0) {
      await generate(join(dir, 'sample.csv'), SEARCH_ROWS);
      const s = timed(['risk', join(dir, 'sample.csv'), '-c', join(dir, 'people.odcs.yaml'), '--k', '5', '--l', '2', '--suppress', '2', '--json']);
      if (s.status !== 0 && s.status !== 4) throw new Error(`cordon risk --k failed (${s.status}): ${s.stderr}`);
      const d = JSON.parse(s.stdout || '{}') as { search?: { found: boolean; nodes: number; evaluated: number; loss?: number; generalization?: Array<{ column: string; to: string }>; report?: { k: number; suppressed: number } } };
      console.log(`cordon risk --k 5 --l 2 --suppress 2, ${SEARCH_ROWS.toLocaleString('en')} rows: wall ${s.wall.toFixed(2)} s, CPU ${(s.user + s.sys).toFixed(2)} s; `
        + (d.search?.found ? `${d.search.evaluated} of ${d.search.nodes} nodes evaluated; loss ${d.search.loss}; ${d.search.generalization!.map((g) => `${g.column}→${g.to}`).join(', ')}; k ${d.search.report!.k}, ${d.search.report!.suppressed} suppressed` : 'no node reaches the target (exit 4)'));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
