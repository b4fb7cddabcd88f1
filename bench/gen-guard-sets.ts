// `npm run gen:guard-sets [-- --check]`: writes (or checks) the guard's committed evaluation sets
// under bench/data/: generated with the 'heldout' half of the phrase lists (bench/gen/injection.ts)
// and a seed the training script never uses, so they measure phrasings the classifier never saw.
// bench/data/guard-handwritten.jsonl is written by hand, not generated (see bench/data/README-guard.md).
import { readFileSync, writeFileSync } from 'node:fs';
import { chatRows, injectionRows } from './gen/injection.js';
import { promptRows } from './gen/injection-prompts.js';
import { jailbreakRows } from './gen/injection-jailbreak.js';
import { genreRows } from './gen/injection-documents.js';

export const GUARD_SETS: readonly { file: string; generate(): object[] }[] = [
  {
    file: 'guard-generated.heldout.jsonl',
    generate: () => injectionRows('heldout', 7331, { direct: 300, benign: 300, documents: 200 }).map((r) => ({ text: r.text, label: r.label, source: r.source, ...(r.position ? { position: r.position } : {}) })),
  },
  {
    // Ordinary chat turns (greetings, questions about the conversation, contact details, support,
    // follow-ups): the false-positive rate on conversation, and recall on attacks phrased in the same
    // frames; held-out vocabulary and seed (issue 16).
    file: 'guard-chat.heldout.jsonl',
    generate: () => chatRows('heldout', 9173, 500, 100).map((r) => ({ text: r.text, label: r.label, source: r.source })),
  },
  {
    // User prompts (bench/gen/injection-prompts.ts): benign ones with trigger words used innocently
    // and ordinary ones of many kinds; role-play jailbreaks and polite or indirect overrides. The
    // held-out half of its TEMPLATES and vocabulary and a seed training never uses.
    file: 'guard-prompts.heldout.jsonl',
    generate: () => promptRows('heldout', 5119, 600, 300).map((r) => ({ text: r.text, label: r.label, source: r.source })),
  },
  {
    // Role-play jailbreaks composed from parts (bench/gen/injection-jailbreak.ts): the held-out half of
    // its frames, harmful acts and their objects, personas; harmless mirrors of the same frames and
    // benign prompts full of trigger words (security teaching, code, e-mail, system administration).
    file: 'guard-jailbreak.heldout.jsonl',
    generate: () => jailbreakRows('heldout', 6421, 600, 300).map((r) => ({ text: r.text, label: r.label, source: r.source })),
  },
  {
    // Retrieved documents where instruction words have their ordinary sense (bench/gen/
    // injection-documents.ts: READMEs about prompts, advisories, subtitles and dialogue, Q&A answers,
    // receipts, release notes, policies) and the same genres with one attack inserted; held-out half
    // of its phrase lists and of the attack phrases, a seed training never uses.
    file: 'guard-documents.heldout.jsonl',
    generate: () => genreRows('heldout', 4283, 400, 200).map((r) => ({ text: r.text, label: r.label, source: r.source, ...(r.position ? { position: r.position } : {}) })),
  },
];

function main(): void {
  const check = process.argv.includes('--check');
  let bad = 0;
  for (const s of GUARD_SETS) {
    const path = new URL(`../../bench/data/${s.file}`, import.meta.url).pathname;
    const text = s.generate().map((r) => JSON.stringify(r)).join('\n') + '\n';
    if (check) { if (readFileSync(path, 'utf8') !== text) { console.error(`${s.file} differs from the generator`); bad++; } }
    else { writeFileSync(path, text); console.error(`wrote ${s.file}`); }
  }
  process.exit(bad === 0 ? 0 : 1);
}

if (process.argv[1] !== undefined && /gen-guard-sets\.js$/.test(process.argv[1])) main();
