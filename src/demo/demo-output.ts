// Text layout for the demo's narrative: section headings (bold only when the caller says the output
// is a colour terminal), aligned tables, and cells cut to a width so a row fits on a screen.

export interface DemoStyle {
  /** ANSI bold and dim; false for pipes, files and NO_COLOR. */
  readonly color: boolean;
}

export function heading(style: DemoStyle, step: number, title: string): string {
  const text = `${step}. ${title}`;
  return style.color ? `\n\x1b[1m${text}\x1b[0m\n` : `\n== ${text} ==\n`;
}

/** A shell command the step is equivalent to, for the reader to try later. */
export function hint(style: DemoStyle, command: string): string {
  return style.color ? `\x1b[2m   $ ${command}\x1b[0m\n` : `   $ ${command}\n`;
}

/** At most `width` characters (by code point), with an ellipsis when cut. */
export function truncate(value: string, width: number): string {
  const chars = [...value];
  return chars.length <= width ? value : chars.slice(0, width - 1).join('') + '…';
}

/** Columns padded to their widest cell, two spaces apart, indented by three. */
export function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = head.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: readonly string[]): string => '   ' + r.map((x, i) => (i === r.length - 1 ? x : x + ' '.repeat(widths[i]! - [...x].length))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}
