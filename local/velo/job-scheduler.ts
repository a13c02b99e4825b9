import { firesAt } from './cron';
import type { ScheduledJob } from './jobs-config';

/** One run of a scheduled job, as the playground logs it. */
export interface JobRun {
  functionName: string;
  /** What the function returned, or why it did not run. */
  result: unknown;
}

export interface JobSchedulerOptions {
  jobs: ScheduledJob[];
  /** Runs one job's function (in the Velo runtime: loaded from the backend, in a Wix context). */
  run(job: ScheduledJob): Promise<unknown>;
  /** Milliseconds since the epoch; the schedule is read in UTC. */
  now?: () => number;
  onRun?: (run: JobRun) => void;
}

const MINUTE = 60_000;

/**
 * Runs backend/jobs.config's jobs on their schedules, as Velo's job scheduler does: `tick()` runs every
 * job whose schedule fired in a minute since the last tick (a late tick catches up, each job once). A
 * job still running when it is due again is not started twice. `runNow` runs a job at once (tests, and
 * whoever wants a summary without waiting for the hour).
 */
export function createJobScheduler(options: JobSchedulerOptions) {
  const now = options.now ?? (() => Date.now());
  let checkedUpTo = Math.floor(now() / MINUTE); // minutes up to this one are done
  const running = new Map<ScheduledJob, Promise<JobRun>>();
  let timer: ReturnType<typeof setInterval> | undefined;

  function start(job: ScheduledJob): Promise<JobRun> {
    const under = running.get(job);
    if (under) return under;
    const run = (async (): Promise<JobRun> => {
      let result: unknown;
      try {
        result = await options.run(job);
      } catch (error) {
        result = { status: 'threw', detail: (error as Error)?.message ?? String(error) };
      }
      const done = { functionName: job.functionName, result };
      options.onRun?.(done);
      return done;
    })().finally(() => running.delete(job));
    running.set(job, run);
    return run;
  }

  return {
    /** Starts every job due since the last tick; resolves when they have run. */
    async tick(): Promise<JobRun[]> {
      const current = Math.floor(now() / MINUTE);
      const due = options.jobs.filter((job) => {
        for (let minute = checkedUpTo + 1; minute <= current; minute++) {
          if (firesAt(job.schedule, minute * MINUTE)) return true;
        }
        return false;
      });
      checkedUpTo = Math.max(checkedUpTo, current);
      return Promise.all(due.map(start));
    },
    /** Runs the job named `functionName` now, whatever its schedule. */
    async runNow(functionName: string): Promise<JobRun> {
      const job = options.jobs.find((candidate) => candidate.functionName === functionName);
      if (!job) throw new Error(`jobs.config has no job running ${functionName}`);
      return start(job);
    },
    /** Ticks every `intervalMs` until `stop`. */
    startTimer(intervalMs = 20_000): void {
      timer ??= setInterval(() => void this.tick(), intervalMs);
      timer.unref?.();
    },
    /** Stops the timer; resolves when the runs under way have ended. */
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await Promise.all(running.values());
    },
  };
}
