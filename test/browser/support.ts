import '../../local/velo/velo-modules';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlayground } from '../../local/playground/server';
import { controlClient } from '../support/emulator';

/** Debian's Chromium (installed by .ci/run with apt-get); Playwright's own download does not work here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export type Persona = 'visitor' | 'member' | 'admin';

/** The two window sizes every page is checked at: a desktop and a phone (an iPhone 14's CSS width). */
export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 390, height: 844 };

/**
 * A playground on a free port with its own SQLite file, and a headless Chromium. `open(path, as)`
 * opens a page acting as a persona (the identity switcher's choice, set in localStorage); `post` and
 * `control` reach the same origin from the test, outside the browser.
 */
export async function setupBrowser() {
  const dir = mkdtempSync(join(tmpdir(), 'playground-'));
  const playground = await startPlayground({ dbPath: join(dir, 'site.sqlite'), port: 0 });
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const contexts = new Map<number, Promise<BrowserContext>>();
  const contextFor = (viewport: { width: number; height: number }) => {
    if (!contexts.has(viewport.width)) contexts.set(viewport.width, browser.newContext({ viewport }));
    return contexts.get(viewport.width)!;
  };
  return {
    playground,
    browser,
    /** The emulator's control API, on the playground's origin. */
    control: controlClient((request) => fetch(request), playground.url),
    /** POSTs JSON to the playground as `token` (no Authorization without one); throws unless 200. */
    async post<T = unknown>(path: string, body: unknown, token?: string): Promise<T> {
      const response = await fetch(playground.url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: token } : {}) },
        body: JSON.stringify(body),
      });
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    async open(path: string, as: Persona = 'visitor', viewport = DESKTOP): Promise<Page> {
      const page = await (await contextFor(viewport)).newPage();
      await page.addInitScript((persona) => localStorage.setItem('playground.identity', persona), as);
      await page.goto(playground.url + path);
      return page;
    },
    async close() {
      await browser.close();
      await playground.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
