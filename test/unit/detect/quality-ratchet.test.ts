// The quality ratchet: detection's any-PII precision and recall on the repository's own labelled sets
// (bench/data/) may not fall below the floors here, which sit just under the figures measured when
// they were set. Raise a floor when detection improves; lower one only with the reason in the commit.
// Figures are those of `npm run eval:pii -- bench/data/<file>` (IoU >= 0.9, one-to-one); the scorer is
// shared (bench/score-pii.ts). The generated sets must also be exactly what their generators write,
// so a floor always refers to reproducible data.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../src/detect/analyze.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import type { Entity } from '../../../src/detect/types.js';
import { scoreAnyPii, type ScoredSpan } from '../../../bench/score-pii.js';
import { DEV_SETS, toJsonl } from '../../../bench/gen/sets.js';

const DATA = join(new URL('../../../../', import.meta.url).pathname, 'bench', 'data');

interface Floor { readonly file: string; readonly precision: number; readonly recall: number; readonly entities?: readonly Entity[] }

/** Default recognizers, default threshold; a set that labels only some entities is scored on those. */
const FLOORS: readonly Floor[] = [
  // 0.963 since "Harold Jenkins, 72M, admitted" is read as an age: the hand labels leave that age out.
  { file: 'clinical-notes.jsonl', precision: 0.96, recall: 0.97 },
  { file: 'icu-notes.dev.jsonl', precision: 0.705, recall: 0.90 },
  // Recall 0.945 since the sets gained labelled dates ("DISCHARGE DATE: 12/12"): the held-out family's
  // labels ("date of admit: 3-6", "surgery date - 12/12") are not cues here, and were not tuned for.
  { file: 'icu-notes.heldout.jsonl', precision: 0.75, recall: 0.955 },
  { file: 'clinical-b.dev.jsonl', precision: 0.81, recall: 0.98 },
  { file: 'clinical-b.heldout.jsonl', precision: 0.81, recall: 0.985 },
  // A third, independent clinical generator (bench/gen/clinical-c.ts): ED triage, radiology, discharge,
  // SOAP shorthand, flowsheets, ALL CAPS and lower case, eponyms and exam shorthand as traps.
  // 0.638/0.761 and 0.644/0.785 when set; 0.685/0.809 and 0.689/0.821 since eponyms by use, saints and dashed dates;
  // 0.697/0.854 and 0.699/0.862 since phones before ". 0520", after pager/reading room/cm, and 274/503-3769.
  // 0.745/0.914 and 0.754/0.930 since facility heads in every casing and lone towns needing place evidence;
  // 0.752/0.930 and 0.757/0.938 since year-less dates after event words, labels and procedures (5-27, OR: 11-28).
  { file: 'clinical-c.dev.jsonl', precision: 0.75, recall: 0.925 },
  { file: 'clinical-c.heldout.jsonl', precision: 0.755, recall: 0.935 },
  { file: 'chat-tickets.dev.jsonl', precision: 0.98, recall: 0.98 },
  // 0.91 since the census and US given-name lists (issue 13): 0.924 -> 0.919 there, two more surnames
  // of firms and places read as people; PERSON recall 0.697 -> 0.702. Not tuned on this set.
  { file: 'chat-tickets.heldout.jsonl', precision: 0.91, recall: 0.79 },
  // An independent generator (bench/gen/chat-b.ts): chat exports, e-mail threads, ticket notes, on-call
  // handoffs, direct messages; names in lower case, as handles and in sign-offs. Measured 0.918/0.620 (dev),
  // 0.911/0.622 (held-out) before the chat cues (person-chat.ts, lower-case names and towns after a cue);
  // 0.948/0.882 and 0.945/0.890 after.
  { file: 'chat-b.dev.jsonl', precision: 0.94, recall: 0.875 },
  { file: 'chat-b.heldout.jsonl', precision: 0.94, recall: 0.885 },
  { file: 'log-lines.dev.jsonl', precision: 0.83, recall: 0.82 },
  { file: 'log-lines.heldout.jsonl', precision: 0.95, recall: 0.91 },
  { file: 'presidio-style.dev.jsonl', precision: 0.945, recall: 0.935 },
  { file: 'presidio-style.heldout.jsonl', precision: 0.925, recall: 0.92 },
  { file: 'secrets.dev.jsonl', precision: 0.98, recall: 0.98, entities: ['SECRET'] },
  { file: 'secrets.heldout.jsonl', precision: 0.98, recall: 0.98, entities: ['SECRET'] },
  // An independent generator (bench/gen/secrets-b.ts): shell history, Kubernetes, cloud credential files,
  // SQL, PowerShell, stack traces, CI logs. Measured 0.923/0.830 before the fixes it prompted, 1.000/0.993 after;
  // 1.000/1.000 since "the temp one is 'X'" after a reset (secrets-c).
  { file: 'secrets-b.heldout.jsonl', precision: 0.99, recall: 0.995, entities: ['SECRET'] },
  // A third independent generator (bench/gen/secrets-c.ts): notebooks, Kubernetes Secrets, tfvars, compose,
  // Actions logs, webhooks, AWS temporary credentials, base64-wrapped keys. Dev measured 0.949/0.888
  // before the fixes it prompted, 1.000/1.000 after; held-out 1.000/1.000 (not tuned on).
  { file: 'secrets-c.dev.jsonl', precision: 0.995, recall: 0.995, entities: ['SECRET'] },
  { file: 'secrets-c.heldout.jsonl', precision: 0.995, recall: 0.995, entities: ['SECRET'] },
];

