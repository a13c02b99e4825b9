/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week), as Velo's jobs.config
 * takes them in `executionConfig.cronExpression`, read in UTC (Velo: "All job configuration times are
 * based on UTC time"). Each field is `*`, a number, a range `a-b`, a step `*\/n` or `a-b/n`, or a list
 * of those. Day-of-week is 0-6 from Sunday (7 is Sunday too). As in standard cron, when both day
 * fields are restricted a day matching either one matches.
 */
export interface CronSchedule {
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  /** Whether each day field was restricted (not `*`). */
  dayOfMonthRestricted: boolean;
  dayOfWeekRestricted: boolean;
}

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

function parseField(text: string, field: (typeof FIELDS)[number]): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!match) throw new Error(`the ${field.name} field "${text}" is not a number, range, step or *`);
    const [, all, from, to, step] = match;
    const low = all === '*' ? field.min : Number(from);
    const high = all === '*' ? field.max : to !== undefined ? Number(to) : step !== undefined ? field.max : low;
    const by = step !== undefined ? Number(step) : 1;
    if (low < field.min || high > field.max || low > high || by < 1) {
      throw new Error(`the ${field.name} field "${text}" is outside ${field.min}-${field.max}`);
    }
    for (let value = low; value <= high; value += by) values.add(field.name === 'day of week' ? value % 7 : value);
  }
  return values;
}

/** Parses a cron expression, or throws an Error that says which field is wrong. */
export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) {
    throw new Error(
      `"${expression}" has ${parts.length} fields; a cron expression has 5 (minute hour day month weekday)`,
    );
  }
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = parts.map((part, i) => parseField(part, FIELDS[i]!));
  return {
    minutes: minutes!,
    hours: hours!,
    daysOfMonth: daysOfMonth!,
    months: months!,
    daysOfWeek: daysOfWeek!,
    dayOfMonthRestricted: parts[2] !== '*',
    dayOfWeekRestricted: parts[4] !== '*',
  };
}

/** Whether the schedule fires in the UTC minute that starts at `at` (milliseconds, any second within it). */
export function firesAt(schedule: CronSchedule, at: number): boolean {
  const date = new Date(at);
  if (!schedule.minutes.has(date.getUTCMinutes()) || !schedule.hours.has(date.getUTCHours())) return false;
  if (!schedule.months.has(date.getUTCMonth() + 1)) return false;
  const byMonthDay = schedule.daysOfMonth.has(date.getUTCDate());
  const byWeekDay = schedule.daysOfWeek.has(date.getUTCDay());
  if (schedule.dayOfMonthRestricted && schedule.dayOfWeekRestricted) return byMonthDay || byWeekDay;
  return byMonthDay && byWeekDay;
}

/** True when the schedule can fire more than once in an hour (Velo ignores such jobs). */
export function firesMoreThanHourly(schedule: CronSchedule): boolean {
  return schedule.minutes.size > 1;
}
