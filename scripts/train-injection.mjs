#!/usr/bin/env node
// Retrains the built-in injection classifier and writes src/guard/injection/weights.ts.
// Usage (after `npx tsc -p tsconfig.json`):
//   node scripts/train-injection.mjs [--dev ../shared/data/injection/dev.jsonl] [--check]
//
// Deterministic: a fixed seed for the generator (bench/gen/injection.ts) and for the shuffles, no
// Math.random, and only pinned inputs (bench/guard-benign.ts: a committed docs snapshot, digests of the
// dependency READMEs), so the same commit and dev file give byte-identical weights and --check passes
// until an input changes. weights.ts records every input's SHA-256 (test/unit/guard/weights-provenance). With --dev, the development set is
// split BY pair_id (BIPIA twins stay together) and by text for NotInject; only the train half is
// used, for training and calibration; the other half is what `npm run eval:guard` reports on.
// Model: two logistic regressions (user prompts scored whole; retrieved chunks scored per
// segment) over hashed word and character n-grams, trained with AdaGrad and L2, quantised to int8.
// Thresholds: the raw probability at which the false-positive rate on benign calibration text
// (generated prompts and documents of a different seed, a calibration quarter of the dev set's train
// half and of the real benign corpus, never trained on) is TARGET_FPR; the runtime maps that threshold
// to a score of 0.5. The log prints how far the retrieved threshold moves over bootstrap resamples.
// GUARD_QUANTILE=hd takes each group's quantile by Harrell-Davis instead of the order statistic
// (smoother under resampling, measured in docs/guard.md, Calibration; not the default).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = (p) => join(root, 'dist', p);
const { injectionRows, chatRows } = await import(dist('bench/gen/injection.js'));
const { promptRows } = await import(dist('bench/gen/injection-prompts.js'));
const { jailbreakRows } = await import(dist('bench/gen/injection-jailbreak.js'));
const { genreRows } = await import(dist('bench/gen/injection-documents.js'));
const { rng } = await import(dist('bench/gen/rng.js'));
const { sanitise, viewSpan } = await import(dist('src/guard/sanitise/sanitise.js'));
const { featurize, segments, segmentContexts, segmentFeatures, userFeatures: userViewFeatures, FEATURE_BITS } = await import(dist('src/guard/injection/features.js'));
// The user model reads prompts with their quoted passages apart (features.ts userModelText).
const userFeatures = (text) => userViewFeatures(sanitise(text).view.text);
const { devSplit } = await import(dist('bench/guard-data.js'));

// GUARD_SEED retrains from other generated sets and shuffles, to measure how far the thresholds move.
const SEED = Number(process.env.GUARD_SEED ?? 20261206);
const TARGET_FPR = Number(process.env.GUARD_RETRIEVED_FPR ?? 0.005);
// User prompts are calibrated tighter: over-defense on ordinary requests full of trigger words is
// the costlier error there (a refused user), and the generated benign prompts are easier than real ones.
const USER_FPR = Number(process.env.GUARD_USER_FPR ?? 0.005);
const CHAT_TRAIN = Number(process.env.GUARD_CHAT_TRAIN ?? 4000);
const PROMPT_TRAIN = Number(process.env.GUARD_PROMPT_TRAIN ?? 6000);
const JAILBREAK_TRAIN = Number(process.env.GUARD_JAILBREAK_TRAIN ?? 6000);
const GENRE_TRAIN = Number(process.env.GUARD_GENRE_TRAIN ?? 3000);
const GENRE_ATTACKS = Number(process.env.GUARD_GENRE_ATTACKS ?? GENRE_TRAIN / 2);
const EPOCHS = Number(process.env.GUARD_EPOCHS ?? 3);
const LR = 0.2;
const L2 = Number(process.env.GUARD_L2 ?? 1e-5);
// Feature dropout while training (see train()): user model and retrieved model. At 0.5 the retrieved
// model's BIPIA false positives fell (code 0.08 -> 0.04, e-mail 0.08 -> 0) but so did its recall
// (code 0.96 -> 0.84, generated indirect 0.90 -> 0.87).
const DROPOUT = Number(process.env.GUARD_DROPOUT ?? 0.4);
const RET_DROPOUT = Number(process.env.GUARD_RET_DROPOUT ?? 0.3);
const D = 1 << FEATURE_BITS;
// How a calibration group's quantile is taken: 'order' (the order statistic) or 'hd' (Harrell-Davis).
const QUANTILE = process.env.GUARD_QUANTILE ?? 'order';

