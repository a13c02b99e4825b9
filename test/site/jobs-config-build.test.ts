import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript } from '../support/run-script';

/* backend/jobs.config (the scheduled like summaries) is deployed as written, and check:site holds it to
   what Velo runs. */

const run = (script: string, siteDir: string) => runScript(script, { SITE_DIR: siteDir });
let siteDir: string;
beforeAll(() => {
  siteDir = mkdtempSync(join(tmpdir(), 'site-jobs-'));
  expect(run('build-site.ts', siteDir)).toMatchObject({ ok: true });
});
afterAll(() => rmSync(siteDir, { recursive: true, force: true }));

const deployed = () => join(siteDir, 'src', 'backend', 'jobs.config');
const source = readFileSync(join(__dirname, '..', '..', 'src', 'backend', 'jobs.config'), 'utf8');
afterEach(() => writeFileSync(deployed(), source));

it('copies jobs.config into the built backend, beside the job module it names, and check:site accepts it', () => {
  expect(readFileSync(deployed(), 'utf8')).toBe(source);
  expect(readFileSync(join(siteDir, 'src', 'backend', 'like-summary-job.js'), 'utf8')).toMatch(
    /export async function sendLikeSummaries\(/,
  );
  expect(run('check-site.ts', siteDir)).toMatchObject({ ok: true });
});

it('fails check:site for a job whose function is not exported and a job scheduled more than hourly', () => {
  const jobs = JSON.parse(source) as { jobs: Record<string, unknown>[] };
  jobs.jobs.push({ ...jobs.jobs[0], functionName: 'notThere' });
  jobs.jobs.push({ ...jobs.jobs[0], executionConfig: { cronExpression: '*/15 * * * *' } });
  writeFileSync(deployed(), JSON.stringify(jobs));
  const checked = run('check-site.ts', siteDir);
  expect(checked.ok).toBe(false);
  expect(checked.output).toContain('/like-summary-job.js exports no function "notThere"');
  expect(checked.output).toContain('jobs.config job 3: runs more than once an hour');
});
