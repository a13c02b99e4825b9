// First: site modules import Velo-only modules such as wix-chat-backend.
import '../../local/velo/velo-modules';
import { items } from '@wix/data';
import { createClient } from '@wix/sdk';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLAIMS_COLLECTION } from 'backend/automations/claims';
import { readBackendJobs } from '../../local/velo/backend-jobs';
import { createJobScheduler } from '../../local/velo/job-scheduler';
import { parseJobsConfig, type ScheduledJob } from '../../local/velo/jobs-config';
import { startPlayground } from '../../local/playground/server';
import { controlClient } from '../support/emulator';

const BACKEND = join(__dirname, '..', '..', 'src', 'backend');
const at = (iso: string) => Date.parse(iso);

describe("the site's jobs.config", () => {
  it('schedules the like-summary job at five past each hour (UTC), and nothing the runner would ignore', () => {
    const { jobs, problems } = readBackendJobs(BACKEND);
    expect(problems).toEqual([]);
    expect(jobs.map((job) => [job.functionLocation, job.functionName])).toEqual([
      ['/like-summary-job.js', 'sendLikeSummaries'],
    ]);
  });
});

describe('the job scheduler', () => {
  function setup(jobs: ScheduledJob[], start: string) {
    const clock = { now: at(start) };
    const runs: string[] = [];
    const scheduler = createJobScheduler({
      jobs,
      now: () => clock.now,
      run: async (job) => {
        runs.push(`${job.functionName} ${new Date(clock.now).toISOString()}`);
        return 'ok';
      },
    });
    return { clock, runs, scheduler };
  }
  const hourly = parseJobsConfig(
    JSON.stringify({
      jobs: [
        { functionLocation: '/a.js', functionName: 'everyHour', executionConfig: { cronExpression: '5 * * * *' } },
        {
          functionLocation: '/b.web.js',
          functionName: 'mondays',
          executionConfig: { time: '08:00', dayOfWeek: 'Monday' },
        },
      ],
    }),
  ).jobs;

  it('runs each job in the minute its schedule names, once, and catches up after a late tick', async () => {
    const { clock, runs, scheduler } = setup(hourly, '2026-11-23T07:59:30Z'); // a Monday
    for (const time of ['08:00:10', '08:04:50', '08:05:20', '08:05:50', '08:30:00', '09:40:00']) {
      clock.now = at(`2026-11-23T${time}Z`);
      await scheduler.tick();
    }
    expect(runs).toEqual([
      'mondays 2026-11-23T08:00:10.000Z',
      'everyHour 2026-11-23T08:05:20.000Z',
      'everyHour 2026-11-23T09:40:00.000Z', // 09:05 passed between two ticks: run once, late
    ]);
  });

  it('does not run the time-configured job on another weekday', async () => {
    const { clock, runs, scheduler } = setup(hourly, '2026-11-24T07:59:00Z'); // a Tuesday
    clock.now = at('2026-11-24T08:01:00Z');
    await scheduler.tick();
    expect(runs).toEqual([]);
  });

  it('runs a job now on request, whatever its schedule', async () => {
    const { runs, scheduler } = setup(hourly, '2026-11-23T10:20:00Z');
    await expect(scheduler.runNow('everyHour')).resolves.toEqual({ functionName: 'everyHour', result: 'ok' });
    expect(runs).toHaveLength(1);
    await expect(scheduler.runNow('missing')).rejects.toThrow(/no job running missing/);
  });

  it('refuses what Velo would not run: more than hourly, both day settings, too many jobs', () => {
    const job = (executionConfig: object) => ({ functionLocation: '/a.js', functionName: 'f', executionConfig });
    const { jobs, problems } = parseJobsConfig(
      JSON.stringify({
        jobs: [
          job({ cronExpression: '*/30 * * * *' }),
          job({ time: '08:00', dayOfWeek: 'Monday', dateInMonth: 1 }),
          job({ time: '8am' }),
          { functionLocation: '/a.ts', functionName: 'f', executionConfig: { cronExpression: '0 * * * *' } },
          ...Array.from({ length: 17 }, () => job({ cronExpression: '0 3 * * *' })),
        ],
      }),
    );
    expect(jobs).toHaveLength(17);
    expect(problems).toEqual([
      'jobs.config has 21 jobs; Velo allows 20',
      expect.stringMatching(/^jobs.config job 1: runs more than once an hour/),
      expect.stringMatching(/^jobs.config job 2: dayOfWeek and dateInMonth together/),
      expect.stringMatching(/^jobs.config job 3: executionConfig needs a cronExpression, or a time/),
      expect.stringMatching(/^jobs.config job 4: functionLocation must be the path of a backend/),
    ]);
  });
});

describe('the playground', () => {
  let dir: string;
  let playground: Awaited<ReturnType<typeof startPlayground>>;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'playground-jobs-'));
    playground = await startPlayground({ dbPath: join(dir, 'site.sqlite'), port: 0 });
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await playground.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs the site's like-summary job from jobs.config: the last hour's counted likes become one summary", async () => {
    // Two likes counted past the budget in the hour that just ended: their claims, as the like handler
    // stores them.
    const app = createClient({
      auth: { getAuthHeaders: async () => ({ headers: { Authorization: playground.session.appToken } }) },
      modules: { items },
      fetch: (url, init) => playground.emulator.fetch(new Request(url, init)),
    });
    const lastHour = Math.floor(Date.now() / 3_600_000) - 1;
    for (const n of [1, 2]) {
      const liker = { anonymousVisitorId: `7f000000-0000-4000-8000-00000000000${n}` };
      await app.items.insert(CLAIMS_COLLECTION, {
        _id: `like:post-9:visitor:${liker.anonymousVisitorId}`,
        summaryPostId: 'post-9',
        summaryWindow: lastHour,
        summaryLiker: liker,
      });
    }

    expect(await playground.runJob('sendLikeSummaries')).toEqual({ sent: 1 });
    expect(await playground.runJob('sendLikeSummaries')).toEqual({ sent: 0 }); // once per post and window

    const conversations = await controlClient((request) => fetch(request), playground.url).conversations();
    const texts = conversations.flatMap((c) =>
      c.messages.map((m) => (m.content as { previewText?: string }).previewText),
    );
    expect(texts).toEqual(['2 more people liked this post']);
  });
});
