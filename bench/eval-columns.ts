// Scores the column classifier against a ground-truth file.
// Usage: npm run eval:columns -- <dataset> <truth.json> [--sample N] [--encoding windows-1252] [--json]
// Truth format: {"files": {"<basename>": {"<column>": {"label": "PERSON" | "NONE" | …, "category": "direct" | …}}}}.
// Per column: the label matches when truth label == predicted entity (NONE == null); the category
// matches when equal. "Personal data" is category != none, scored as precision and recall.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { classifyColumns } from '../src/detect/columns/index.js';
import { DEFAULT_RECOGNIZERS } from '../src/detect/registry.js';
import { readRecords } from '../src/io/dataset.js';
import type { DatasetRecord } from '../src/io/record.js';

interface Truth { readonly label: string; readonly category: string }

function usage(): never {
  process.stderr.write('usage: npm run eval:columns -- <dataset> <truth.json> [--sample N] [--encoding windows-1252] [--json]\n');
  process.exit(2);
}

const args = process.argv.slice(2);
const json = args.includes('--json');
const sampleAt = args.indexOf('--sample');
const sample = sampleAt >= 0 ? Number(args[sampleAt + 1]) : 1000;
const encodingAt = args.indexOf('--encoding');
const encoding = encodingAt >= 0 ? args[encodingAt + 1] : 'utf-8';
const optionValues = new Set([sampleAt, encodingAt].filter((i) => i >= 0).map((i) => i + 1));
const positional = args.filter((a, i) => !a.startsWith('--') && !optionValues.has(i));
if (encoding !== 'utf-8' && encoding !== 'windows-1252') usage();
if (positional.length !== 2 || !Number.isSafeInteger(sample) || sample < 1) usage();
const [datasetPath, truthPath] = positional as [string, string];

const truthDoc = JSON.parse(readFileSync(truthPath, 'utf8')) as { files?: Record<string, Record<string, Truth>> };
const truth = truthDoc.files?.[basename(datasetPath)];
if (truth === undefined) {
  process.stderr.write(`eval-columns: ${truthPath} has no entry for ${basename(datasetPath)}\n`);
  process.exit(2);
}

let columns: readonly string[] = [];
const records: DatasetRecord[] = [];
const started = performance.now();
for await (const r of readRecords(datasetPath, { limit: sample, encoding, onColumns: (c) => { columns = c; } })) records.push(r);
const results = classifyColumns({ columns, records }, { recognizers: DEFAULT_RECOGNIZERS });
const ms = performance.now() - started;

interface Row { column: string; truthLabel: string; truthCategory: string; entity: string; category: string; confidence: number; labelOk: boolean; categoryOk: boolean; basis: string; type: string }
const rows: Row[] = [];
for (const r of results) {
  const t = truth[r.name];
  if (t === undefined) continue;
  const predicted = r.entity ?? 'NONE';
  rows.push({
    column: r.name, truthLabel: t.label, truthCategory: t.category, entity: predicted, category: r.category, confidence: r.confidence,
    labelOk: predicted === t.label, categoryOk: r.category === t.category, basis: r.explanation.basis, type: r.explanation.type,
  });
}
const missing = Object.keys(truth).filter((c) => !results.some((r) => r.name === c));

const n = rows.length;
const labelOk = rows.filter((r) => r.labelOk).length;
const categoryOk = rows.filter((r) => r.categoryOk).length;
const tp = rows.filter((r) => r.truthCategory !== 'none' && r.category !== 'none').length;
const fp = rows.filter((r) => r.truthCategory === 'none' && r.category !== 'none').length;
const fn = rows.filter((r) => r.truthCategory !== 'none' && r.category === 'none').length;
const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

if (json) {
  process.stdout.write(JSON.stringify({ columns: n, labelAccuracy: labelOk / n, categoryAccuracy: categoryOk / n, personal: { precision, recall, tp, fp, fn }, missing, rows }, null, 2) + '\n');
} else {
  const w = (s: string, k: number): string => s.padEnd(k);
  const width = Math.max(6, ...rows.map((r) => r.column.length)) + 2;
  process.stdout.write(`${w('column', width)}${w('truth label', 20)}${w('truth cat', 11)}${w('predicted', 20)}${w('pred cat', 11)}${w('conf', 6)}${w('basis', 12)}ok\n`);
  for (const r of rows) {
    const ok = r.labelOk && r.categoryOk ? 'ok' : [r.labelOk ? '' : 'LABEL', r.categoryOk ? '' : 'CATEGORY'].filter(Boolean).join('+');
    process.stdout.write(`${w(r.column, width)}${w(r.truthLabel, 20)}${w(r.truthCategory, 11)}${w(r.entity, 20)}${w(r.category, 11)}${w(r.confidence.toFixed(2), 6)}${w(r.basis, 12)}${ok}\n`);
  }
  process.stdout.write(`\n${records.length} rows sampled, ${n} columns scored in ${ms.toFixed(0)} ms${missing.length ? `; not in the dataset: ${missing.join(', ')}` : ''}\n`);
  process.stdout.write(`label accuracy     ${pct(labelOk / n)} (${labelOk}/${n})\n`);
  process.stdout.write(`category accuracy  ${pct(categoryOk / n)} (${categoryOk}/${n})\n`);
  process.stdout.write(`personal data      precision ${pct(precision)} (${tp}/${tp + fp})  recall ${pct(recall)} (${tp}/${tp + fn})\n`);
}
