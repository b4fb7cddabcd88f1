// The seam for an optional local NER model (a transformer or CRF a user runs in-process, e.g.
// through onnxruntime-node or transformers.js). Cordon ships none and downloads none: the default
// recognizers work from patterns and word lists. A user who has a model wraps it in `NerModel`
// and adds the recognizers this returns to the default list; its spans then compete with the
// others on score, and their explanation names the model.
import type { Entity, Recognizer } from './types.js';

/** A span a model predicts, with the model's own label ("PER", "B-LOC"...) and confidence. */
export interface NerSpan {
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly score: number;
}

/** One method: predict spans in a text (synchronously; load the model before detection starts). */
export interface NerModel {
  readonly name: string;
  predict(text: string): Iterable<NerSpan>;
}

/**
 * One recognizer per Cordon entity in `labels`, fed by a single model call per text (the spans
 * are cached for the text, so the model runs once whatever the number of entities).
 *
 * @example
 * ```ts
 * const recognizers = [...DEFAULT_RECOGNIZERS, ...modelRecognizers(myModel, { PER: 'PERSON', LOC: 'LOCATION', ORG: 'ORGANIZATION' })];
 * analyze(text, recognizers);
 * ```
 */
export function modelRecognizers(model: NerModel, labels: Readonly<Record<string, Entity>>): Recognizer[] {
  let lastText: string | undefined;
  let lastSpans: NerSpan[] = [];
  const spans = (text: string): NerSpan[] => {
    if (text !== lastText) {
      lastSpans = [...model.predict(text)];
      lastText = text;
    }
    return lastSpans;
  };
  const byEntity = new Map<Entity, string[]>();
  for (const [label, entity] of Object.entries(labels)) byEntity.set(entity, [...(byEntity.get(entity) ?? []), label]);
  return [...byEntity].map(([entity, modelLabels]) => ({
    id: `model:${model.name}:${entity.toLowerCase()}`,
    entity,
    patterns: [],
    *find(text: string) {
      for (const s of spans(text)) {
        const label = s.label.replace(/^[BIES]-/, '');
        if (!modelLabels.includes(label)) continue;
        if (!(s.start >= 0 && s.end <= text.length && s.start < s.end)) continue;
        yield { start: s.start, end: s.end, score: Math.min(1, Math.max(0, s.score)), pattern: `model:${label}` };
      }
    },
  }));
}
