// The any-PII score of bench/eval-pii.ts as a pure function, so the quality ratchet test computes
// exactly the figure the evaluation prints: a predicted span is a true positive when its character
// IoU with a gold span is >= 0.9, matched one-to-one, best IoU first.

export interface ScoredSpan { readonly start: number; readonly end: number; readonly label: string }

export interface AnyPiiScore {
  readonly tp: number;
  readonly predicted: number;
  readonly gold: number;
  readonly precision: number;
  readonly recall: number;
  readonly f2: number;
  /** Gold spans found (IoU >= 0.9, any predicted label) and gold spans, per gold label. */
  readonly byLabel: ReadonlyMap<string, { found: number; n: number }>;
}

function iou(a: ScoredSpan, b: ScoredSpan): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union === 0 ? 0 : inter / union;
}

export function fBeta(beta: number, p: number, r: number): number {
  const b2 = beta * beta;
  return p + r === 0 ? 0 : ((1 + b2) * p * r) / (b2 * p + r);
}

/** Scores predictions against gold spans, record by record (`gold[i]` and `predicted[i]` for one text). */
export function scoreAnyPii(gold: readonly (readonly ScoredSpan[])[], predicted: readonly (readonly ScoredSpan[])[]): AnyPiiScore {
  let tp = 0;
  let predN = 0;
  let goldN = 0;
  const byLabel = new Map<string, { found: number; n: number }>();
  gold.forEach((spans, i) => {
    const preds = predicted[i] ?? [];
    predN += preds.length;
    goldN += spans.length;
    const pairs: Array<[number, number, number]> = [];
    preds.forEach((p, pi) => spans.forEach((g, gi) => { const v = iou(p, g); if (v >= 0.9) pairs.push([v, pi, gi]); }));
    pairs.sort((a, b) => b[0] - a[0]);
    const usedP = new Set<number>();
    const usedG = new Set<number>();
    for (const [, pi, gi] of pairs) {
      if (usedP.has(pi) || usedG.has(gi)) continue;
      usedP.add(pi);
      usedG.add(gi);
      tp++;
    }
    spans.forEach((g, gi) => {
      const x = byLabel.get(g.label) ?? { found: 0, n: 0 };
      x.n++;
      if (usedG.has(gi)) x.found++;
      byLabel.set(g.label, x);
    });
  });
  const precision = predN === 0 ? NaN : tp / predN;
  const recall = goldN === 0 ? NaN : tp / goldN;
  return { tp, predicted: predN, gold: goldN, precision, recall, f2: fBeta(2, precision, recall), byLabel };
}
