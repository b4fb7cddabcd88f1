// cordon/detect: finding sensitive data in text. Re-exports only.
export { analyze, resolveOverlaps, contextHits, MAX_TEXT_LENGTH, DEFAULT_THRESHOLD } from './analyze.js';
export { DEFAULT_RECOGNIZERS } from './registry.js';
export { cutsToken } from './boundaries.js';
export { PROFILES, PROFILE_NAMES, type Profile, type ProfileName, type ProfileRule, type ProfileList } from './profiles/table.js';
export { resolveProfile, profileRecognizers } from './profiles/apply-profile.js';
export { parseRecognizers } from './custom/parse-recognizers.js';
export { customEntities } from './custom/custom-entities.js';
export { linearPatternProblem } from './custom/linear-pattern.js';
export { modelRecognizers, type NerModel, type NerSpan } from './ner.js';
export { ENTITIES, isBuiltInEntity, type Entity, type EntityHandling, type Candidate, type DetectOptions, type Explanation, type Finding, type PatternRule, type Recognizer, type Validator, type ValidatorResult } from './types.js';
export * from './columns/index.js';
