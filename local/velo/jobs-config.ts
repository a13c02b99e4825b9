import { firesMoreThanHourly, parseCron, type CronSchedule } from './cron';

/**
 * Velo's `backend/jobs.config`, read the way Wix documents it (Velo "Schedule Jobs" and "Scheduled
 * Jobs JSON Object"): a JSON object with a `jobs` list of at most 20 jobs; each has `functionLocation`
 * (a path in the backend folder to a .js, .web.js or .jsw file), `functionName` (an export of that
 * file), an optional `description`, and `executionConfig`: a `cronExpression`, or a `time` ("HH:MM")
 * with an optional `dayOfWeek` or `dateInMonth` (both is an error: the job does not run). With both
 * ways given, only the cron expression is used. Times are UTC, and a job scheduled more often than once
 * an hour is ignored. Used by the local job runner and by `npm run check:site`.
 */
export interface ScheduledJob {
  /** As written, e.g. `/like-summary-job.js`. */
  functionLocation: string;
  functionName: string;
  description?: string;
  schedule: CronSchedule;
}

export const MAX_JOBS = 20;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The jobs that will run, and a problem line for each job (or file) Wix would not run. */
export function parseJobsConfig(text: string): { jobs: ScheduledJob[]; problems: string[] } {
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    return { jobs: [], problems: [`jobs.config is not JSON: ${(error as Error).message}`] };
  }
  const list = (config as { jobs?: unknown } | null)?.jobs;
  if (!Array.isArray(list)) return { jobs: [], problems: ['jobs.config must be an object with a "jobs" list'] };
  const problems: string[] = [];
  if (list.length > MAX_JOBS) problems.push(`jobs.config has ${list.length} jobs; Velo allows ${MAX_JOBS}`);
  const jobs: ScheduledJob[] = [];
  list.forEach((entry: unknown, index) => {
    const where = `jobs.config job ${index + 1}`;
    try {
      jobs.push(parseJob(entry));
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message}`);
    }
  });
  return { jobs, problems };
}

function parseJob(entry: unknown): ScheduledJob {
  const job = (entry ?? {}) as Record<string, unknown>;
  const { functionLocation, functionName, description, executionConfig } = job;
  if (typeof functionLocation !== 'string' || !/\.(js|jsw)$/.test(functionLocation)) {
    throw new Error('functionLocation must be the path of a backend .js, .web.js or .jsw file');
  }
  if (typeof functionName !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(functionName)) {
    throw new Error('functionName must name an exported function');
  }
  if (description !== undefined && typeof description !== 'string') throw new Error('description must be a string');
  const schedule = parseCron(cronOf(executionConfig));
  if (firesMoreThanHourly(schedule)) {
    throw new Error('runs more than once an hour: Velo ignores jobs scheduled more often than hourly');
  }
  return { functionLocation, functionName, ...(description ? { description } : {}), schedule };
}

/** The schedule as a cron expression: the one given, or the one a time configuration means. */
function cronOf(executionConfig: unknown): string {
  if (!executionConfig || typeof executionConfig !== 'object') throw new Error('executionConfig is required');
  const { cronExpression, time, dayOfWeek, dateInMonth } = executionConfig as Record<string, unknown>;
  if (cronExpression !== undefined) {
    if (typeof cronExpression !== 'string') throw new Error('cronExpression must be a string');
    return cronExpression;
  }
  const match = typeof time === 'string' ? /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time) : null;
  if (!match) throw new Error('executionConfig needs a cronExpression, or a time in HH:MM (UTC)');
  if (dayOfWeek !== undefined && dateInMonth !== undefined) {
    throw new Error('dayOfWeek and dateInMonth together: Velo does not run such a job');
  }
  const weekday = dayOfWeek === undefined ? '*' : String(WEEKDAYS.indexOf(String(dayOfWeek)));
  if (weekday === '-1') throw new Error(`dayOfWeek must be one of ${WEEKDAYS.join(', ')}`);
  const monthDay = dateInMonth === undefined ? '*' : Number(dateInMonth);
  if (monthDay !== '*' && !(Number.isInteger(monthDay) && monthDay >= 1 && monthDay <= 31)) {
    throw new Error('dateInMonth must be a number from 1 to 31');
  }
  return `${Number(match[2])} ${Number(match[1])} ${monthDay} * ${weekday}`;
}
