// generalize: replaces a value by a coarser one (k-anonymity style): a date by its month or year, a
// US ZIP code by its first three digits, a number by the band it falls in. Not reversible. A value
// that is not of the declared kind (or a date not in the declared `format`) is refused
// (ERR_INPUT_INVALID) rather than passed through.
import { CordonError } from '../../errors.js';
import type { Operator } from '../types.js';
import { DATE_FORMAT_PARAMS, describeDateFormat, parseDate, type DateFormatParam } from '../dates.js';
import { boolParam, enumParam, intParam, invalid, paramObject } from '../params.js';

export type GeneralizeParams =
  | { readonly kind: 'date'; /** Default `year`. */ readonly to: 'month' | 'year'; /** How the column writes its dates (dates.ts). Default `auto`. */ readonly format: DateFormatParam }
  | { readonly kind: 'zip'; /** ZIP3 areas under 20,000 people become `000` (HIPAA Safe Harbor). Default false. */ readonly hipaa: boolean }
  | { readonly kind: 'number'; /** Band width ≥ 2. Default 10. */ readonly width: number; /** Values ≥ topCode become `<topCode>+`. */ readonly topCode: number | undefined };

// HHS, "Guidance Regarding Methods for De-identification of PHI" (2012), §2.4: the 17 three-digit ZIP
// prefixes with 20,000 or fewer people (2000 Census) must be replaced by 000 under Safe Harbor.
const RESTRICTED_ZIP3 = new Set(['036', '059', '063', '102', '203', '556', '692', '790', '821', '823', '830', '831', '878', '879', '884', '890', '893']);

function notKind(kind: string, expected?: string): CordonError {
  return new CordonError('ERR_INPUT_INVALID', `generalize: value is not a ${kind}${expected !== undefined ? ` written as ${expected}; set the column's params.format if its dates are written another way` : ''}`, { details: { operator: 'generalize', kind } });
}

/** @example generalize.apply('1984-03-17', generalize.parseParams({ kind: 'date', to: 'month' }), ctx) // '1984-03' */
export const generalize: Operator<GeneralizeParams> = {
  name: 'generalize',
  reversible: false,
  // A date generalized to its year is a whole number; to its month, a date (the first of the month) when the input was one.
  output: (p) => (p.kind === 'date' ? (p.to === 'year' ? 'integer' : 'input') : 'string'),
  parseParams(raw) {
    const o = paramObject('generalize', raw, ['kind', 'to', 'format', 'width', 'topCode', 'hipaa']);
    if (o['kind'] === undefined) throw invalid('generalize', 'kind', 'is required (date, zip or number)');
    const kind = enumParam('generalize', o, 'kind', ['date', 'zip', 'number'] as const, 'date');
    const only = (names: string[]): void => {
      for (const n of ['to', 'format', 'width', 'topCode', 'hipaa']) if (!names.includes(n) && o[n] !== undefined) throw invalid('generalize', n, `does not apply to kind ${kind}`);
    };
    switch (kind) {
      case 'date':
        only(['to', 'format']);
        return { kind, to: enumParam('generalize', o, 'to', ['month', 'year'] as const, 'year'), format: enumParam('generalize', o, 'format', DATE_FORMAT_PARAMS, 'auto') };
      case 'zip':
        only(['hipaa']);
        return { kind, hipaa: boolParam('generalize', o, 'hipaa', false) };
      case 'number': {
        only(['width', 'topCode']);
        const width = intParam('generalize', o, 'width', 10, 2, 1_000_000_000);
        const topCode = o['topCode'] === undefined ? undefined : intParam('generalize', o, 'topCode', 0, 1, Number.MAX_SAFE_INTEGER);
        return { kind, width, topCode };
      }
    }
  },
  apply(value, params) {
    switch (params.kind) {
      case 'date': {
        const d = parseDate(value, params.format);
        if (d === undefined) throw notKind('date', describeDateFormat(params.format));
        const year = String(d.year).padStart(4, '0');
        return params.to === 'year' ? year : `${year}-${String(d.month).padStart(2, '0')}`;
      }
      case 'zip': {
        const m = /^(\d{3})\d{2}(?:-\d{4})?$/.exec(value);
        if (m === null) throw notKind('zip');
        return `${params.hipaa && RESTRICTED_ZIP3.has(m[1]!) ? '000' : m[1]!}**`;
      }
      case 'number': {
        if (!/^\d{1,15}(?:\.\d+)?$/.test(value)) throw notKind('number');
        const x = Number(value);
        if (params.topCode !== undefined && x >= params.topCode) return `${params.topCode}+`;
        const lo = Math.floor(x / params.width) * params.width;
        return `${lo}-${lo + params.width - 1}`;
      }
    }
  },
};
