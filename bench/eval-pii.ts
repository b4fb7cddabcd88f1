// `npm run eval:pii -- <file.jsonl> [--label-map FILE --file-key KEY] [--threshold X] [--errors N] [--entities A,B] [--profile NAME]`
//
// Scores the default detector on labelled text: one JSON object a line, {"text", "spans":
// [{"start","end","label"}]}, offsets in UTF-16 code units, end exclusive.
//
// Two figures, as the issue and Presidio's evaluation define them:
// - any-PII (label-agnostic): a predicted span is a true positive when its character IoU with a gold
//   span is ≥ 0.9 (one-to-one, best IoU first); precision, recall and F2 (recall weighted).
// - per label, overlap matching: a prediction of label L is correct when it overlaps a gold span of
//   label L; a gold span is found when a prediction of L overlaps it.
//
// Gold labels go through the label map (source label → canonical entity); a canonical label the
// detector names differently is bridged by EQUIVALENT below (DATE_OF_BIRTH is a DATE_TIME when the
// data has no DATE_OF_BIRTH label, ZIP_CODE an address when there is no ZIP_CODE label). `--errors N` prints N missed and N false spans per label to
// stderr, for development only: the dev data is synthetic.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { analyze } from '../src/detect/analyze.js';
import { DEFAULT_RECOGNIZERS } from '../src/detect/registry.js';
import { ENTITIES, type Entity } from '../src/detect/types.js';
import { resolveProfile } from '../src/detect/profiles/apply-profile.js';
import type { ProfileName } from '../src/detect/profiles/table.js';

interface Span { start: number; end: number; label: string }
interface Record { text: string; spans: Span[] }

/** Detector entity → the coarser gold label it also satisfies when the gold set lacks the finer one. */
const EQUIVALENT: Partial<{ [E in Entity]: string }> = {
  DATE_OF_BIRTH: 'DATE_TIME',
  US_ITIN: 'US_SSN',
  // Address labels in Presidio-style data cover postcodes; a ZIP_CODE finding satisfies them when the
  // data has no ZIP_CODE label of its own.
  ZIP_CODE: 'STREET_ADDRESS',
};

