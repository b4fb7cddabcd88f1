// `npm run gen:dev-sets [-- --check]`: writes the generated development sets under bench/data/
// (ICU nursing notes, chat and support tickets, log lines; a dev and a held-out split each; see
// bench/gen/*.ts for what each labels and why). Seeded: the same code writes the same bytes, and
// `--check` exits 1 when a committed file differs from what the generators produce.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_SETS, toJsonl } from './gen/sets.js';

const dataDir = join(new URL('../..', import.meta.url).pathname, 'bench', 'data');
const check = process.argv.includes('--check');
let stale = 0;
for (const set of DEV_SETS) {
  const records = set.generate();
  const text = toJsonl(records);
  const path = join(dataDir, set.file);
  const spans = records.reduce((n, r) => n + r.spans.length, 0);
  if (check) {
    let old = '';
    try { old = readFileSync(path, 'utf8'); } catch { /* missing counts as stale */ }
    if (old !== text) { stale++; console.error(`stale: bench/data/${set.file}`); }
  } else {
    writeFileSync(path, text);
    console.log(`bench/data/${set.file}: ${records.length} records, ${spans} spans, ${text.length} bytes`);
  }
}
if (stale > 0) process.exit(1);
