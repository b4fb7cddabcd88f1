// `cordon detect` on worker threads (issue 13 item 6): blocks of lines answered by workers and by the
// main thread come out byte for byte as on one thread, in input order, with the same bad-line
// handling; --workers N starts N - 1 workers (the main thread answers blocks too); a pipe switches
// to workers once enough has been read; small inputs start no worker; a failed worker is
// ERR_INTERNAL. The thresholds are lowered here (parallelFrom, blockLines) so that sets of a few
// hundred lines cross many blocks and every thread.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { runDetect, type DetectRun, type DetectRunResult } from '../../../src/cli/commands/detect-run.js';
import { startDetectPool } from '../../../src/cli/commands/detect-pool.js';
import type { LineSettings } from '../../../src/cli/commands/detect-lines.js';
import { CordonError } from '../../../src/errors.js';
import { repoPath } from '../../helpers/paths.js';

const SETS = ['log-lines.dev.jsonl', 'chat-tickets.heldout.jsonl', 'icu-notes.dev.jsonl'];

function lines(file: string): string[] {
  return readFileSync(repoPath('bench', 'data', file), 'utf8').split('\n').filter((l) => l.trim() !== '');
}

const JSONL: LineSettings = { format: 'jsonl', explain: false, showValues: false, skip: false, options: {} };

interface Out extends DetectRunResult { readonly out: string; readonly warnings: string[]; readonly error?: unknown }

async function detect(input: string | Buffer, settings: LineSettings, workers: number, more: Partial<DetectRun> = {}): Promise<Out> {
  let out = '';
  const warnings: string[] = [];
  const run: DetectRun = {
    settings, workers, size: Buffer.byteLength(input), parallelFrom: 0, blockLines: 7,
    write: async (s) => { out += s; }, warn: (s) => { warnings.push(s); }, ...more,
  };
  try {
    return { ...(await runDetect(Readable.from([Buffer.from(input)]), run)), out, warnings };
  } catch (error) {
    return { findings: -1, skipped: [], workers: -1, linesOnWorkers: -1, out, warnings, error };
  }
}

describe('cordon detect on worker threads', () => {
  it('answers every bench/data set byte for byte as one thread does, in order, on the workers and this thread', async () => {
    for (const set of SETS) {
      const input = lines(set).join('\n') + '\n';
      const one = await detect(input, JSONL, 1);
      assert.equal(one.workers, 0, set);
      assert.equal(one.out.split('\n').length - 1, lines(set).length, set);
      assert.ok(one.out.includes('"entity"'), `${set}: no finding at all, the comparison would prove nothing`);
      for (const threads of [2, 3]) {
        const many = await detect(input, JSONL, threads);
        // N threads: N - 1 workers, and this thread answers the blocks they have no room for.
        assert.equal(many.workers, threads - 1, set);
        assert.ok(many.linesOnWorkers > 0 && many.linesOnWorkers < lines(set).length, `${set}: ${many.linesOnWorkers} lines on workers`);
        assert.equal(many.out, one.out, `${set}, ${threads} threads`);
      }
    }
  });

  it('text format with --explain: same bytes and the same finding count', async () => {
    const input = lines('log-lines.heldout.jsonl').map((l) => (JSON.parse(l) as { text: string }).text.replace(/\n/g, ' ')).join('\n');
    const settings: LineSettings = { format: 'text', explain: true, showValues: false, skip: false, options: { profile: 'hipaa' } };
    const one = await detect(input, settings, 1);
    const two = await detect(input, settings, 2);
    assert.ok(one.findings > 10);
    assert.equal(two.findings, one.findings);
    assert.equal(two.out, one.out);
  });

  it('--on-error skip: bad lines are answered in place and listed, the same on workers', async () => {
    const good = lines('log-lines.dev.jsonl').slice(0, 40);
    const input = Buffer.concat([
      Buffer.from(good.slice(0, 9).join('\n') + '\nnot json\n'),
      Buffer.from([0x7b, 0xff, 0xfe, 0x0a]), // invalid UTF-8
      Buffer.from(good.slice(9, 30).join('\n') + '\n{"no":"text"}\n' + good.slice(30).join('\n') + '\n'),
    ]);
    const settings = { ...JSONL, skip: true };
    const one = await detect(input, settings, 1);
    const two = await detect(input, settings, 2);
    assert.deepEqual(one.skipped, [10, 11, 33]);
    assert.deepEqual(two.skipped, one.skipped);
    assert.equal(two.out, one.out);
    assert.match(two.out.split('\n')[10]!, /"error":\{"code":"ERR_INPUT_INVALID","line":11\}/);
  });

  it('without skip, a bad line stops the run after every line before it was printed', async () => {
    const good = lines('chat-tickets.heldout.jsonl').slice(0, 60);
    const input = [...good.slice(0, 44), '{"text": 5}', ...good.slice(44)].join('\n') + '\n';
    const one = await detect(input, JSONL, 1);
    const two = await detect(input, JSONL, 2);
    for (const r of [one, two]) {
      assert.ok(r.error instanceof CordonError);
      assert.equal(r.error.code, 'ERR_INPUT_INVALID');
      assert.deepEqual(r.error.details, { line: 45 });
      assert.equal(r.out.split('\n').length - 1, 44);
    }
    assert.equal(two.out, one.out);
  });

  it('a pipe (size unknown) starts on this thread and moves to workers once enough was read', async () => {
    const all = lines('icu-notes.dev.jsonl');
    const input = all.join('\n') + '\n';
    const piped = await detect(input, JSONL, 2, { size: undefined, parallelFrom: 20_000 });
    assert.equal(piped.workers, 1);
    assert.ok(piped.linesOnWorkers > 0 && piped.linesOnWorkers < all.length, String(piped.linesOnWorkers));
    assert.equal(piped.out, (await detect(input, JSONL, 1)).out);
  });

  it('small inputs start no worker', async () => {
    const input = lines('log-lines.dev.jsonl').slice(0, 20).join('\n') + '\n';
    const small = await detect(input, JSONL, 2, { parallelFrom: 1024 * 1024 });
    assert.equal(small.workers, 0);
    assert.equal(small.linesOnWorkers, 0);
    const piped = await detect(input, JSONL, 2, { size: undefined, parallelFrom: 1024 * 1024 });
    assert.equal(piped.workers, 0);
  });

  it('a worker that cannot start fails its blocks with ERR_INTERNAL', async () => {
    // A recognizer document the main thread would have refused: the worker's start-up throws.
    const pool = startDetectPool(1, { settings: JSONL, recognizers: { recognizers: [{ name: 'bad' }] } });
    try {
      await assert.rejects(pool.run({ lines: [{ number: 1, text: '{"text":"x"}' }] }), (e: unknown) => e instanceof CordonError && e.code === 'ERR_INTERNAL');
      await assert.rejects(pool.run({ lines: [{ number: 2, text: '{"text":"x"}' }] }), (e: unknown) => e instanceof CordonError && e.code === 'ERR_INTERNAL');
    } finally {
      await pool.close();
    }
  });
});
