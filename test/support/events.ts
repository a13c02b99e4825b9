import type { PlatformVariants } from '../../local/emulator';
import { createEventHandlers, type VeloEventHandlers } from 'backend/automations/event-handlers';
import { defaultAutomationConfig, type AutomationConfig } from 'backend/automations/config';
import { createEventDispatcher } from '../../local/velo/event-dispatcher';
import { runWithWixContext } from '../../local/velo/wix-context';
import { setupSite } from './site';

type DeepPartialConfig = { [K in keyof AutomationConfig]?: Partial<AutomationConfig[K]> };

/** Merges section by section, so a test names only the settings it changes. */
export function automationConfig(overrides: DeepPartialConfig = {}): AutomationConfig {
  const merged = { ...defaultAutomationConfig } as Record<string, unknown>;
  for (const [section, values] of Object.entries(overrides)) {
    merged[section] = { ...(defaultAutomationConfig as unknown as Record<string, object>)[section], ...values };
  }
  return merged as unknown as AutomationConfig;
}

/**
 * A site (emulator + callers, see setupSite) whose backend events are handled by handlers built from
 * `config`, with a settable clock and no real waiting. `deliver()` runs every queued event through the
 * Velo event dispatcher, the real SDK and the emulator.
 */
export async function setupEvents(
  options: {
    config?: AutomationConfig;
    handlers?: Record<string, unknown>;
    now?: number;
    variants?: Partial<PlatformVariants>;
  } = {},
) {
  const site = await setupSite({ variants: options.variants });
  const clock = { now: options.now ?? Date.parse('2026-11-23T10:00:00Z') };
  const sleeps: number[] = [];
  const handlers: VeloEventHandlers | Record<string, unknown> =
    options.handlers ??
    createEventHandlers(options.config ?? automationConfig(), {
      now: () => clock.now,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
    });
  const appToken = (await site.control.token('APP')).token;
  const eventCaller = (await site.control.token('ANONYMOUS_VISITOR')).token;
  // Wix runs scheduled jobs with Admin permissions; elevated calls go as the site's app.
  const jobTokens = { callerToken: (await site.control.token('WIX_USER')).token, elevatedToken: appToken };
  const dispatcher = createEventDispatcher({
    // Looked up on each request, as site.call does, so a test can wrap the emulator's fetch.
    handler: (request) => site.emulator.fetch(request),
    handlers: handlers as Record<string, unknown>,
    tokens: { callerToken: eventCaller, elevatedToken: appToken },
  });
  return {
    ...site,
    clock,
    sleeps,
    deliver: () => dispatcher.deliverPending(),
    /** Runs backend code as a scheduled job runs it: as the site's admin, elevated calls as its app. */
    asJob<T>(work: () => Promise<T>): Promise<T> {
      return runWithWixContext((request) => site.emulator.fetch(request), jobTokens, work);
    },
    /** How many Wix calls the emulator has logged: the `before` of `operationsSince`. */
    async requestCount() {
      return (await site.control.requests()).length;
    },
    /** The Wix calls logged since request number `before`, as `operation status`. */
    async operationsSince(before: number) {
      return (await site.control.requests()).slice(before).map((r) => `${r.operation} ${r.status}`);
    },
    async like(postId: string, liker: { memberId: string } | { anonymousVisitorId: string }) {
      return (await site.control.call<{ eventId: string }>('POST', '/_emulator/v1/blog/likes', { postId, ...liker }))
        .body;
    },
    async openChannel(visitor: { memberId: string } | { anonymousVisitorId: string }) {
      return (await site.control.call<{ channel: { id: string } }>('POST', '/_emulator/v1/chat/channels', visitor)).body
        .channel.id;
    },
    async chat(
      channelId: string,
      text: string,
      direction: 'VisitorToBusiness' | 'BusinessToVisitor' = 'VisitorToBusiness',
    ) {
      return site.control.call('POST', '/_emulator/v1/chat/messages', { channelId, text, direction });
    },
    /** A Wix Forms submission (POST /_emulator/v1/forms/submissions); the answer as sent. */
    async submitForm(body: Record<string, unknown>) {
      return site.control.call<{ submission: Record<string, unknown>; eventId: string }>(
        'POST',
        '/_emulator/v1/forms/submissions',
        body,
      );
    },
    /** A legacy Wix Forms submission (POST /_emulator/v1/forms/legacy-submissions). */
    async submitLegacyForm(body: Record<string, unknown>) {
      return site.control.call<{ event: Record<string, unknown>; eventId: string }>(
        'POST',
        '/_emulator/v1/forms/legacy-submissions',
        body,
      );
    },
    async redeliver(eventId: string) {
      return site.control.call('POST', `/_emulator/v1/events/${eventId}/redeliver`);
    },
    async setSecret(name: string, value: string) {
      return site.control.call('POST', '/_emulator/v1/secrets', { name, value });
    },
  };
}

/**
 * The outcome detail of an auto-reply whose away message got a 503 and whose away window could then
 * not be given back (three 503s on its removal): both failures, and what follows for the window.
 */
export const AWAY_WINDOW_KEPT_AFTER_503 =
  'AwayWindowKept: Error (status 503); the away window was not given back, so no retry sends the away ' +
  'message in this window: Error: Injected fault: 503 for POST /wix-data/v2/items/remove.';
