// Redaction for the LLM guard: detected entities (detect's engine, a profile and an entity list)
// are replaced by typed placeholders ("<PERSON_1>") that a conversation vault hands out — same value,
// same placeholder within a conversation. Text that already has a placeholder's shape is escaped
// (its "<" becomes U+FF1C "＜"), so a caller can never type "<PERSON_1>" and have a restore fill it
// in. The result lists placeholders and entities, never values. Pure apart from the vault it is given.
import { analyze } from '../../detect/analyze.js';
import { DEFAULT_RECOGNIZERS } from '../../detect/registry.js';
import type { Entity, Recognizer } from '../../detect/types.js';
import type { ProfileName } from '../../detect/profiles/table.js';
import { findPlaceholders } from './placeholders.js';

/** What hands out placeholders: one conversation of a vault (vault/conversation ConversationVault.place bound to a scope). */
export interface Placer {
  place(values: ReadonlyArray<{ readonly value: string; readonly entity: string }>): Promise<string[]>;
}

export interface RedactOptions {
  /** Detection profile (default: none, every entity at 0.5). */
  readonly profile?: ProfileName;
  /** Only these entities (within the profile's). */
  readonly entities?: readonly Entity[];
  /** Recognizers (default: the built-in ones; custom recognizers may be added). */
  readonly recognizers?: readonly Recognizer[];
}

export interface RedactedText {
  readonly text: string;
  /** Placeholders in order of first appearance, each once, with the entity detected. */
  readonly placeholders: ReadonlyArray<{ readonly placeholder: string; readonly entity: string }>;
  /** How many placeholder-shaped spans of the input were escaped. */
  readonly escaped: number;
}

/** The character an input's own placeholder-shaped "<" becomes: FULLWIDTH LESS-THAN SIGN. */
export const ESCAPED_LT = '\uFF1C';

/**
 * @example
 * ```ts
 * await redactText('Call Ada Lovelace at ada@example.com', placer, { entities: ['PERSON', 'EMAIL_ADDRESS'] })
 * // { text: 'Call <PERSON_1> at <EMAIL_ADDRESS_1>', placeholders: [...], escaped: 0 }
 * ```
 */
export async function redactText(text: string, placer: Placer, options: RedactOptions = {}): Promise<RedactedText> {
  if (typeof text !== 'string') throw new TypeError('text must be a string');
  const findings = analyze(text, options.recognizers ?? DEFAULT_RECOGNIZERS, {
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.entities !== undefined ? { entities: options.entities } : {}),
  }).filter((f) => f.end > f.start).sort((a, b) => a.start - b.start);
  // Findings are non-overlapping after detect's resolveOverlaps; keep the first of any that touch.
  const spans: typeof findings = [];
  for (const f of findings) if (spans.length === 0 || f.start >= spans[spans.length - 1]!.end) spans.push(f);
  const placeholders = spans.length === 0 ? [] : await placer.place(spans.map((f) => ({ value: text.slice(f.start, f.end), entity: f.entity })));
  // Placeholder-shaped text outside the findings is escaped in place (one character for one).
  const escapes = findPlaceholders(text).filter((p) => !spans.some((f) => p.start < f.end && f.start < p.end)).map((p) => p.start);
  let out = '';
  let at = 0;
  let e = 0;
  const copy = (to: number) => {
    while (e < escapes.length && escapes[e]! < to) {
      if (escapes[e]! >= at) {
        out += text.slice(at, escapes[e]!) + ESCAPED_LT;
        at = escapes[e]! + 1;
      }
      e++;
    }
    out += text.slice(at, to);
    at = to;
  };
  const listed: Array<{ placeholder: string; entity: string }> = [];
  const seen = new Set<string>();
  spans.forEach((f, i) => {
    copy(f.start);
    out += placeholders[i]!;
    at = f.end;
    if (!seen.has(placeholders[i]!)) {
      seen.add(placeholders[i]!);
      listed.push({ placeholder: placeholders[i]!, entity: f.entity });
    }
  });
  copy(text.length);
  return { text: out, placeholders: listed, escaped: escapes.length };
}
