// The shipped classifier weights must be what scripts/train-injection.mjs trains from the committed
// inputs (issue 16): weights.ts records the SHA-256 of every repository input (generators, trainer,
// features, the pinned docs snapshot, the dependency README manifest, the detection dev sets), and a
// change to any of them without retraining fails here. Retraining itself (~30 s and the development
// file outside the repository) is `node scripts/train-injection.mjs --dev <dev.jsonl> --check`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { WEIGHTS } from '../../../src/guard/injection/weights.js';
import { DOCS_SNAPSHOT, staleReadmes, TRAINING_INPUTS, trainingInputDigests } from '../../../bench/guard-benign.js';
import { REPO_ROOT, repoPath } from '../../helpers/paths.js';

const RETRAIN = 'retrain: npx tsc -p tsconfig.json && node scripts/train-injection.mjs --dev ../shared/data/injection/dev.jsonl';

describe('guard classifier weights: provenance', () => {
  it('records exactly the training inputs, each with the digest of its committed bytes', () => {
    assert.deepEqual(Object.keys(WEIGHTS.provenance.inputs).sort(), [...TRAINING_INPUTS].sort());
    const now = trainingInputDigests(REPO_ROOT);
    for (const p of TRAINING_INPUTS) assert.equal(WEIGHTS.provenance.inputs[p], now[p], `${p} changed since the weights were trained; ${RETRAIN}`);
  });

  it('was trained with a development file, named by its digest', () => {
    assert.equal(WEIGHTS.id, 'linear-v1');
    assert.match(WEIGHTS.provenance.dev ?? '', /^[0-9a-f]{64}$/);
  });

  it('the dependency READMEs it read are still the pinned ones', () => {
    assert.deepEqual(staleReadmes(REPO_ROOT), [], `rewrite the snapshot (node dist/bench/guard-benign.js --write <commit>) and ${RETRAIN}`);
  });

  it('the docs snapshot leaves out the pages that quote attacks', () => {
    const files = new Set(readFileSync(repoPath(DOCS_SNAPSHOT), 'utf8').split('\n').filter((l) => l.length > 0).map((l) => (JSON.parse(l) as { file: string }).file));
    assert.ok(files.size > 10);
    assert.ok(!files.has('docs/guard.md') && !files.has('docs/rag.md'));
  });
});
