// CSV text (RFC 4180) for the demo's generated table: a header line, then one line per row; a field
// is quoted when it holds a comma, a quote or a line break, and its quotes are doubled.

function _field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * @example
 * ```ts
 * formatCsv(['a', 'b'], [{ a: '1', b: 'x, y' }]) // 'a,b\n1,"x, y"\n'
 * ```
 */
export function formatCsv(columns: readonly string[], rows: ReadonlyArray<Readonly<Record<string, string>>>): string {
  const lines = [columns.map(_field).join(',')];
  for (const r of rows) lines.push(columns.map((c) => _field(r[c] ?? '')).join(','));
  return lines.join('\n') + '\n';
}
