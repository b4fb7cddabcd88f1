// cordon/guard: the LLM and RAG guard — sanitising untrusted text, injection scanning, redaction and
// output scanning (docs/guard.md). Re-exports only.
export { GUARD_SOURCES, type GuardSource, type Finding, type ScanResult, type ClassifyContext, type InjectionClassifier } from './types.js';
export { redactText, ESCAPED_LT, type Placer, type RedactOptions, type RedactedText } from './redact/redact.js';
export { restoreText, replacePlaceholders, restoreAuthzRequest, type Resolver, type RestoreDecider, type RestoreRequest } from './redact/restore.js';
export { StreamRestorer } from './redact/stream-restorer.js';
export { findPlaceholders, isPlaceholder, heldBackFrom, MAX_PLACEHOLDER_LENGTH, type PlaceholderSpan } from './redact/placeholders.js';
export { scanOutput, type OutputScanOptions } from './output/scan-output.js';
export { scanLeaks, type LeakScanOptions } from './output/leaks.js';
export { scanPromptLeak, type PromptLeakOptions } from './output/canary.js';
export { scanExfil, type ExfilOptions } from './output/exfil.js';
export { scanCodeExfil, CODE_EXFIL_SCORES, type CodeExfilOptions } from './output/code-exfil.js';
export { scanToolInjection, TOOL_SINKS, type ToolSink } from './output/tool-injection.js';
export { guardChatRequest, type GuardedChatRequest } from './proxy/chat-request.js';
export { guardChatResponse, type GuardedChatResponse } from './proxy/chat-response.js';
export { SseChatGuard } from './proxy/sse.js';
export { sanitise, viewSpan, MAX_GUARD_TEXT, type SanitiseResult, type Removal, type ScanView } from './sanitise/sanitise.js';
export type { CharClass } from './sanitise/char-classes.js';
export { scanInput, scanInputSync, DEFAULT_GUARD_THRESHOLD, type ScanInputOptions } from './scan-input.js';
export { RULES, type InjectionRule, type RuleName } from './injection/rules.js';
export { linearClassifier, shippedThresholds } from './injection/linear-classifier.js';
