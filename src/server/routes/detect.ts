// POST /v1/detect: findings in a text — entity, offsets and score only. The matched text is never
// echoed: the caller already holds it and can slice it with the offsets. Entities are the built-in
// ones and the server's custom ones (`cordon serve --recognizers`, config detect.recognizers): the
// schema takes any entity-shaped name, the handler refuses one the server does not know.
import { Type, type Static } from '@sinclair/typebox';
import { CordonError } from '../../errors.js';
import { analyze } from '../../detect/analyze.js';
import { ENTITIES, type Entity, type Recognizer } from '../../detect/types.js';
import { PROFILE_NAMES } from '../../detect/profiles/table.js';
import { Purpose, type RouteSpec } from '../route.js';
import { entityCounts, recordHandlerEvent } from '../handler-audit.js';

/** Longest text accepted per request (characters); the body limit applies as well. */
export const MAX_DETECT_TEXT = 100_000;

/** Most entity names in one request's filter. */
const MAX_ENTITY_FILTER = 256;

const EntityName = Type.String({
  pattern: '^[A-Z][A-Z0-9_]{1,63}$',
  description: `a built-in entity (${ENTITIES.join(', ')}) or one of the server's custom recognizers (docs/detect.md)`,
});

const DetectBody = Type.Object({
  text: Type.String({ maxLength: MAX_DETECT_TEXT }),
  entities: Type.Optional(Type.Array(EntityName, { maxItems: MAX_ENTITY_FILTER, uniqueItems: true })),
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

const known = new WeakMap<readonly Recognizer[], ReadonlySet<string>>();
function knownEntities(recognizers: readonly Recognizer[]): ReadonlySet<string> {
  let out = known.get(recognizers);
  if (out === undefined) known.set(recognizers, (out = new Set<string>([...ENTITIES, ...recognizers.flatMap((r) => [r.entity, ...(r.emits ?? [])])])));
  return out;
}

export const detectRoutes: readonly RouteSpec[] = [
  {
    method: 'POST', url: '/v1/detect', summary: 'sensitive entities in a text: entity, offsets and score (never the matched text)', tags: ['detect'],
    action: 'detect',
    resource: () => ({ type: 'service', id: 'detect', attributes: {} }),
    body: DetectBody,
    response: Type.Object({ findings: Type.Array(Finding) }, { additionalProperties: false }),
    async handler({ body }, ctx) {
      const b = body as Static<typeof DetectBody>;
      if (b.entities !== undefined) {
        const known = knownEntities(ctx.deps.recognizers);
        // The unknown name is not echoed: an error never reflects what the caller sent.
        if (b.entities.some((e) => !known.has(e))) throw new CordonError('ERR_INPUT_INVALID', 'entities names an entity this server does not recognize (the built-in ones and the server\'s custom recognizers; docs/detect.md)');
      }
      const findings = analyze(b.text, ctx.deps.recognizers, {
        ...(b.entities ? { entities: b.entities as Entity[] } : {}),
        ...(b.threshold !== undefined ? { threshold: b.threshold } : {}),
        ...(b.profile !== undefined ? { profile: b.profile } : {}),
      });
      // What was looked for and found, by kind and count: never a value, an offset or the text.
      recordHandlerEvent(ctx, { type: 'detect.request', outcome: 'success', attributes: {
        chars: b.text.length, findings: findings.length, entities: entityCounts(findings.map((f) => f.entity)),
        ...(b.profile !== undefined ? { profile: b.profile } : {}),
      } });
      return { findings: findings.map((f) => ({ entity: f.entity, start: f.start, end: f.end, score: f.score })) };
    },
  },
];