function parseArgs(argv: string[]): { file: string; labelMap?: string; fileKey?: string; threshold?: number; errors: number; entities?: Entity[]; profile?: ProfileName } {
  let file: string | undefined;
  let labelMap: string | undefined;
  let fileKey: string | undefined;
  let threshold: number | undefined;
  let profile: ProfileName | undefined;
  let errors = 0;
  let entities: Entity[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--label-map') labelMap = argv[++i];
    else if (a === '--file-key') fileKey = argv[++i];
    else if (a === '--threshold') threshold = Number(argv[++i]);
    else if (a === '--profile') profile = resolveProfile(argv[++i] ?? '').name;
    else if (a === '--errors') errors = Number(argv[++i]);
    else if (a === '--entities') {
      entities = (argv[++i] ?? '').split(',').filter((e) => e !== '') as Entity[];
      const unknown = entities.filter((e) => !(ENTITIES as readonly string[]).includes(e));
      if (unknown.length > 0 || entities.length === 0) throw new Error(`--entities: unknown entity ${unknown.join(', ') || '(none)'}; one of ${ENTITIES.join(', ')}`);
    }
    else if (a === '-h' || a === '--help') {
      console.log('usage: npm run eval:pii -- <file.jsonl> [--label-map FILE --file-key KEY] [--threshold X] [--errors N] [--entities A,B] [--profile NAME]');
      process.exit(0);
    } else if (file === undefined) file = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  if (file === undefined) throw new Error('usage: npm run eval:pii -- <file.jsonl> [--label-map FILE --file-key KEY]');
  return { file, ...(labelMap ? { labelMap } : {}), ...(fileKey ? { fileKey } : {}), ...(threshold !== undefined ? { threshold } : {}), errors, ...(entities ? { entities } : {}), ...(profile !== undefined ? { profile } : {}) };
}

function iou(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union === 0 ? 0 : inter / union;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function f(beta: number, p: number, r: number): number {
  const b2 = beta * beta;
  return p + r === 0 ? 0 : ((1 + b2) * p * r) / (b2 * p + r);
}

const fmt = (x: number): string => (Number.isNaN(x) ? '  -  ' : x.toFixed(3));

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  let map: { [k: string]: string } | undefined;
  if (args.labelMap !== undefined) {
    const all = JSON.parse(readFileSync(args.labelMap, 'utf8')) as { [k: string]: unknown };
    const key = args.fileKey ?? basename(args.file);
    map = all[key] as { [k: string]: string } | undefined;
    if (map === undefined) throw new Error(`label map has no entry for ${key} (use --file-key)`);
  }
  const records: Record[] = readFileSync(args.file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record);
  const goldLabels = new Set<string>();
  for (const r of records) for (const s of r.spans) { s.label = map?.[s.label] ?? s.label; goldLabels.add(s.label); }
  const predLabel = (e: Entity): string => (goldLabels.has(e) ? e : EQUIVALENT[e] !== undefined && goldLabels.has(EQUIVALENT[e]!) ? EQUIVALENT[e]! : e);

  let anyTp = 0;
  const anyByLabel = new Map<string, { found: number; n: number }>();
  const anyFalse = new Map<string, number>();
  let predN = 0;
  let goldN = 0;
  let chars = 0;
  const per = new Map<string, { tpP: number; nP: number; tpG: number; nG: number; missed: string[]; wrong: string[] }>();
  const row = (l: string) => {
    let x = per.get(l);
    if (x === undefined) per.set(l, (x = { tpP: 0, nP: 0, tpG: 0, nG: 0, missed: [], wrong: [] }));
    return x;
  };
  const t0 = process.hrtime.bigint();
  const predictions = records.map((r) => analyze(r.text, DEFAULT_RECOGNIZERS, { ...(args.threshold !== undefined ? { threshold: args.threshold } : {}), ...(args.entities ? { entities: args.entities } : {}), ...(args.profile !== undefined ? { profile: args.profile } : {}) }));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;

  records.forEach((r, i) => {
    chars += r.text.length;
    const preds = predictions[i]!.map((p) => ({ start: p.start, end: p.end, label: predLabel(p.entity) }));
    predN += preds.length;
    goldN += r.spans.length;
    // any-PII: one-to-one, best IoU first.
    const pairs: Array<[number, number, number]> = [];
    preds.forEach((p, pi) => r.spans.forEach((g, gi) => { const v = iou(p, g); if (v >= 0.9) pairs.push([v, pi, gi]); }));
    pairs.sort((a, b) => b[0] - a[0]);
    const usedP = new Set<number>();
    const usedG = new Set<number>();
    for (const [, pi, gi] of pairs) {
      if (usedP.has(pi) || usedG.has(gi)) continue;
      usedP.add(pi);
      usedG.add(gi);
      anyTp++;
    }
    preds.forEach((q, pi) => {
      if (!usedP.has(pi)) anyFalse.set(q.label, (anyFalse.get(q.label) ?? 0) + 1);
    });
    r.spans.forEach((g, gi) => {
      const x = anyByLabel.get(g.label) ?? { found: 0, n: 0 };
      x.n++;
      if (usedG.has(gi)) x.found++;
      anyByLabel.set(g.label, x);
    });
    // per label, overlap.
    const show = (s: { start: number; end: number }) => JSON.stringify(r.text.slice(s.start, s.end)) + ' in ' + JSON.stringify(r.text.slice(Math.max(0, s.start - 40), s.end + 40));
    for (const p of preds) {
      const x = row(p.label);
      x.nP++;
      if (r.spans.some((g) => g.label === p.label && overlaps(p, g))) x.tpP++;
      else if (x.wrong.length < args.errors) {
        const other = r.spans.find((g) => overlaps(p, g));
        x.wrong.push(show(p) + (other ? ` (gold ${other.label} ${JSON.stringify(r.text.slice(other.start, other.end))})` : ''));
      }
    }
    for (const g of r.spans) {
      const x = row(g.label);
      x.nG++;
      if (preds.some((p) => p.label === g.label && overlaps(p, g))) x.tpG++;
      else if (x.missed.length < args.errors) {
        const other = preds.find((p) => overlaps(p, g));
        x.missed.push(show(g) + (other ? ` (predicted ${other.label} ${JSON.stringify(r.text.slice(other.start, other.end))})` : ''));
      }
    }
  });

  const p = predN === 0 ? NaN : anyTp / predN;
  const rc = goldN === 0 ? NaN : anyTp / goldN;
  console.log(`file: ${args.file}`);
  console.log(`records ${records.length}, gold spans ${goldN}, predicted spans ${predN}, ${(chars / 1e6).toFixed(2)} M chars in ${seconds.toFixed(2)} s`);
  console.log('');
  console.log(`any-PII (label-agnostic, IoU >= 0.9): precision ${fmt(p)}  recall ${fmt(rc)}  F2 ${fmt(f(2, p, rc))}`);
  console.log(`  any-PII recall by gold label: ${[...anyByLabel].sort((a, b) => b[1].n - a[1].n).map(([l, x]) => `${l} ${(x.found / x.n).toFixed(2)}`).join(', ')}`);
  console.log(`  any-PII unmatched predictions by predicted label: ${[...anyFalse].sort((a, b) => b[1] - a[1]).map(([l, n]) => `${l} ${n}`).join(', ')}`);
  console.log('');
  console.log('per label (overlap matching):');
  console.log(`${'label'.padEnd(22)} ${'gold'.padStart(5)} ${'pred'.padStart(5)}  precision  recall     F1`);
  const labels = [...per.keys()].sort((a, b) => per.get(b)!.nG - per.get(a)!.nG || a.localeCompare(b));
  for (const l of labels) {
    const x = per.get(l)!;
    const lp = x.nP === 0 ? NaN : x.tpP / x.nP;
    const lr = x.nG === 0 ? NaN : x.tpG / x.nG;
    const note = goldLabels.has(l) ? '' : '  (not labelled in this data)';
    console.log(`${l.padEnd(22)} ${String(x.nG).padStart(5)} ${String(x.nP).padStart(5)}  ${fmt(lp).padStart(9)}  ${fmt(lr).padStart(6)}  ${fmt(f(1, lp, lr)).padStart(5)}${note}`);
  }
  if (args.errors > 0) {
    for (const l of labels) {
      const x = per.get(l)!;
      for (const m of x.missed) console.error(`MISSED ${l}: ${m}`);
      for (const w of x.wrong) console.error(`FALSE  ${l}: ${w}`);
    }
  }
}

main();
