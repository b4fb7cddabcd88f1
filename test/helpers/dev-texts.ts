// The development texts (bench/data) the prefilter tests check their claims on: every text with its
// UPPER and lower copies, so a claim that ignores case is caught. Read once per process and kind.
import { readdirSync, readFileSync } from 'node:fs';
import { repoPath } from './paths.js';

/**
 * Which files give texts: 'jsonl' the `text` of each line of bench/data/*.jsonl; 'jsonl+txt' those and
 * each non-blank line of the .txt files; 'all' those and each non-blank line of every other file.
 */
export type DevTextFiles = 'jsonl' | 'jsonl+txt' | 'all';

const cache = new Map<DevTextFiles, readonly string[]>();

/** Every development text of `files`, each followed by its UPPER and lower copies. */
export function devTexts(files: DevTextFiles = 'jsonl'): readonly string[] {
  const known = cache.get(files);
  if (known !== undefined) return known;
  const dir = repoPath('bench', 'data');
  const out: string[] = [];
  for (const file of readdirSync(dir)) {
    const jsonl = file.endsWith('.jsonl');
    if (!jsonl && files === 'jsonl') continue;
    if (!jsonl && files === 'jsonl+txt' && !file.endsWith('.txt')) continue;
    const lines = readFileSync(`${dir}/${file}`, 'utf8').split('\n').filter((l) => l.trim() !== '');
    for (const l of lines) {
      const t = jsonl ? (JSON.parse(l) as { text?: unknown }).text : l;
      if (typeof t === 'string') out.push(t, t.toUpperCase(), t.toLowerCase());
    }
  }
  cache.set(files, out);
  return out;
}
