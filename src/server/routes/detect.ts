// POST /v1/detect: findings in a text — entity, offsets and score only. The matched text is never
// echoed: the caller already holds it and can slice it with the offsets.
import { Type, type Static } from '@sinclair/typebox';
import { analyze } from '../../detect/analyze.js';
import { ENTITIES, type Entity } from '../../detect/types.js';
import { PROFILE_NAMES } from '../../detect/profiles/table.js';
import { Purpose, type RouteSpec } from '../route.js';

/** Longest text accepted per request (characters); the body limit applies as well. */
export const MAX_DETECT_TEXT = 100_000;

const EntityName = Type.Union(ENTITIES.map((e) => Type.Literal(e)));

const DetectBody = Type.Object({
  text: Type.String({ maxLength: MAX_DETECT_TEXT }),
  entities: Type.Optional(Type.Array(EntityName, { maxItems: ENTITIES.length, uniqueItems: true })),
  threshold: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  profile: Type.Optional(Type.Union(PROFILE_NAMES.map((p) => Type.Literal(p)), { description: 'detection profile: which entities count and their rules (docs/detect.md)' })),
  purpose: Type.Optional(Purpose),
}, { additionalProperties: false });

const Finding = Type.Object({
  entity: EntityName,
  start: Type.Integer({ minimum: 0, description: 'UTF-16 offset of the first character' }),
  end: Type.Integer({ minimum: 0, description: 'UTF-16 offset after the last character' }),
  score: Type.Number({ minimum: 0, maximum: 1 }),
}, { additionalProperties: false });

export const detectRoutes: readonly RouteSpec[] = [
  {
    method: 'POST', url: '/v1/detect', summary: 'sensitive entities in a text: entity, offsets and score (never the matched text)', tags: ['detect'],
    action: 'detect',
    resource: () => ({ type: 'service', id: 'detect', attributes: {} }),
    body: DetectBody,
    response: Type.Object({ findings: Type.Array(Finding) }, { additionalProperties: false }),
    async handler({ body }, ctx) {
      const b = body as Static<typeof DetectBody>;
      const findings = analyze(b.text, ctx.deps.recognizers, {
        ...(b.entities ? { entities: b.entities as Entity[] } : {}),
        ...(b.threshold !== undefined ? { threshold: b.threshold } : {}),
        ...(b.profile !== undefined ? { profile: b.profile } : {}),
      });
      return { findings: findings.map((f) => ({ entity: f.entity, start: f.start, end: f.end, score: f.score })) };
    },
  },
];
