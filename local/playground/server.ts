import { serve, type HttpBindings, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as events from '../../src/backend/events';
import { createEmulator, type PlatformVariants } from '../emulator';
import { answerOverNode } from '../emulator/server';
import { statement } from '../emulator/store/statements';
import { createEventDispatcher } from '../velo/event-dispatcher';
import { ChangeFeed, consoleRoutes, type DeliveryLogEntry } from './console-api';
import { indexPage, SITE_PAGES } from './html';
import { bundlePage, bundleScript } from './page-bundler';
import { createSession } from './session';
import { webMethodRoutes } from './web-method-rpc';

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
const MAX_LOGGED_DELIVERIES = 2000;
const POLL_MS = 250;

export interface PlaygroundOptions {
  /** SQLite file, or `:memory:`. */
  dbPath: string;
  /** 0 picks a free port. */
  port: number;
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
  const deliveries: DeliveryLogEntry[] = [];

  // Backend events: everything already in the outbox was delivered by an earlier run.
  const lastSeq = (
    statement(emulator.context.db, 'SELECT coalesce(max(seq), 0) AS s FROM events').get() as { s: number }
  ).s;
  const dispatcher = createEventDispatcher({
    handler: emulator.fetch,
    handlers: events as unknown as Record<string, unknown>,
    callerToken: session.identities.visitor.token,
    elevatedToken: session.appToken,
    startAfter: lastSeq,
  });
  let lastMessage = -1;
  async function pump(): Promise<void> {
    const delivered = await dispatcher.deliverPending();
    if (delivered.length > 0) {
      const at = new Date().toISOString();
      deliveries.push(...delivered.map((d) => ({ ...d, deliveredAt: at })));
      deliveries.splice(0, Math.max(0, deliveries.length - MAX_LOGGED_DELIVERIES));
      changes.publish('deliveries');
    }
    const newest = (
      statement(emulator.context.db, 'SELECT coalesce(max(sequence), 0) AS s FROM messages').get() as { s: number }
    ).s;
    if (newest !== lastMessage) {
      lastMessage = newest;
      changes.publish('messages');
    }
  }
  const pumpSoon = () =>
    void pump().catch((error: unknown) => console.error('[playground] event delivery failed:', error));
  const timer = setInterval(pumpSoon, POLL_MS);

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
  app.route('/', webMethodRoutes(emulator, session, pumpSoon));
  app.route(
    '/',
    consoleRoutes(emulator, session, () => deliveries, changes),
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
  app.get('/assets/pages/:name{.+\\.js}', async (c) => {
    const page = SITE_PAGES[c.req.param('name').replace(/\.js$/, '')];
    if (!page) return c.notFound();
    const code = await asset(page.pageFile, () => bundlePage(page.pageFile));
    return c.body(code, 200, { 'content-type': 'text/javascript' });
  });
  app.get('/:page', (c) => {
    const page = SITE_PAGES[c.req.param('page')];
    return page ? c.html(page.html()) : c.notFound();
  });

  const server = await new Promise<ServerType>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port: options.port, hostname: '127.0.0.1' }, () => resolve(started));
    started.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    emulator,
    session,
    /** Delivers pending backend events now (tests call this instead of waiting for the poll). */
    deliverEvents: pump,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer);
        changes.close();
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => {
          emulator.close();
          resolve();
        });
      }),
  };
}
