// Output scanner: injection in answers that flow into tools. An answer that becomes a SQL query, a
// shell command or a rendered template is checked for the constructs that turn data into code there:
// stacked or destructive SQL, tautologies and UNION reads; command substitution, chaining into a
// destructive or network command, pipes into a shell; template expressions of the common engines.
// Each rule is a row (sink, id, pattern, score). Patterns are linear and bounded. Pure.
import type { Finding } from '../types.js';

export type ToolSink = 'sql' | 'shell' | 'template';
export const TOOL_SINKS: readonly ToolSink[] = ['sql', 'shell', 'template'];

interface Rule {
  readonly sink: ToolSink;
  readonly id: string;
  readonly re: RegExp;
  readonly score: number;
}

const RULES: readonly Rule[] = [
  { sink: 'sql', id: 'stacked-destructive', re: /;\s{0,20}(?:drop|truncate|delete|alter|update|insert|create|grant|exec(?:ute)?)\b/gi, score: 0.95 },
  { sink: 'sql', id: 'destructive', re: /\b(?:drop\s{1,20}(?:table|database|schema)|truncate\s{1,20}table|delete\s{1,20}from\s{1,20}\w{1,64}\s{0,20}(?:;|$|--))/gim, score: 0.85 },
  { sink: 'sql', id: 'union-select', re: /\bunion\s{1,20}(?:all\s{1,20})?select\b/gi, score: 0.8 },
  { sink: 'sql', id: 'tautology', re: /['"]?\s{0,5}\bor\s{1,5}(?:'1'\s{0,5}=\s{0,5}'1'|1\s{0,5}=\s{0,5}1|true)\b/gi, score: 0.8 },
  { sink: 'sql', id: 'comment-terminator', re: /['"]\s{0,5}(?:--|#|\/\*)/g, score: 0.6 },
  { sink: 'sql', id: 'file-or-command', re: /\b(?:xp_cmdshell|load_file\s{0,5}\(|into\s{1,20}(?:out|dump)file|pg_read_file|copy\s{1,20}\w{1,64}\s{1,20}(?:from|to)\s{1,20}program)\b/gi, score: 0.95 },
  { sink: 'shell', id: 'command-substitution', re: /\$\([^)\n]{1,500}\)|`[^`\n]{1,500}`/g, score: 0.7 },
  { sink: 'shell', id: 'chained-dangerous', re: /(?:;|&&|\|\||\|)\s{0,20}(?:sudo\s{1,5})?(?:rm\s{1,5}-[a-z]{0,5}[rf]|curl|wget|nc|ncat|bash|sh|zsh|python3?|perl|chmod|chown|dd|mkfs|scp|ssh)\b/g, score: 0.9 },
  { sink: 'shell', id: 'pipe-to-shell', re: /\b(?:curl|wget)\b[^\n|]{0,500}\|\s{0,5}(?:sudo\s{1,5})?(?:ba|z|k)?sh\b/g, score: 0.95 },
  { sink: 'shell', id: 'redirect-sensitive', re: />{1,2}\s{0,5}(?:\/etc\/|~\/\.ssh\/|\/root\/|~\/\.bashrc)/g, score: 0.9 },
  { sink: 'shell', id: 'env-exfil', re: /\b(?:printenv|env|cat\s{1,5}\/etc\/(?:passwd|shadow)|cat\s{1,5}~?\/?[^\s]{0,100}\.(?:pem|key|env))\b/g, score: 0.6 },
  { sink: 'template', id: 'jinja-expression', re: /\{\{[^}\n]{0,500}(?:__class__|__mro__|__globals__|__builtins__|__subclasses__|config|self|request|cycler|lipsum|import|popen|system)[^}\n]{0,500}\}\}/g, score: 0.95 },
  { sink: 'template', id: 'expression', re: /\{\{[^}\n]{1,500}\}\}|\$\{[^}\n]{1,500}\}|#\{[^}\n]{1,500}\}/g, score: 0.6 },
  { sink: 'template', id: 'statement', re: /\{%[^%\n]{1,500}%\}|<%=?[^%\n]{1,500}%>/g, score: 0.7 },
];

/** Tool-injection findings (scanner "output.tool-injection", rule "<sink>.<id>") for the given sinks (default all). */
export function scanToolInjection(text: string, sinks: readonly ToolSink[] = TOOL_SINKS): Finding[] {
  const want = new Set(sinks);
  const out: Finding[] = [];
  for (const r of RULES) {
    if (!want.has(r.sink)) continue;
    for (const m of text.matchAll(r.re)) {
      out.push({ scanner: 'output.tool-injection', rule: `${r.sink}.${r.id}`, score: r.score, start: m.index, end: m.index + m[0].length });
    }
  }
  return out.sort((a, b) => a.start - b.start || b.score - a.score);
}
