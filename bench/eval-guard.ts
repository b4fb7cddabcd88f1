// `npm run eval:guard [-- <file.jsonl>...] [--real] [--split train|heldout] [--layers all|rules|classifier] [--threshold X] [--errors N]`
//
// Scores the injection scanner (sanitise + rules + shipped classifier; `--layers rules` sanitise and
// rules only, `--layers classifier` the shipped classifier alone) on labelled JSONL:
// {"text", "label": "injection"|"benign", "source", "pair_id"?, "guard_source"?, "position"?}.
// Prints, per source, recall on injections and the false-positive rate on benign rows, and the
// threshold used; with no file, also the real benign held-out documents (`--real`: those alone). Each row is scanned as `guard_source` when given, else as 'retrieved' when its
// source names retrieved content (bipia:*, gen:indirect, gen:document, *retrieved*, *indirect*),
// else as 'user'. For indirect attacks with a benign twin (same pair_id) or a `position` field, recall
// is also broken down by where the attack sits (start, middle, end). `--split` keeps one half of the
// development split (bench/guard-data.ts); the training script only ever reads the train half.
import { readFileSync } from 'node:fs';
import { scanInputSync, DEFAULT_GUARD_THRESHOLD } from '../src/guard/scan-input.js';
import { classifyView, shippedThresholds } from '../src/guard/injection/linear-classifier.js';
import { sanitise } from '../src/guard/sanitise/sanitise.js';
import type { GuardSource } from '../src/guard/types.js';
import { devSide, type DevRow } from './guard-data.js';
import { benignCorpus } from './guard-benign.js';

interface Row extends DevRow { readonly guard_source?: GuardSource; readonly position?: string }

export function guardSourceOf(row: Row): GuardSource {
  if (row.guard_source === 'user' || row.guard_source === 'retrieved') return row.guard_source;
  return /^bipia|indirect|document|retrieved|rag|email|web|tool/i.test(row.source) ? 'retrieved' : 'user';
}

/** Where the attack of an injection row sits, from its benign twin: start, middle or end. */
function positionOf(row: Row, twin: string | undefined): string | undefined {
  if (row.position !== undefined) return row.position;
  if (twin === undefined) return undefined;
  let i = 0;
  while (i < twin.length && twin[i] === row.text[i]) i++;
  let e = 0;
  while (e < twin.length - i && twin[twin.length - 1 - e] === row.text[row.text.length - 1 - e]) e++;
  return i === 0 ? 'start' : e === 0 ? 'end' : 'middle';
}

export interface SourceFigures { readonly source: string; readonly injections: number; readonly caught: number; readonly benign: number; readonly falsePositives: number; readonly byPosition: Record<string, [number, number]> }

/** Which layers decide: all (the scanner as shipped), sanitise + rules, or the classifier alone. */
export type EvalLayers = 'all' | 'rules' | 'classifier';

function judge(text: string, source: GuardSource, layers: EvalLayers, threshold: number | undefined): { flagged: boolean; score: number; findings: readonly { rule: string; score: number }[] } {
  if (layers === 'classifier') {
    const score = classifyView(sanitise(text).view, source).score;
    return { flagged: score >= (threshold ?? DEFAULT_GUARD_THRESHOLD), score, findings: [] };
  }
  return scanInputSync(text, { source, ...(threshold !== undefined ? { threshold } : {}), ...(layers === 'rules' ? { classifier: false as const } : {}) });
}

export function evaluate(rows: readonly Row[], options: { layers?: EvalLayers; threshold?: number; errors?: number } = {}): SourceFigures[] {
  const layers: EvalLayers = options.layers ?? 'all';
  const twins = new Map<string, string>();
  for (const r of rows) if (r.pair_id !== undefined && r.label === 'benign') twins.set(r.pair_id, r.text);
  const by = new Map<string, { source: string; injections: number; caught: number; benign: number; falsePositives: number; byPosition: Record<string, [number, number]> }>();
  let shown = 0;
  for (const r of rows) {
    const v = judge(r.text, guardSourceOf(r), layers, options.threshold);
    const s = by.get(r.source) ?? { source: r.source, injections: 0, caught: 0, benign: 0, falsePositives: 0, byPosition: {} };
    by.set(r.source, s);
    if (r.label === 'injection') {
      s.injections++;
      if (v.flagged) s.caught++;
      const pos = positionOf(r, r.pair_id !== undefined ? twins.get(r.pair_id) : undefined);
      if (pos !== undefined) { const p = (s.byPosition[pos] ??= [0, 0]); p[0]++; if (v.flagged) p[1]++; }
    } else {
      s.benign++;
      if (v.flagged) s.falsePositives++;
    }
    if (options.errors !== undefined && shown < options.errors && v.flagged !== (r.label === 'injection')) {
      shown++;
      console.error(`${r.label === 'injection' ? 'MISS' : 'FP  '} ${r.source} score=${v.score} ${JSON.stringify(v.findings.map((f) => `${f.rule}:${f.score}`))} ${JSON.stringify(r.text.slice(0, 200))}`);
    }
  }
  return [...by.values()].sort((a, b) => a.source.localeCompare(b.source));
}

