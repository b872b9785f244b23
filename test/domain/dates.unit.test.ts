import { describe, expect, it } from 'vitest';
import { addDays, addMonths, amsterdamDateOf, isIsoDate, yearOf } from '#domain/dates.ts';

describe('dates', () => {
  it.each([
    ['2025-03-15', -12, '2024-03-15'],
    ['2024-02-29', -12, '2023-02-28'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2025-12-15', 1, '2026-01-15'],
    ['2025-01-15', -1, '2024-12-15'],
  ])('%s plus %i months is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2000-03-01', -1, '2000-02-29'],
    ['1900-03-01', -1, '1900-02-28'],
  ])('%s plus %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['2024-12-31T22:59:59Z', '2024-12-31'],
    ['2024-12-31T23:00:00Z', '2025-01-01'],
    ['2025-03-30T00:59:00Z', '2025-03-30'],
    ['2025-06-30T21:59:00Z', '2025-06-30'],
    ['2025-06-30T22:00:00Z', '2025-07-01'],
    ['2025-10-26T00:59:00Z', '2025-10-26'],
    ['2025-10-25T21:59:59.999Z', '2025-10-25'],
    ['2025-10-25T22:00:00Z', '2025-10-26'],
    ['2025-11-01T22:59:00Z', '2025-11-01'],
    ['2025-11-01T23:00:00Z', '2025-11-02'],
    ['2025-07-01T01:00:00+02:00', '2025-07-01'],
    ['2025-07-01T01:00:00-05:00', '2025-07-01'],
  ])('%s is %s in the Netherlands', (timestamp, date) => {
    expect(amsterdamDateOf(timestamp)).toBe(date);
  });

  it('refuses what is not a date or timestamp', () => {
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2024-2-29')).toBe(false);
    expect(() => addDays('2025-13-01', 1)).toThrow(RangeError);
    expect(() => amsterdamDateOf('2025-06-01')).toThrow(RangeError);
    expect(yearOf('2027-06-01')).toBe(2027);
  });
});
