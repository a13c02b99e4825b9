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
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
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
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: WEEKDAYS[part('weekday')]!, minute: Number(part('hour')) * 60 + Number(part('minute')) };
}

/** Whether the business is open at `at`: some interval of that local day holds the local time. */
export function isOpen(at: Date, hours: { timeZone: string; weekly: WeeklyHours }): boolean {
  const { day, minute } = localTime(at, hours.timeZone);
  return (hours.weekly[day] ?? []).some(([open, close]) => minute >= minutesOf(open) && minute < minutesOf(close));
}
