// `npm run bench:guard`: latency of the input guard (sanitise + rules + shipped classifier) per KB
// of text, on user prompts and on retrieved chunks of 0.25-8 KB built from the committed evaluation
// sets. Reports p50/p99 per size in ms and ms per KB, and CPU seconds for the whole run. The target
// (issue 16) is p99 < 2 ms per KB. Warm-up first; one process, so compare runs back to back.
import { readFileSync } from 'node:fs';
import { scanInputSync } from '../src/guard/scan-input.js';
import type { GuardSource } from '../src/guard/types.js';

const DATA = new URL('../../bench/data/', import.meta.url).pathname;
const texts = ['guard-generated.heldout.jsonl', 'guard-handwritten.jsonl']
  .flatMap((f) => readFileSync(DATA + f, 'utf8').split('\n').filter((l) => l.length > 0).map((l) => (JSON.parse(l) as { text: string }).text));

/** Texts of about `bytes` UTF-8 bytes, concatenated from the sets, starting at different rows. */
function corpus(bytes: number, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let t = '';
    for (let j = (i * 7) % texts.length; Buffer.byteLength(t) < bytes; j = (j + 1) % texts.length) t += texts[j] + '\n';
    out.push(t.slice(0, bytes));
  }
  return out;
}

function pct(xs: number[], p: number): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

const cpu0 = process.cpuUsage();
for (const t of corpus(1024, 200)) scanInputSync(t);
console.log('size    source      runs   p50 ms   p99 ms   p99 ms/KB');
let worst = 0;
for (const size of [256, 1024, 4096, 8192]) {
  for (const source of ['user', 'retrieved'] as GuardSource[]) {
    const items = corpus(size, size <= 1024 ? 600 : 200);
    const ms: number[] = [];
    for (const t of items) {
      const t0 = process.hrtime.bigint();
      scanInputSync(t, { source });
      ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const kb = Math.max(1, size / 1024);
    const perKb = pct(ms, 0.99) / kb;
    worst = Math.max(worst, perKb);
    console.log(`${String(size).padStart(5)} B  ${source.padEnd(10)} ${String(items.length).padStart(5)}  ${pct(ms, 0.5).toFixed(3).padStart(7)}  ${pct(ms, 0.99).toFixed(3).padStart(7)}  ${perKb.toFixed(3).padStart(9)}`);
  }
}
const cpu = process.cpuUsage(cpu0);
console.log(`worst p99 per KB: ${worst.toFixed(3)} ms (target < 2 ms; texts under 1 KB count as 1 KB); CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`);
