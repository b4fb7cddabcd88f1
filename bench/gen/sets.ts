// The generated development sets: file name under bench/data/, generator, split and size. One table,
// read by bench/gen-dev-sets.ts (writes or checks the files) and by the quality ratchet test.
import type { LabelledRecord } from './builder.js';
import { chatTickets } from './chat.js';
import { chatSetB } from './chat-b.js';
import { clinicalNotes } from './clinical.js';
import { clinicalNotesB } from './clinical-b.js';
import { clinicalNotesC } from './clinical-c.js';
import { logLines } from './logs.js';
import { presidioStyle } from './presidio-style.js';
import { secretsSet } from './secrets.js';
import { secretsSetB } from './secrets-b.js';
import { secretsSetC } from './secrets-c.js';
import type { Split } from './vocab.js';

export interface DevSet {
  readonly file: string;
  readonly split: Split;
  generate(): LabelledRecord[];
}

export const DEV_SETS: readonly DevSet[] = [
  { file: 'icu-notes.dev.jsonl', split: 'dev', generate: () => clinicalNotes('dev', 250) },
  { file: 'icu-notes.heldout.jsonl', split: 'heldout', generate: () => clinicalNotes('heldout', 250) },
  { file: 'clinical-b.dev.jsonl', split: 'dev', generate: () => clinicalNotesB('dev', 200) },
  { file: 'clinical-b.heldout.jsonl', split: 'heldout', generate: () => clinicalNotesB('heldout', 200) },
  { file: 'clinical-c.dev.jsonl', split: 'dev', generate: () => clinicalNotesC('dev', 250) },
  { file: 'clinical-c.heldout.jsonl', split: 'heldout', generate: () => clinicalNotesC('heldout', 250) },
  { file: 'chat-tickets.dev.jsonl', split: 'dev', generate: () => chatTickets('dev', 200) },
  { file: 'chat-tickets.heldout.jsonl', split: 'heldout', generate: () => chatTickets('heldout', 200) },
  { file: 'chat-b.dev.jsonl', split: 'dev', generate: () => chatSetB('dev', 250) },
  { file: 'chat-b.heldout.jsonl', split: 'heldout', generate: () => chatSetB('heldout', 250) },
  { file: 'log-lines.dev.jsonl', split: 'dev', generate: () => logLines('dev', 200) },
  { file: 'log-lines.heldout.jsonl', split: 'heldout', generate: () => logLines('heldout', 200) },
  { file: 'presidio-style.dev.jsonl', split: 'dev', generate: () => presidioStyle('dev', 340) },
  { file: 'presidio-style.heldout.jsonl', split: 'heldout', generate: () => presidioStyle('heldout', 340) },
  { file: 'secrets.dev.jsonl', split: 'dev', generate: () => secretsSet('dev', 700) },
  { file: 'secrets.heldout.jsonl', split: 'heldout', generate: () => secretsSet('heldout', 700) },
  { file: 'secrets-b.heldout.jsonl', split: 'heldout', generate: () => secretsSetB(600) },
  { file: 'secrets-c.dev.jsonl', split: 'dev', generate: () => secretsSetC('dev', 600) },
  { file: 'secrets-c.heldout.jsonl', split: 'heldout', generate: () => secretsSetC('heldout', 600) },
];

/** The JSONL text of a set, exactly as committed. */
export function toJsonl(records: readonly LabelledRecord[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}
