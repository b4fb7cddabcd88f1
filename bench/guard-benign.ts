// Benign text already in the repository, for training and evaluating the injection classifier:
// the detection development sets (bench/data/*.dev.jsonl train, *.heldout.jsonl evaluate), the docs
// (except guard.md, which quotes attacks) and the READMEs of the pinned dependencies under
// node_modules (even positions in sorted order train, odd ones evaluate). Documents are cut into
// chunks of about 1,500 characters at blank lines, as a RAG splitter would.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SETS = ['chat-tickets', 'icu-notes', 'log-lines', 'presidio-style'];
const CHUNK = 1500;

export function chunks(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const para of text.split(/\n\s*\n/)) {
    if (cur.length + para.length > CHUNK && cur.length > 0) { out.push(cur); cur = ''; }
    cur += (cur.length > 0 ? '\n\n' : '') + para.slice(0, CHUNK * 2);
  }
  if (cur.trim().length > 0) out.push(cur);
  return out;
}

function readmes(root: string): string[] {
  const nm = join(root, 'node_modules');
  if (!existsSync(nm)) return [];
  const files: string[] = [];
  for (const name of readdirSync(nm).sort()) {
    const dirs = name.startsWith('@') ? readdirSync(join(nm, name)).sort().map((n) => join(nm, name, n)) : [join(nm, name)];
    for (const d of dirs) for (const f of ['README.md', 'readme.md', 'Readme.md']) if (existsSync(join(d, f))) { files.push(join(d, f)); break; }
  }
  return files;
}

/** Benign documents (retrieved-style chunks) and prompts (short user-style texts) of one half. */
export function benignCorpus(root: string, half: 'train' | 'heldout'): { documents: string[]; prompts: string[] } {
  const documents: string[] = [];
  const prompts: string[] = [];
  for (const set of SETS) {
    const file = join(root, 'bench/data', `${set}.${half === 'train' ? 'dev' : 'heldout'}.jsonl`);
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line.trim().length === 0) continue;
      const text = (JSON.parse(line) as { text: string }).text;
      documents.push(text);
      if (set === 'chat-tickets' && text.length < 1200) prompts.push(text);
    }
  }
  const docsDir = join(root, 'docs');
  const docFiles = readdirSync(docsDir).filter((f) => f.endsWith('.md') && f !== 'guard.md' && f !== 'rag.md').sort();
  docFiles.forEach((f, i) => { if ((i % 2 === 0) === (half === 'train')) documents.push(...chunks(readFileSync(join(docsDir, f), 'utf8'))); });
  readmes(root).forEach((f, i) => { if ((i % 2 === 0) === (half === 'train')) documents.push(...chunks(readFileSync(f, 'utf8').slice(0, 60_000))); });
  return { documents, prompts };
}
