import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJobsConfig, type ScheduledJob } from './jobs-config';

/**
 * The site's scheduled jobs as the local Velo runtime finds them: `jobs.config` in the backend folder
 * (the TypeScript source, src/backend), and each job's function loaded from the source file its
 * `functionLocation` names once built (`/like-summary-job.js` is src/backend/like-summary-job.ts).
 */
export function readBackendJobs(backendDir: string): { jobs: ScheduledJob[]; problems: string[] } {
  const path = join(backendDir, 'jobs.config');
  if (!existsSync(path)) return { jobs: [], problems: [] };
  return parseJobsConfig(readFileSync(path, 'utf8'));
}

/** The job's exported function, loaded from the backend source. */
export async function loadJobFunction(backendDir: string, job: ScheduledJob): Promise<() => unknown> {
  const source = join(backendDir, job.functionLocation.replace(/^\//, '').replace(/\.(js|jsw)$/, '.ts'));
  const module = (await import(source)) as Record<string, unknown>;
  const fn = module[job.functionName];
  if (typeof fn !== 'function') {
    throw new Error(`${job.functionLocation} exports no function ${job.functionName} (jobs.config)`);
  }
  return fn as () => unknown;
}
