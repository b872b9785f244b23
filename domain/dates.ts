import type { IsoDate } from '#events/values.ts';

/**
 * Calendar arithmetic on `YYYY-MM-DD` strings, without `Date`: the domain reads no clock, and
 * string dates compare correctly with `<` and `>`. Day numbers count from 1970-01-01 (day 0).
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function fromDayNumber(days: number): IsoDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp + (mp < 10 ? 3 : -9);
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return dayNumber(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - dayNumber(year, month, 1);
}

function parts(date: IsoDate): [number, number, number] {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`No such date: ${date}`);
  }
  return [year, month, day];
}

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  try {
    parts(value);
    return true;
  } catch {
    return false;
  }
}

/** Moves a date by whole days (negative: back), across months, years and leap days. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = parts(date);
  return fromDayNumber(dayNumber(y, m, d) + days);
}

/**
 * Moves a date by whole months; a day that does not exist in the target month becomes that
 * month's last day (2024-02-29 minus 12 months is 2023-02-28), as a lawyer counts "12 months".
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return fromDayNumber(dayNumber(year, month, Math.min(d, daysInMonth(year, month))));
}

/** The calendar year of a date: campaign years and policy intervals count in whole years. */
export function yearOf(date: IsoDate): number {
  return parts(date)[0];
}

/** 1 January of a year: the default day a campaign is judged on. */
export function firstDayOfYear(year: number): IsoDate {
  return `${String(year).padStart(4, '0')}-01-01`;
}

/** 31 December of a year: the default due date of a campaign entry. */
export function lastDayOfYear(year: number): IsoDate {
  return `${String(year).padStart(4, '0')}-12-31`;
}

/** The earlier of two dates. */
export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

/** The later of two dates. */
export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/** Minutes since 1970-01-01T00:00Z of an ISO timestamp with `Z` or an offset. */
function utcMinutes(timestamp: string): number {
  const match = TIMESTAMP.exec(timestamp);
  if (!match) throw new RangeError(`Not an ISO timestamp: ${timestamp}`);
  const [y, mo, d] = parts(`${match[1]}-${match[2]}-${match[3]}`);
  const minutes = dayNumber(y, mo, d) * 1440 + Number(match[4]) * 60 + Number(match[5]);
  const zone = match[7] ?? 'Z';
  if (zone === 'Z') return minutes;
  const sign = zone.startsWith('-') ? -1 : 1;
  return minutes - sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
}

/** Day number of the last Sunday of a month (EU summer time starts and ends on one). */
function lastSunday(year: number, month: number): number {
  const last = dayNumber(year, month, daysInMonth(year, month));
  const weekday = (((last + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return last - weekday;
}

/**
 * The calendar date in the Netherlands (Europe/Amsterdam) at a UTC timestamp. Dates such as
 * "adopted on" are Dutch calendar dates, so "not in the future" must compare with the Dutch
 * today, not the UTC one (at 00:30 on 1 January in Amsterdam it is still 31 December in UTC).
 * EU rule: summer time (UTC+2) from the last Sunday of March to the last Sunday of October, at
 * 01:00 UTC; otherwise UTC+1.
 */
export function amsterdamDateOf(timestamp: string): IsoDate {
  const minutes = utcMinutes(timestamp);
  const year = Number(fromDayNumber(Math.floor(minutes / 1440)).slice(0, 4));
  const summerStart = lastSunday(year, 3) * 1440 + 60;
  const summerEnd = lastSunday(year, 10) * 1440 + 60;
  const offset = minutes >= summerStart && minutes < summerEnd ? 120 : 60;
  return fromDayNumber(Math.floor((minutes + offset) / 1440));
}

/** Comparator for ISO dates and timestamps (plain string order is calendar order). */
export function compareIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
