#!/usr/bin/env node
// Turns hand-labelled text ("[[PERSON:Jane Doe]] called") into eval:pii JSONL with UTF-16 offsets.
// Usage: node scripts/markup-to-jsonl.mjs bench/data/clinical-notes.txt > bench/data/clinical-notes.jsonl
import { readFileSync } from 'node:fs';

const MARK = /\[\[([A-Z_]+):([^\]]+)\]\]/g;
readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.trim() !== '').forEach((line, n) => {
  let text = '';
  const spans = [];
  let last = 0;
  for (const m of line.matchAll(MARK)) {
    text += line.slice(last, m.index);
    spans.push({ start: text.length, end: text.length + m[2].length, label: m[1] });
    text += m[2];
    last = m.index + m[0].length;
  }
  text += line.slice(last);
  process.stdout.write(JSON.stringify({ id: `note-${n + 1}`, text, spans }) + '\n');
});
