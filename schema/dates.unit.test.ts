import { describe, expect, it } from 'vitest';
import { endOfPeriod, formatPartialDate, partialDateParts, precisionOf, startOfPeriod } from './dates';

describe('partial dates', () => {
  it.each([
    ['2024', 'YEAR', '2024-01-01', '2024-12-31', '2024'],
    ['2021-Q3', 'QUARTER', '2021-07-01', '2021-09-30', 'Q3 2021'],
    ['2024-02', 'MONTH', '2024-02-01', '2024-02-29', 'februar 2024'],
    ['2027-01-15', 'DAY', '2027-01-15', '2027-01-15', '15. januar 2027'],
  ])('%s: precision %s, period %s..%s, written "%s"', (value, precision, start, end, written) => {
    expect(precisionOf(value)).toBe(precision);
    expect(startOfPeriod(value)).toBe(start);
    expect(endOfPeriod(value)).toBe(end);
    expect(formatPartialDate(value)).toBe(written);
  });

  it('writes English too', () => {
    expect(formatPartialDate('2027-01-15', 'en')).toBe('15 January 2027');
    expect(formatPartialDate('2027-03', 'en')).toBe('March 2027');
  });

  it.each(['2024-13', '2023-02-29', '2024-Q5', '24', '2024-1-1', 'i løpet av 2024'])('refuses %s', (value) => {
    expect(partialDateParts(value)).toBeUndefined();
  });
});
