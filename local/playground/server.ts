import { serve, type HttpBindings, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as events from '../../src/backend/events';
import { createEmulator, type PlatformVariants } from '../emulator';
import { guardedNodeHandler } from '../emulator/http/node-guard';
import { answerOverNode, isControlPath } from '../emulator/server';
import { statement } from '../emulator/store/statements';
import { loadJobFunction, readBackendJobs } from '../velo/backend-jobs';
import { openDeliveryStore } from '../velo/delivery-store';
import { createEventDispatcher } from '../velo/event-dispatcher';
import { createJobScheduler } from '../velo/job-scheduler';
import { runWithWixContext } from '../velo/wix-context';
import { ChangeFeed, consoleRoutes } from './console-api';
import { indexPage, sitePage, wixFormsPage } from './html';
import { bundlePage, bundleScript } from './page-bundler';
import { newestChatMessage } from './chat-channels';
import { createSession } from './session';
import { deliveryLines, webMethodLine } from './terminal';
import { isWebMethodPath, webMethodRoutes } from './web-method-rpc';

/** Paths that belong to the emulator: the emulated Wix APIs and its control API. */
const EMULATOR_PREFIXES = [
  '/_emulator/',
  '/inbox/',
  '/crm/',
  '/members/',
  '/contacts/',
  '/chat/',
  '/wix-data/',
  '/_api/',
  '/secrets-service/',
];
const POLL_MS = 250;
/** How often the job scheduler looks for due jobs (jobs run at most hourly, on a minute). */
const JOB_TICK_MS = 20_000;
const BACKEND_DIR = join(__dirname, '..', '..', 'src', 'backend');

export interface PlaygroundOptions {
  /** SQLite file, or `:memory:`. */
  dbPath: string;
  /** 0 picks a free port. */
  port: number;
  /** Where to print one line per web-method call and per handled event (npm start: the terminal). */
  log?: (line: string) => void;
  /** Platform variants (EMULATOR_VARIANTS); the control API can switch them later. */
  variants?: Partial<PlatformVariants>;
}

/**
 * The whole product on one local origin: the site's pages running their page code, the web-method
 * RPC, the emulator (API and control), backend events delivered to events.ts, and the Inbox console.
 */
export async function startPlayground(options: PlaygroundOptions) {
  const emulator = createEmulator({ dbPath: options.dbPath, variants: options.variants });
  const session = createSession(emulator);
  const changes = new ChangeFeed();

  // Backend events: delivered from where the last run stopped (the position is stored with the data).
  const db = emulator.context.db;
  const deliveries = openDeliveryStore(db, {
    idAt: (seq) => (statement(db, 'SELECT id FROM events WHERE seq = ?').get(seq) as { id: string } | undefined)?.id,
    newestSeq: () => (statement(db, 'SELECT coalesce(max(seq), 0) AS s FROM events').get() as { s: number }).s,
  });
  const dispatcher = createEventDispatcher({
    handler: emulator.fetch,
    handlers: events as unknown as Record<string, unknown>,
    tokens: () => ({ callerToken: session.identities.visitor.token, elevatedToken: session.appToken }),
    startAfter: deliveries.position(),
    onDelivered: (delivery) => deliveries.record(delivery, new Date()),
  });
  // A reset empties the emulator, its outbox (numbering restarts at 1) and its tokens: delivery starts
  // again from the beginning, and the runtime mints its own tokens (and demo member) again.
  emulator.onReset(() => {
    deliveries.reset();
    dispatcher.restart(0);
    Object.assign(session, createSession(emulator));
    changes.publish('deliveries');
  });
  let lastMessage = '';
  let closing = false;
  async function pump(): Promise<void> {
    if (closing) return;
    const delivered = await dispatcher.deliverPending();
    if (delivered.length > 0) {
      changes.publish('deliveries');
      for (const line of deliveryLines(delivered)) options.log?.(line);
    }
    if (closing) return;
    // Inbox messages and legacy chat messages both show in the console.
    const newest = `${
      (statement(emulator.context.db, 'SELECT coalesce(max(sequence), 0) AS s FROM messages').get() as { s: number }).s
    }:${newestChatMessage(emulator)}`;
    if (newest !== lastMessage) {
      lastMessage = newest;
      changes.publish('messages');
    }
  }
  const pumpSoon = () =>
    void pump().catch((error: unknown) => console.error('[playground] event delivery failed:', error));
  const timer = setInterval(pumpSoon, POLL_MS);

  // Scheduled jobs (backend/jobs.config), run as Velo runs them: with Admin permissions (the caller is
  // the site admin; elevated calls go as the app), on their UTC schedule.
  const backendJobs = readBackendJobs(BACKEND_DIR);
  for (const problem of backendJobs.problems) console.error(`[playground] ${problem} (not scheduled)`);
  const jobs = createJobScheduler({
    jobs: backendJobs.jobs,
    run: async (job) => {
      const fn = await loadJobFunction(BACKEND_DIR, job);
      const tokens = { callerToken: session.identities.admin.token, elevatedToken: session.appToken };
      const result = await runWithWixContext(emulator.fetch, tokens, async () => fn());
      pumpSoon(); // the job's messages raise events
      return result;
    },
    onRun: (run) => options.log?.(`job    ${run.functionName} → ${JSON.stringify(run.result)}`),
  });
  jobs.startTimer(JOB_TICK_MS);

  const consoleDir = join(__dirname, 'console');
  const assets = new Map<string, Promise<string>>();
  const asset = (key: string, make: () => Promise<string>) => {
    if (!assets.has(key)) assets.set(key, make());
    return assets.get(key)!;
  };

  const app = new Hono();
  app.use('*', async (c, next) => {
    if (EMULATOR_PREFIXES.some((prefix) => c.req.path.startsWith(prefix))) {
      const response = await answerOverNode(emulator, c.req.raw, c.env as HttpBindings);
      if (c.req.method !== 'GET') pumpSoon();
      return response;
    }
    return next();
  });
  if (options.log) {
    const log = options.log;
    app.use('/_webMethods/*', async (c, next) => {
      const started = Date.now();
      await next();
      const answer = (await c.res
        .clone()
        .json()
        .catch(() => undefined)) as { ok?: boolean; error?: { code?: string } } | undefined;
      log(webMethodLine(c.req.path, c.res.status, Date.now() - started, answer?.error?.code));
    });
  }
  app.route('/', webMethodRoutes(emulator, session, pumpSoon));
  app.route(
    '/',
    consoleRoutes(emulator, session, (limit) => deliveries.recent(limit), changes),
  );
  app.get('/', (c) => c.html(indexPage(session.identities.member.id)));
  app.get('/console', (c) => c.html(readFileSync(join(consoleDir, 'console.html'), 'utf8')));
  app.get('/assets/console.css', (c) =>
    c.body(readFileSync(join(consoleDir, 'console.css'), 'utf8'), 200, { 'content-type': 'text/css' }),
  );
  app.get('/assets/console.js', async (c) =>
    c.body(await asset('console', () => bundleScript(join(consoleDir, 'console.ts'))), 200, {
      'content-type': 'text/javascript',
    }),
  );
  app.get('/wix-forms', (c) => c.html(wixFormsPage()));
  app.get('/assets/wix-forms.js', async (c) =>
    c.body(await asset('wix-forms', () => bundleScript(join(__dirname, 'browser', 'wix-forms-widget.ts'))), 200, {
      'content-type': 'text/javascript',
    }),
  );
  // The home page has no page code, only the header's identity switcher (the prelude every page loads).
  app.get('/assets/identity-switcher.js', async (c) =>
    c.body(await asset('prelude', () => bundleScript(join(__dirname, 'browser', 'page-prelude.ts'))), 200, {
      'content-type': 'text/javascript',
    }),
  );
  app.get('/assets/pages/:name{.+\\.js}', async (c) => {
    const page = sitePage(c.req.param('name').replace(/\.js$/, ''));
    if (!page) return c.notFound();
    const code = await asset(page.pageFile, () => bundlePage(page.pageFile));
    return c.body(code, 200, { 'content-type': 'text/javascript' });
  });
  app.get('/:page', (c) => {
    const page = sitePage(c.req.param('page'));
    return page ? c.html(page.html()) : c.notFound();
  });

  const server = await new Promise<ServerType>((resolve, reject) => {
    // Only the developer's own tools and the playground's own pages may use it (`loopback-guard.ts`).
    const fetch = guardedNodeHandler(app.fetch, (path) => isControlPath(path) || isWebMethodPath(path));
    const started = serve({ fetch, port: options.port, hostname: '127.0.0.1' }, () => resolve(started));
    started.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    emulator,
    session,
    /** Delivers pending backend events now (tests call this instead of waiting for the poll). */
    deliverEvents: pump,
    /** Runs a scheduled job of jobs.config now, by its function name; resolves with what it returned. */
    runJob: async (functionName: string) => (await jobs.runNow(functionName)).result,
    async close(): Promise<void> {
      closing = true;
      clearInterval(timer);
      await jobs.stop();
      changes.close();
      // The handler under way may finish; if it is held longer, its event is delivered after a restart.
      await dispatcher.stop(2_000);
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      emulator.close();
    },
  };
}
