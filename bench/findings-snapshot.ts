// `node dist/bench/findings-snapshot.js --write OUT.json FILE...` records every finding the default
// detector makes on each text of the given files (JSONL with a "text" field, or plain text, one text
// a line); `--compare OUT.json FILE...` runs the detector again and lists every text whose findings
// differ (entity, offsets, score, recognizer and pattern). A pure speed change must compare equal on
// every dev text; a quality change shows exactly what it moved. The snapshot holds offsets and
// names only, never the text.
import { readFileSync, writeFileSync } from 'node:fs';
import { analyze } from '../src/detect/analyze.js';
import { DEFAULT_RECOGNIZERS } from '../src/detect/registry.js';

function texts(file: string): string[] {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  if (!file.endsWith('.jsonl')) return lines;
  return lines.map((l) => (JSON.parse(l) as { text: string }).text);
}

function findings(text: string): string[] {
  return analyze(text, DEFAULT_RECOGNIZERS).map((f) => `${f.entity} ${f.start}-${f.end} ${f.score} ${f.explanation.recognizer}/${f.explanation.pattern}`);
}

function main(): void {
  const [mode, out, ...files] = process.argv.slice(2);
  if ((mode !== '--write' && mode !== '--compare') || out === undefined || files.length === 0) {
    console.error('usage: node dist/bench/findings-snapshot.js --write|--compare SNAPSHOT.json FILE...');
    process.exit(2);
  }
  const now: Record<string, string[][]> = {};
  for (const f of files) now[f] = texts(f).map(findings);
  if (mode === '--write') {
    writeFileSync(out, JSON.stringify(now), { flag: 'wx' });
    console.log(`wrote ${out}: ${Object.values(now).reduce((n, xs) => n + xs.length, 0)} texts`);
    return;
  }
  const before = JSON.parse(readFileSync(out, 'utf8')) as Record<string, string[][]>;
  let differ = 0;
  let total = 0;
  for (const f of files) {
    const all = texts(f);
    const was = before[f];
    if (was === undefined) throw new Error(`${f} is not in ${out}`);
    now[f]!.forEach((fs, i) => {
      total++;
      const old = was[i] ?? [];
      if (JSON.stringify(old) === JSON.stringify(fs)) return;
      differ++;
      const text = all[i]!;
      const show = (s: string) => {
        const [, range] = s.split(' ');
        const [a, b] = range!.split('-').map(Number);
        return `${s} ${JSON.stringify(text.slice(a!, b!))}`;
      };
      for (const s of old.filter((x) => !fs.includes(x))) console.log(`${f}:${i + 1} - ${show(s)}`);
      for (const s of fs.filter((x) => !old.includes(x))) console.log(`${f}:${i + 1} + ${show(s)}`);
    });
  }
  console.log(`${differ} of ${total} texts differ`);
  process.exitCode = differ === 0 ? 0 : 1;
}

main();