function load(file: string): Array<{ text: string; spans: ScoredSpan[] }> {
  return readFileSync(join(DATA, file), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as { text: string; spans: ScoredSpan[] });
}

describe('detection quality ratchet (default profile)', () => {
  for (const floor of FLOORS) {
    it(`${floor.file}${floor.entities ? ` (${floor.entities.join(', ')})` : ''}: precision >= ${floor.precision}, recall >= ${floor.recall}`, () => {
      const records = load(floor.file);
      assert.ok(records.length > 0 && records.some((r) => r.spans.length > 0), 'set has labelled spans');
      const predicted = records.map((r) => analyze(r.text, DEFAULT_RECOGNIZERS, floor.entities ? { entities: floor.entities } : {}).map((f) => ({ start: f.start, end: f.end, label: f.entity })));
      const s = scoreAnyPii(records.map((r) => r.spans), predicted);
      assert.ok(s.precision >= floor.precision, `precision ${s.precision.toFixed(3)} fell below ${floor.precision}`);
      assert.ok(s.recall >= floor.recall, `recall ${s.recall.toFixed(3)} fell below ${floor.recall}`);
    });
  }
});

/**
 * The hipaa profile on the sets labelled under HIPAA Safe Harbor (measured 0.914/0.908 and 0.941/0.950;
 * clinical-b, other clinical styles: 0.989/0.984 and 0.993/0.989).
 */
const HIPAA_FLOORS: readonly Floor[] = [
  { file: 'icu-notes.dev.jsonl', precision: 0.91, recall: 0.905 },
  { file: 'icu-notes.heldout.jsonl', precision: 0.95, recall: 0.955 },
  { file: 'clinical-b.dev.jsonl', precision: 0.985, recall: 0.98 },
  { file: 'clinical-b.heldout.jsonl', precision: 0.99, recall: 0.985 },
  // 0.768/0.760 and 0.774/0.785 when set; 0.828/0.809 and 0.832/0.821 since eponyms by use, saints and dashed dates;
  // 0.835/0.854 and 0.839/0.862 since the phone layouts of notes (PHONE_NUMBER recall 0.68 -> 0.997).
  // 0.892/0.914 and 0.904/0.930 since facility heads in every casing and lone towns needing place evidence;
  // 0.899/0.930 and 0.907/0.938 since year-less dates (DATE_TIME recall 0.922 -> 0.977 dev, 0.947 -> 0.975 heldout).
  { file: 'clinical-c.dev.jsonl', precision: 0.895, recall: 0.925 },
  { file: 'clinical-c.heldout.jsonl', precision: 0.905, recall: 0.935 },
];

describe('detection quality ratchet (hipaa profile)', () => {
  for (const floor of HIPAA_FLOORS) {
    it(`${floor.file}: precision >= ${floor.precision}, recall >= ${floor.recall}`, () => {
      const records = load(floor.file);
      const predicted = records.map((r) => analyze(r.text, DEFAULT_RECOGNIZERS, { profile: 'hipaa' }).map((f) => ({ start: f.start, end: f.end, label: f.entity })));
      const s = scoreAnyPii(records.map((r) => r.spans), predicted);
      assert.ok(s.precision >= floor.precision, `precision ${s.precision.toFixed(3)} fell below ${floor.precision}`);
      assert.ok(s.recall >= floor.recall, `recall ${s.recall.toFixed(3)} fell below ${floor.recall}`);
    });
  }
});

describe('generated development sets', () => {
  it('every generated set has a floor', () => {
    for (const set of DEV_SETS) assert.ok(FLOORS.some((f) => f.file === set.file), `${set.file} has no floor`);
  });
  for (const set of DEV_SETS) {
    it(`bench/data/${set.file} is what its generator writes (npm run gen:dev-sets)`, () => {
      assert.equal(readFileSync(join(DATA, set.file), 'utf8'), toJsonl(set.generate()));
    });
  }
  it('spans lie inside their text and do not overlap', () => {
    for (const set of DEV_SETS) {
      for (const r of set.generate()) {
        let end = 0;
        for (const s of [...r.spans].sort((a, b) => a.start - b.start)) {
          assert.ok(s.start >= end && s.end > s.start && s.end <= r.text.length, `${r.id}: bad span ${JSON.stringify(s)}`);
          assert.equal(r.text.slice(s.start, s.end).trim(), r.text.slice(s.start, s.end), `${r.id}: span has outer spaces`);
          end = s.end;
        }
      }
    }
  });
});

describe('any-PII scorer', () => {
  it('matches one-to-one at IoU >= 0.9 and counts the rest as misses and false alarms', () => {
    const gold = [[{ start: 0, end: 10, label: 'PERSON' }, { start: 20, end: 30, label: 'DATE_TIME' }]];
    const pred = [[{ start: 0, end: 10, label: 'PERSON' }, { start: 0, end: 9, label: 'PERSON' }, { start: 20, end: 25, label: 'DATE_TIME' }]];
    const s = scoreAnyPii(gold, pred);
    assert.equal(s.tp, 1);
    assert.equal(s.precision, 1 / 3);
    assert.equal(s.recall, 1 / 2);
    assert.deepEqual(s.byLabel.get('DATE_TIME'), { found: 0, n: 1 });
  });
});
