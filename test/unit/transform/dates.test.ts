// The date forms the date operators read (src/transform/dates.ts): every row of DATE_FORMATS reads
// its own spelling and rebuilds it for another date, `auto` never reads one string two ways, and
// inferDateFormat picks the form a column's values are written in.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DATE_FORMATS, inferDateFormat, parseDate, type DateFormat } from '../../../src/transform/dates.js';

/** One spelling of 17 March 1984 (and of 5 November 2001) per form, with what each rebuilds for 2 Jan 1999. */
const SPELLINGS: Readonly<Record<DateFormat, Array<[string, [number, number, number], string]>>> = {
  'YYYY-MM-DD': [['1984-03-17', [1984, 3, 17], '1999-01-02'], ['2001-11-05T08:15:00Z', [2001, 11, 5], '1999-01-02T08:15:00Z']],
  'MM/DD/YYYY': [['03/17/1984', [1984, 3, 17], '01/02/1999'], ['11/5/2001 8:15 PM', [2001, 11, 5], '01/2/1999 8:15 PM']],
  'DD/MM/YYYY': [['17/03/1984', [1984, 3, 17], '02/01/1999'], ['5/11/2001', [2001, 11, 5], '2/01/1999']],
  'DD.MM.YYYY': [['17.03.1984', [1984, 3, 17], '02.01.1999'], ['5.11.2001 08:15:30', [2001, 11, 5], '2.01.1999 08:15:30']],
  'DD-MM-YYYY': [['17-03-1984', [1984, 3, 17], '02-01-1999'], ['05-11-2001', [2001, 11, 5], '02-01-1999']],
  'MM-DD-YYYY': [['03-17-1984', [1984, 3, 17], '01-02-1999'], ['11-05-2001', [2001, 11, 5], '01-02-1999']],
  'YYYY/MM/DD': [['1984/03/17', [1984, 3, 17], '1999/01/02'], ['2001/11/5', [2001, 11, 5], '1999/01/2']],
  'YYYY.MM.DD': [['1984.03.17', [1984, 3, 17], '1999.01.02'], ['2001.11.05', [2001, 11, 5], '1999.01.02']],
  'D MMM YYYY': [['17 Mar 1984', [1984, 3, 17], '02 Jan 1999'], ['5-NOVEMBER-2001', [2001, 11, 5], '2-JANUARY-1999'], ['17 mar. 1984', [1984, 3, 17], '02 jan. 1999']],
  'MMM D, YYYY': [['Mar 17, 1984', [1984, 3, 17], 'Jan 02, 1999'], ['November 5 2001', [2001, 11, 5], 'January 2 1999'], ['Sept. 3, 2001', [2001, 9, 3], 'January. 2, 1999']],
};

describe('transform: date forms', () => {
  it('every form has spellings here', () => {
    assert.deepEqual(Object.keys(SPELLINGS).sort(), [...DATE_FORMATS].sort());
  });

  for (const format of DATE_FORMATS) {
    it(`${format}: reads its spellings and rebuilds them for another date`, () => {
      for (const [text, [y, m, d], rebuilt] of SPELLINGS[format]) {
        const p = parseDate(text, format);
        assert.ok(p !== undefined, text);
        assert.deepEqual([p.year, p.month, p.day], [y, m, d], text);
        assert.equal(p.format(1999, 1, 2), rebuilt, text);
      }
    });
  }

  it('auto reads every unambiguous form and reads slashes month first', () => {
    for (const text of ['1984-03-17', '03/17/1984', '17.03.1984', '1984/03/17', '1984.03.17', '17 Mar 1984', 'March 17, 1984']) {
      const p = parseDate(text);
      assert.deepEqual(p && [p.year, p.month, p.day], [1984, 3, 17], text);
    }
    assert.equal(parseDate('07/03/1984')?.month, 7);
    assert.equal(parseDate('07/03/1984', 'DD/MM/YYYY')?.month, 3);
    // Dashes in day-month order or month-day order are read only when the column names its form.
    assert.equal(parseDate('17-03-1984'), undefined);
    assert.equal(parseDate('17/03/1984'), undefined);
  });

  it('no two forms auto reads give one string two different dates', () => {
    const auto: DateFormat[] = ['YYYY-MM-DD', 'MM/DD/YYYY', 'DD.MM.YYYY', 'YYYY/MM/DD', 'YYYY.MM.DD', 'D MMM YYYY', 'MMM D, YYYY'];
    for (const f of auto) {
      for (const [text] of SPELLINGS[f]) {
        const readers = auto.filter((g) => parseDate(text, g) !== undefined);
        assert.deepEqual(readers, [f], `${text} is read by ${readers.join(', ')}`);
      }
    }
  });

  it('refuses what is not a real date in the form', () => {
    const bad: Array<[string, DateFormat | undefined]> = [
      ['2023-02-29', undefined], ['2023-13-01', undefined], ['2020-1-5', undefined], ['yesterday', undefined], ['', undefined],
      ['31.04.2020', 'DD.MM.YYYY'], ['29.02.2023', undefined], ['13/13/2020', 'DD/MM/YYYY'], ['32 Jan 2020', undefined],
      ['Foo 3, 2020', undefined], ['Ma 3, 2020', undefined], ['17.03.84', undefined], ['1984-03-17', 'DD.MM.YYYY'],
      ['17/03/1984 25:00junk', 'DD/MM/YYYY'], ['17 Mar 1984 ', undefined],
    ];
    for (const [text, format] of bad) assert.equal(parseDate(text, format), undefined, `${text} (${format ?? 'auto'})`);
  });

  it('inferDateFormat names the form a column is written in', () => {
    assert.equal(inferDateFormat(['1984-03-17', null, '', '2001-11-05T08:15:00Z']), 'auto');
    assert.equal(inferDateFormat(['17.03.1984', '05.11.2001']), 'auto');
    assert.equal(inferDateFormat(['03/04/2020', '05/06/2021']), 'auto', 'either order reads: month first');
    assert.equal(inferDateFormat(['03/04/2020', '17/03/1984']), 'DD/MM/YYYY');
    assert.equal(inferDateFormat(['03-17-1984', '11-05-2001']), 'MM-DD-YYYY');
    assert.equal(inferDateFormat(['17-03-1984', '11-05-2001']), 'DD-MM-YYYY');
    assert.equal(inferDateFormat(['17/03/1984', '03/17/1984']), undefined, 'no one form reads both');
    assert.equal(inferDateFormat(['yesterday', '1984-03-17']), undefined);
    assert.equal(inferDateFormat([null, '']), undefined);
  });
});
