import { isOpen, localEpochMinutes, localTime } from 'backend/automations/business-hours';

/*
 * Business hours beyond the defaults: every weekday name, split days, a time zone across the date
 * line, midnight, and hours written without minutes.
 */

const LONDON = 'Europe/London';

it('names each day of a week in the configured time zone', () => {
  // 2026-11-23 is a Monday; noon UTC is the same day in London.
  const days = Array.from({ length: 7 }, (_, i) => localTime(new Date(Date.UTC(2026, 10, 23 + i, 12)), LONDON).day);
  expect(days).toEqual(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
});

it('reads midnight as minute 0 of the new day, not minute 1440 of the old one', () => {
  expect(localTime(new Date('2026-11-24T00:00:00Z'), LONDON)).toEqual({ day: 'tue', minute: 0 });
  expect(localTime(new Date('2026-11-23T23:59:00Z'), LONDON)).toEqual({ day: 'mon', minute: 23 * 60 + 59 });
});

it('takes the day from the time zone: Monday 20:00 UTC is Tuesday morning in Tokyo', () => {
  const hours = { timeZone: 'Asia/Tokyo', weekly: { tue: [['05:00', '06:00']] as [string, string][] } };
  expect(isOpen(new Date('2026-11-23T20:30:00Z'), hours)).toBe(true); // Tue 05:30 in Tokyo
  expect(isOpen(new Date('2026-11-24T20:30:00Z'), hours)).toBe(false); // Wed 05:30 in Tokyo
});

it('is open in each interval of a split day and closed between them', () => {
  const hours = {
    timeZone: LONDON,
    weekly: {
      mon: [
        ['09:00', '12:30'],
        ['13:30', '17:00'],
      ] as [string, string][],
    },
  };
  const at = (hhmm: string) => isOpen(new Date(`2026-11-23T${hhmm}:00Z`), hours);
  expect([
    at('08:59'),
    at('09:00'),
    at('12:29'),
    at('12:30'),
    at('13:29'),
    at('13:30'),
    at('16:59'),
    at('17:00'),
  ]).toEqual([false, true, true, false, false, true, true, false]);
});

it('is closed on a day that is absent or has no intervals', () => {
  const hours = {
    timeZone: LONDON,
    weekly: { mon: [] as [string, string][], tue: [['00:00', '23:59']] as [string, string][] },
  };
  expect(isOpen(new Date('2026-11-23T12:00:00Z'), hours)).toBe(false); // Monday: empty
  expect(isOpen(new Date('2026-11-24T12:00:00Z'), hours)).toBe(true); // Tuesday
  expect(isOpen(new Date('2026-11-25T12:00:00Z'), hours)).toBe(false); // Wednesday: absent
});

it('reads an hour written without minutes as on the hour', () => {
  const hours = { timeZone: LONDON, weekly: { mon: [['9', '17']] as [string, string][] } };
  expect(isOpen(new Date('2026-11-23T08:59:00Z'), hours)).toBe(false);
  expect(isOpen(new Date('2026-11-23T09:00:00Z'), hours)).toBe(true);
  expect(isOpen(new Date('2026-11-23T16:59:00Z'), hours)).toBe(true);
  expect(isOpen(new Date('2026-11-23T17:00:00Z'), hours)).toBe(false);
});

it('counts minutes on the wall clock of the time zone, across the date line and a DST change', () => {
  /** The wall clock written out: minutes since 1970-01-01 00:00 of that clock. */
  const wallClock = (year: number, month: number, day: number, hour: number, minute: number) =>
    Date.UTC(year, month - 1, day, hour, minute) / 60_000;
  expect(localEpochMinutes(new Date('2026-11-23T10:00:00Z'), 'Asia/Tokyo')).toBe(wallClock(2026, 11, 23, 19, 0));
  expect(localEpochMinutes(new Date('2026-11-23T20:30:00Z'), 'Asia/Tokyo')).toBe(wallClock(2026, 11, 24, 5, 30));
  // London moves its clocks from 01:00 to 02:00 on 2026-03-29: an hour apart, two hours on the wall.
  expect(localEpochMinutes(new Date('2026-03-29T00:30:00Z'), LONDON)).toBe(wallClock(2026, 3, 29, 0, 30));
  expect(localEpochMinutes(new Date('2026-03-29T01:30:00Z'), LONDON)).toBe(wallClock(2026, 3, 29, 2, 30));
});