const args = process.argv.slice(2);
const devPath = args.includes('--dev') ? args[args.indexOf('--dev') + 1] : undefined;
const check = args.includes('--check');

function fnv1a(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return h >>> 0;
}

// ------------------------------------------------------------------ examples

/** Segment examples of one document, each with its document context (features.ts segmentContexts): label 1 for segments that are mostly the attack. */
function docExamples(text, attack, out) {
  const { view } = sanitise(text);
  const fences = [...view.text.matchAll(/```/g)].map((m) => m.index);
  const segs = segments(view.text);
  const context = segmentContexts(view.text, segs);
  for (const [k, s] of segs.entries()) {
    const piece = view.text.slice(s.start, s.end);
    if (piece.trim().length < 8) continue;
    // Code inside a fence is what an attack asks to include, not the instruction itself: it never
    // trains as an attack (it still trains as benign in benign documents).
    const inFence = fences.filter((f) => f < s.start).length % 2 === 1;
    let y = 0;
    if (attack) {
      const o = viewSpan(view, s.start, s.end);
      const inter = Math.max(0, Math.min(o.end, attack.end) - Math.max(o.start, attack.start));
      const segLen = o.end - o.start;
      if (inter >= 0.5 * segLen || inter >= 0.5 * (attack.end - attack.start)) y = 1;
      else if (inter > 0) continue;
      if (y === 1 && inFence) continue;
    }
    out.push({ f: segmentFeatures(view.text, s, context[k]), y });
  }
}

const userEx = [];
const retEx = [];
const gen = injectionRows('train', SEED, { direct: 7000, benign: 7000, documents: 3000 });
for (const r of gen) {
  if (r.source === 'gen:direct' || r.source === 'gen:benign') {
    userEx.push({ f: userFeatures(r.text), y: r.label === 'injection' ? 1 : 0 });
    if (r.label === 'injection') docExamples(r.text, { start: 0, end: r.text.length }, retEx);
  } else {
    docExamples(r.text, r.attack, retEx);
    if (r.label === 'benign') userEx.push({ f: userFeatures(r.text), y: 0 });
  }
}

// Ordinary conversational turns (greetings, questions about the conversation, bare contact details,
// support, follow-ups): without them the user model took second person and e-mail addresses for
// evidence of an injection (issue 16). Their own seed; the held-out set uses the other vocabulary half.
// Attacks phrased in the same frames train as positives, so the frame itself does not become evidence.
for (const r of chatRows('train', SEED + 4, CHAT_TRAIN, CHAT_TRAIN / 4)) userEx.push({ f: userFeatures(r.text), y: r.label === 'injection' ? 1 : 0 });

// User prompts of four families (bench/gen/injection-prompts.ts, train half of its templates and
// vocabulary): benign prompts that use trigger words innocently (prompt engineering, security
// teaching, "ignore the noise in this data", translations, code naming a system prompt) and ordinary
// ones of many kinds as negatives; role-play jailbreaks and polite or indirect overrides as positives
// (also as attacks inside documents, like the direct ones).
for (const r of promptRows('train', SEED + 6, PROMPT_TRAIN, PROMPT_TRAIN / 2)) {
  userEx.push({ f: userFeatures(r.text), y: r.label === 'injection' ? 1 : 0 });
  if (r.label === 'injection') docExamples(r.text, { start: 0, end: r.text.length }, retEx);
}

// Role-play jailbreaks composed from parts (bench/gen/injection-jailbreak.ts, train half): a harmful
// request of one of eleven kinds of harm in a frame of one of many structures, and the same frames
// around harmless tasks, plus benign prompts full of trigger words (security teaching quoting
// attacks, code naming secrets, "ignore the previous e-mail", system administration). User model
// only: as attack segments they cost the retrieved model BIPIA code-answer and hand-written document
// false positives (0.08 -> 0.12, 0.1 -> 0.2) for no recall.
for (const r of jailbreakRows('train', SEED + 8, JAILBREAK_TRAIN, JAILBREAK_TRAIN / 2)) {
  userEx.push({ f: userFeatures(r.text), y: r.label === 'injection' ? 1 : 0 });
}

// Retrieved documents of genres where instruction words have their ordinary sense (bench/gen/
// injection-documents.ts, train half): READMEs about system prompts, security advisories, subtitles
// and fiction dialogue, Q&A answers, receipts, release notes, policies; the same genres with one
// attack inserted train as positives, so the genre is not evidence of innocence (issue 16).
for (const r of genreRows('train', SEED + 10, GENRE_TRAIN, GENRE_ATTACKS)) docExamples(r.text, r.attack, retEx);

// Real benign text the project already holds: the detection dev sets (tickets, notes, logs; the
// held-out halves are never read), a committed snapshot of the docs (not guard.md/rag.md, which quote
// attacks), and the READMEs of the pinned dependencies (prose full of imperatives, code and words like override and ignore).
// Even-numbered READMEs train; odd-numbered ones are left for evaluation (bench/guard-benign.ts).
const { benignCorpus, trainingInputDigests } = await import(dist('bench/guard-benign.js'));
// A quarter of its documents (by hash of the text) calibrates and never trains (realDocs below).
const corpus = benignCorpus(root, 'train');
const realDocs = [];
for (const t of corpus.documents) {
  if (fnv1a(t) % 4 === 0) realDocs.push(t);
  else docExamples(t, undefined, retEx);
}
for (const t of corpus.prompts) userEx.push({ f: userFeatures(t), y: 0 });

const calibUser = [];
const calibDocs = [];
const devUser = [];
for (const r of injectionRows('train', SEED + 1, { direct: 0, benign: 3000, documents: 1500 })) {
  if (r.source === 'gen:benign') calibUser.push(r.text);
  else if (r.label === 'benign') calibDocs.push(r.text);
}

const devText = devPath ? readFileSync(devPath, 'utf8') : undefined;
if (devPath) {
  const rows = devText.trim().split('\n').map((l) => JSON.parse(l));
  const { train } = devSplit(rows);
  const twins = new Map();
  for (const r of train) if (r.pair_id) { const t = twins.get(r.pair_id) ?? {}; t[r.label] = r.text; twins.set(r.pair_id, t); }
  // A quarter of the train half calibrates and never trains: calibrating on trained rows would
  // measure memory, not the false-positive rate.
  const calib = (r) => fnv1a(r.pair_id ?? r.text) % 4 === 0;
  for (const r of train) {
    if (calib(r)) {
      if (r.source.startsWith('notinject')) devUser.push(r.text);
      else if (r.label === 'benign') realDocs.push(r.text);
      continue;
    }
    if (r.source.startsWith('notinject')) {
      userEx.push({ f: userFeatures(r.text), y: 0 });
    } else if (r.label === 'benign') {
      docExamples(r.text, undefined, retEx);
    } else {
      const b = twins.get(r.pair_id)?.benign;
      if (b === undefined) continue;
      let i = 0;
      while (i < b.length && b[i] === r.text[i]) i++;
      let e = 0;
      while (e < b.length - i && b[b.length - 1 - e] === r.text[r.text.length - 1 - e]) e++;
      docExamples(r.text, { start: i, end: r.text.length - e }, retEx);
    }
  }
}

// Chat turns calibrate as a group of their own, so the user threshold meets the target on conversation too.
const calibChat = chatRows('train', SEED + 5, 1500).map((r) => r.text);
// So do the prompt families' benign prompts (trigger words used innocently, ordinary requests), from a seed training never uses.
const calibPrompts = promptRows('train', SEED + 7, 1500, 0).map((r) => r.text);
const calibJailbreak = jailbreakRows('train', SEED + 9, 1500, 0).map((r) => r.text);
const calibUserGroups = [calibUser, calibChat, calibPrompts, calibJailbreak, devUser].filter((g) => g.length > 0);
// The genre documents calibrate as a group of their own (a seed training never uses).
const calibGenre = genreRows('train', SEED + 11, 1500).map((r) => r.text);
const calibDocGroups = [calibDocs, calibGenre, realDocs];

// ------------------------------------------------------------------ training

function shuffle(xs, r) {
  for (let i = xs.length - 1; i > 0; i--) { const j = Math.floor(r() * (i + 1)); [xs[i], xs[j]] = [xs[j], xs[i]]; }
}

function train(examples, seed, DROPOUT) {
  const w = new Float64Array(D);
  const g2 = new Float64Array(D).fill(1e-8);
  const pos = examples.filter((e) => e.y === 1).length;
  const neg = examples.length - pos;
  const wPos = examples.length / (2 * pos);
  const wNeg = examples.length / (2 * neg);
  const r = rng(seed);
  const order = examples.slice();
  const kept = new Uint32Array(D);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    shuffle(order, r);
    let loss = 0;
    for (const { f, y } of order) {
      // Feature dropout: each feature (the bias excepted) is left out of this step with probability
      // DROPOUT, so no single n-gram can carry an example and the weight spreads over the features
      // that agree with it (the word classes, the framing and the request), which is what carries
      // over to sentence shapes and requests never trained on.
      let n = 0;
      for (const i of f.idx) if (i === 0 || DROPOUT === 0 || r() >= DROPOUT) kept[n++] = i;
      const v = f.value / (1 - DROPOUT);
      let z = 0;
      for (let k = 0; k < n; k++) z += w[kept[k]];
      z *= v;
      const p = 1 / (1 + Math.exp(-z));
      const cw = y === 1 ? wPos : wNeg;
      loss += -cw * (y === 1 ? Math.log(p + 1e-12) : Math.log(1 - p + 1e-12));
      const g = cw * (p - y) * v;
      for (let k = 0; k < n; k++) {
        const i = kept[k];
        const gi = g + L2 * w[i];
        g2[i] += gi * gi;
        w[i] -= (LR * gi) / Math.sqrt(g2[i]);
      }
    }
    console.error(`  epoch ${epoch + 1}: loss ${(loss / order.length).toFixed(4)} (${examples.length} examples, ${pos} positive)`);
  }
  return w;
}

function quantise(w) {
  let max = 0;
  for (const x of w) max = Math.max(max, Math.abs(x));
  const scale = max / 127;
  const q = new Int8Array(D);
  for (let i = 0; i < D; i++) q[i] = Math.max(-127, Math.min(127, Math.round(w[i] / scale)));
  return { q, scale };
}

function prob(q, scale, text, user = false) {
  return probOf(q, scale, user ? userViewFeatures(text) : featurize(text));
}

function probOf(q, scale, f) {
  let z = 0;
  for (const i of f.idx) z += q[i];
  return 1 / (1 + Math.exp(-z * scale * f.value));
}

function docProb(q, scale, text) {
  const { view } = sanitise(text);
  let best = -1;
  const segs = segments(view.text);
  const context = segmentContexts(view.text, segs);
  for (const [k, s] of segs.entries()) {
    if (view.text.slice(s.start, s.end).trim().length < 8) continue;
    best = Math.max(best, probOf(q, scale, segmentFeatures(view.text, s, context[k])));
  }
  return best < 0 ? prob(q, scale, view.text) : best;
}

/** The smallest threshold whose false-positive rate on the benign scores is at most `fpr`. */
function thresholdFor(scores, fpr) {
  if (QUANTILE === 'hd') return Math.min(0.999, Math.max(0.05, harrellDavis(scores, 1 - fpr) + 1e-6));
  const s = scores.slice().sort((a, b) => b - a);
  const t = s[Math.floor(fpr * s.length)] ?? 0.5;
  return Math.min(0.999, Math.max(0.05, t + 1e-6));
}

// ln Γ(x), Lanczos (g = 7, n = 9; Numerical Recipes 3rd ed. §6.1), x > 0.
function lnGamma(x) {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

// Regularised incomplete beta I_x(a, b), continued fraction by modified Lentz (Numerical Recipes §6.4).
function betaInc(x, a, b) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  if (x > (a + 1) / (a + b + 2)) return 1 - betaInc(1 - x, b, a);
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x)) / a;
  let f = 1; let c = 1; let d = 0;
  for (let i = 0; i <= 300; i++) {
    const m = i >> 1;
    const num = i === 0 ? 1 : i % 2 === 0 ? (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)) : -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 + num * d; if (Math.abs(d) < 1e-30) d = 1e-30; d = 1 / d;
    c = 1 + num / c; if (Math.abs(c) < 1e-30) c = 1e-30;
    f *= c * d;
    if (Math.abs(1 - c * d) < 1e-12) break;
  }
  return front * (f - 1);
}

/**
 * Harrell-Davis estimate of the q-quantile (Biometrika 69, 1982): every order statistic weighted by
 * the Beta((n+1)q, (n+1)(1-q)) mass of its interval, so one extreme score moves it by its weight, not
 * all the way (the order statistic jumps to the next score when that one is resampled away).
 */
function harrellDavis(scores, q) {
  const s = scores.slice().sort((a, b) => a - b);
  const n = s.length;
  const a = (n + 1) * q;
  const b = (n + 1) * (1 - q);
  let prev = 0;
  let est = 0;
  for (let i = 1; i <= n; i++) {
    const cur = betaInc(i / n, a, b);
    est += (cur - prev) * s[i - 1];
    prev = cur;
  }
  return est;
}

const BOOTSTRAP_ROUNDS = 1000;

/**
 * How far a threshold rule moves when its calibration texts are drawn again: each group resampled
 * with replacement at its own size, BOOTSTRAP_ROUNDS times; the 5th, 50th and 95th percentiles.
 */
function bootstrapSpread(groupScores, rule) {
  const r = rng(SEED + 13);
  const ts = [];
  for (let b = 0; b < BOOTSTRAP_ROUNDS; b++) ts.push(rule(groupScores.map((g) => Array.from(g, () => g[Math.floor(r() * g.length)]))));
  ts.sort((a, b) => a - b);
  const at = (p) => ts[Math.floor(p * (ts.length - 1))];
  return { p5: at(0.05), p50: at(0.5), p95: at(0.95), at };
}

console.error(`user model: ${userEx.length} examples`);
const wu = quantise(train(userEx, SEED + 2, DROPOUT));
console.error(`retrieved model: ${retEx.length} segment examples`);
const wr = quantise(train(retEx, SEED + 3, RET_DROPOUT));
// Each calibration group must meet the target on its own: the generated texts are many and easy,
// the real ones few and hard, and a pooled quantile would let the easy ones hide the hard ones.
// The development group is small (~90 NotInject prompts): at 0.5% its quantile is its single highest
// score, so that one sentence usually sets the user threshold (the log line below shows each group's).
const userGroupThresholds = calibUserGroups.map((g) => thresholdFor(g.map((t) => prob(wu.q, wu.scale, sanitise(t).view.text, true)), USER_FPR));
console.error(`user calibration groups (generated, chat, prompts, jailbreak, dev): ${userGroupThresholds.map((t) => t.toFixed(4)).join(' ')}`);
const tu = Math.max(...userGroupThresholds);
// Real documents calibrate as one pool: the development quarter's BIPIA e-mails, tables and code
// answers (~37) and the benign corpus's calibration quarter (~460 tickets, notes, logs, docs and
// README chunks). Alone, the BIPIA quarter was too small to measure 0.5%: its second highest score set
// the retrieved threshold (0.35-0.36 over three seeds, 0.14-0.47 over resamples), and so most figures.
// Over ~500 documents the target keeps the two highest above the line, and the rank is that of a
// conformal bound (floor(fpr * (n + 1))), so unseen benign documents meet the target on average.
// The generated groups sit at the 0.05 floor; they stay as a check that no easy group exceeds it.
const docGroupScores = calibDocGroups.map((g) => g.map((t) => docProb(wr.q, wr.scale, t)));
const docRule = (groups) => Math.max(...groups.map((g) => thresholdFor(g, TARGET_FPR * (g.length + 1) / g.length)));
const docGroupThresholds = docGroupScores.map((g) => docRule([g]));
console.error(`retrieved calibration groups (generated, genres, real: ${realDocs.length}): ${docGroupThresholds.map((t) => t.toFixed(4)).join(' ')}`);
const spread = bootstrapSpread(docGroupScores, docRule);
console.error(`retrieved threshold over ${BOOTSTRAP_ROUNDS} resamples of the calibration groups: 5% ${spread.p5.toFixed(4)}, median ${spread.p50.toFixed(4)}, 95% ${spread.p95.toFixed(4)}`);
// The retrieved threshold is the one that meets the target in RET_CONFIDENCE of the resamples (a
// one-sided 95% bound), not the point estimate: the ~540 real calibration documents put 0.5% at their
// third highest score, and that rank moved from 0.28 to 0.83 over resamples. With the point estimate
// the stated 0.5% did not hold on unseen documents (real held-out chunks 1.6% at 68d41ec's weights,
// 2.8% with the document context bits of features.ts). Measured (docs/guard.md, Figures): at 0.9 the
// bound is 0.667 (real held-out 1.2%, BIPIA e-mail held-out recall 0.92); at 0.95, 0.829 (0.2%, 0.84).
// The bound is close to the calibration set's highest score, so one odd document can move it.
const RET_CONFIDENCE = Number(process.env.GUARD_RET_CONFIDENCE ?? 0.95);
const trPoint = Math.max(...docGroupThresholds);
const tr = Math.max(trPoint, spread.at(RET_CONFIDENCE));
console.error(`retrieved threshold: point estimate ${trPoint.toFixed(4)}, met in ${RET_CONFIDENCE * 100}% of resamples ${tr.toFixed(4)}`);
console.error(`thresholds at ${USER_FPR * 100}% (user) and ${TARGET_FPR * 100}% (retrieved) FPR on calibration benign text: user ${tu.toFixed(4)} (${calibUser.length} prompts), retrieved ${tr.toFixed(4)} (${calibDocs.length} documents)`);

// Provenance: the SHA-256 of every repository input that fixes these weights (and of the dev file,
// which lives outside the repository); test/unit/guard/weights-provenance recomputes the former.
const { createHash } = await import('node:crypto');
const inputs = trainingInputDigests(root);
const devDigest = devText === undefined ? null : createHash('sha256').update(devText, 'utf8').digest('hex');
const provenance = `{
    dev: ${devDigest === null ? 'null' : `'${devDigest}'`},
    inputs: {
${Object.entries(inputs).map(([k, v]) => `      '${k}': '${v}',`).join('\n')}
    },
  }`;
const b64 = (q) => Buffer.from(q.buffer, q.byteOffset, q.byteLength).toString('base64');
const id = devPath ? 'linear-v1' : 'linear-v1-gen';
const out = `// GENERATED by scripts/train-injection.mjs${devPath ? ' --dev <dev.jsonl>' : ''}; do not edit. Retrain with that script.
// Two int8 weight vectors of 2^${FEATURE_BITS} hashed n-gram features (src/guard/injection/features.ts), a scale
// each, and the raw-probability threshold calibrated to ${TARGET_FPR * 100}% false positives on benign text.

export interface ModelWeights {
  readonly scale: number;
  readonly threshold: number;
  /** base64 of 2^${FEATURE_BITS} int8 weights; index 0 is the bias. */
  readonly weights: string;
}

/** SHA-256 of the training inputs: the development file (outside the repository) and the repository's own. */
export interface WeightsProvenance {
  readonly dev: string | null;
  readonly inputs: Readonly<Record<string, string>>;
}

export const WEIGHTS: { readonly id: string; readonly targetFpr: number; readonly userFpr: number; readonly provenance: WeightsProvenance; readonly user: ModelWeights; readonly retrieved: ModelWeights } = {
  id: '${id}',
  targetFpr: ${TARGET_FPR},
  userFpr: ${USER_FPR},
  provenance: ${provenance},
  user: { scale: ${wu.scale}, threshold: ${tu}, weights: '${b64(wu.q)}' },
  retrieved: { scale: ${wr.scale}, threshold: ${tr}, weights: '${b64(wr.q)}' },
};
`;
const target = join(root, 'src/guard/injection/weights.ts');
if (check) {
  const same = readFileSync(target, 'utf8') === out;
  console.error(same ? 'weights.ts is up to date' : 'weights.ts differs from a fresh training run');
  process.exit(same ? 0 : 1);
}
writeFileSync(target, out);
console.error(`wrote ${target} (${(out.length / 1024).toFixed(0)} KiB)`);
