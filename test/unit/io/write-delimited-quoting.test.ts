// The CSV/TSV writer's quoting is papaparse's unparse, kept byte for byte after the writer stopped
// calling it: every field of awkward characters (delimiters, both quote characters, CR, LF, BOM,
// leading and trailing spaces, non-ASCII, empty) under every delimiter, quote character and line
// ending gives the bytes Papa.unparse gives, one-column files with empty values included.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Papa from 'papaparse';
import { createDelimitedWriter } from '../../../src/io/writers/write-delimited.js';
import { DELIMITERS } from '../../../src/io/dialect.js';

const PIECES = ['a', ' ', ',', '\t', ';', '|', '"', "'", '\r', '\n', '\uFEFF', 'é', '😀', '', 'x y', '-', '^', ']', '\\'];

function fields(seed: number, n: number): string[] {
  let s = seed;
  const r = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: n }, () => Array.from({ length: Math.floor(r() * 5) }, () => PIECES[Math.floor(r() * PIECES.length)]!).join(''));
}

async function written(columns: string[], rows: string[][], o: { delimiter: (typeof DELIMITERS)[number]; quoteChar: '"' | "'"; newline: '\n' | '\r\n' }): Promise<string> {
  const chunks: Buffer[] = [];
  const w = createDelimitedWriter({ write: async (b) => { chunks.push(Buffer.from(b)); } }, { columns, ...o });
  await w.write(rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]!]))));
  await w.close();
  return Buffer.concat(chunks).toString('utf8');
}

function papa(columns: string[], rows: string[][], o: { delimiter: string; quoteChar: string; newline: string }): string {
  const lone = columns.length === 1 ? { quotes: (v: unknown) => v === '' } : {};
  const un = (data: string[][]) => Papa.unparse(data, { ...o, header: false, ...lone }) + o.newline;
  return un([columns]) + un(rows);
}

describe('CSV/TSV writer quoting', () => {
  for (const delimiter of DELIMITERS) {
    for (const quoteChar of ['"', "'"] as const) {
      for (const newline of ['\n', '\r\n'] as const) {
        it(`is Papa.unparse's, delimiter ${JSON.stringify(delimiter)}, quote ${quoteChar}, newline ${JSON.stringify(newline)}`, async () => {
          for (const width of [1, 3, 7]) {
            const columns = Array.from({ length: width }, (_, i) => `c${i} x`);
            const rows = Array.from({ length: 60 }, (_, i) => fields(i * 31 + width, width));
            const o = { delimiter, quoteChar, newline };
            assert.equal(await written(columns, rows, o), papa(columns, rows, o));
          }
        });
      }
    }
  }
});
