// cordon/guard: the LLM and RAG guard — sanitising untrusted text, injection scanning, redaction and
// output scanning (docs/guard.md). Re-exports only.
export { GUARD_SOURCES, type GuardSource, type Finding, type ScanResult, type ClassifyContext, type InjectionClassifier } from './types.js';