const pct = (a: number, b: number): string => (b === 0 ? '   -  ' : (a / b).toFixed(3).padStart(6));

/**
 * The held-out half of the real benign corpus (bench/guard-benign.ts: detection held-out tickets,
 * notes and logs, the odd docs pages and dependency READMEs and docs), scanned as retrieved chunks:
 * what the stated false-positive rate means on real documents no training or calibration read.
 */
export function realBenignRows(root: string): Row[] {
  return benignCorpus(root, 'heldout').documents.map((text) => ({ text, label: 'benign', source: 'real:document', guard_source: 'retrieved' }));
}

/** The repository's own evaluation sets, run when no file is given. */
const REPO_SETS = ['guard-handwritten.jsonl', 'guard-handwritten-2.jsonl', 'guard-generated.heldout.jsonl', 'guard-chat-handwritten.jsonl', 'guard-chat.heldout.jsonl', 'guard-prompts.heldout.jsonl', 'guard-jailbreak.heldout.jsonl', 'guard-documents.heldout.jsonl'];

function main(): void {
  const argv = process.argv.slice(2);
  const named = argv.filter((a, i) => !a.startsWith('--') && !(i > 0 && ['--split', '--layers', '--threshold', '--errors'].includes(argv[i - 1]!)));
  // No file: every committed set (the generated and hand-written ones, including ordinary chat).
  const files = named.length > 0 ? named : REPO_SETS.map((f) => new URL(`../../bench/data/${f}`, import.meta.url).pathname);
  const opt = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const split = opt('--split');
  const threshold = opt('--threshold') !== undefined ? Number(opt('--threshold')) : undefined;
  const errors = opt('--errors') !== undefined ? Number(opt('--errors')) : undefined;
  // No file: the real benign held-out documents too (`--real` alone runs only them).
  const real = argv.includes('--real') || named.length === 0 ? ['real'] : [];
  for (const file of [...(argv.includes('--real') && named.length === 0 ? [] : files), ...real]) {
    let rows = file === 'real' ? realBenignRows(new URL('../../', import.meta.url).pathname) : readFileSync(file, 'utf8').split('\n').filter((l) => l.trim().length > 0).map((l) => JSON.parse(l) as Row);
    if (split === 'train' || split === 'heldout') rows = rows.filter((r) => devSide(r) === split);
    const l = opt('--layers') ?? 'all';
    if (l !== 'all' && l !== 'rules' && l !== 'classifier') throw new Error('--layers must be all, rules or classifier');
    const layers: EvalLayers = l;
    const figs = evaluate(rows, { layers, ...(threshold !== undefined ? { threshold } : {}), ...(errors !== undefined ? { errors } : {}) });
    const t = shippedThresholds();
    console.log(`${file === 'real' ? 'real benign documents, held-out half (bench/guard-benign.ts)' : file}${split ? ` (${split} half)` : ''}: ${rows.length} rows; layers ${layers === 'rules' ? 'sanitise+rules' : layers === 'classifier' ? 'classifier alone' : 'sanitise+rules+classifier'}; flag at score >= ${threshold ?? DEFAULT_GUARD_THRESHOLD} (classifier raw thresholds: user ${t.user.toFixed(4)}, retrieved ${t.retrieved.toFixed(4)}, calibrated to ${t.userFpr * 100}% / ${t.targetFpr * 100}% FPR)`);
    console.log('source                     injections  recall   benign     FPR   by position (recall)');
    let ti = 0; let tc = 0; let tb = 0; let tf = 0;
    for (const s of figs) {
      ti += s.injections; tc += s.caught; tb += s.benign; tf += s.falsePositives;
      const pos = Object.entries(s.byPosition).sort().map(([k, [n, c]]) => `${k} ${pct(c, n).trim()} (${n})`).join(', ');
      console.log(`${s.source.padEnd(26)} ${String(s.injections).padStart(10)}  ${pct(s.caught, s.injections)}  ${String(s.benign).padStart(7)}  ${pct(s.falsePositives, s.benign)}   ${pos}`);
    }
    console.log(`${'all'.padEnd(26)} ${String(ti).padStart(10)}  ${pct(tc, ti)}  ${String(tb).padStart(7)}  ${pct(tf, tb)}`);
  }
}

if (process.argv[1] !== undefined && /eval-guard\.js$/.test(process.argv[1])) main();
