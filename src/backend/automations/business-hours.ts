import type { Weekday, WeeklyHours } from './config';

const WEEKDAYS: Record<string, Weekday> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
};

function minutesOf(hhmm: string): number {
  // `split` always yields the hour; an hour written without minutes ('9') is on the hour.
  // Stryker disable next-line StringLiteral: equivalent: Number('') is 0, as Number('0') is
  const [h, m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/**
 * Minutes since 1970-01-01 00:00 on the wall clock of `timeZone` at `at`: windows cut from it start at
 * local midnight (e.g. 12-hour windows are 00:00–12:00 and 12:00–24:00 local time, through DST).
 */
export function localEpochMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  // Intl gives every part the format asks for.
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute')) / 60_000;
}

/** The weekday and minute of the day of `at` in `timeZone`. */
export function localTime(at: Date, timeZone: string): { day: Weekday; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => String(parts.find((p) => p.type === type)?.value);
  return { day: WEEKDAYS[part('weekday')]!, minute: Number(part('hour')) * 60 + Number(part('minute')) };
}

/** Whether the business is open at `at`: some interval of that local day holds the local time. */
export function isOpen(at: Date, hours: { timeZone: string; weekly: WeeklyHours }): boolean {
  const { day, minute } = localTime(at, hours.timeZone);
  return (hours.weekly[day] ?? []).some(([open, close]) => minute >= minutesOf(open) && minute < minutesOf(close));
}
