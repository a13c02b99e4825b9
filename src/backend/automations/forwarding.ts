import { auth } from '@wix/essentials';
import { lazily } from '../lib/lazily';
import { callWix } from '../lib/retry';
import type { AutomationConfig } from './config';
import { inboxEventSchema, type InboxEvent } from './event-schemas';
import type { HandlerSpec } from './run-handler';
import { SIGNATURE_HEADER, sign } from './signature';

type ForwardingConfig = AutomationConfig['forwarding'];

export interface ForwardingDeps {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

/** @wix/secrets loads when a message is first forwarded, not with every module that imports this file. */
const elevatedGetSecret = lazily(async () => auth.elevate((await import('@wix/secrets')).secrets.getSecretValue));

/** What leaves the site: ids, direction, type and time; the text only when the site opts in. */
export function forwardedBody(name: string, event: InboxEvent, includeText: boolean) {
  const message = event.data.message;
  const sentAt = message._createdDate instanceof Date ? message._createdDate.toISOString() : message._createdDate;
  return {
    eventId: event.metadata.id,
    event: name,
    conversationId: event.data.conversationId,
    message: {
      id: message._id,
      direction: message.direction,
      ...(sentAt ? { sentAt } : {}),
      ...(includeText && message.content?.previewText ? { previewText: message.content.previewText } : {}),
    },
  };
}

class WebhookFailed extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'WebhookFailed';
  }
}

async function postOnce(config: ForwardingConfig, body: string, secret: string, eventId: string, nowMs: number) {
  let response: Response;
  try {
    response = await fetch(config.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: sign(secret, body, Math.floor(nowMs / 1000)),
        'x-inbox-event-id': eventId,
      },
      body,
      signal: AbortSignal.timeout(config.timeoutMs),
    });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    throw new WebhookFailed(timedOut ? `webhook timed out after ${config.timeoutMs} ms` : 'webhook unreachable', true);
  }
  await response.body?.cancel();
  if (response.ok) return;
  throw new WebhookFailed(`webhook answered ${response.status}`, response.status === 429 || response.status >= 500);
}

/**
 * Forwards Inbox traffic to an outgoing webhook, signed with a secret from Wix Secrets Manager. Each
 * attempt has a timeout; network failures, timeouts, 429 and 5xx are retried with exponential backoff
 * and jitter, at most `maxAttempts` times in all. Every attempt carries the event id, so a receiver
 * can drop repeats if an answer was lost.
 */
export function forwardingHandler(
  name: string,
  config: ForwardingConfig,
  deps: ForwardingDeps,
): HandlerSpec<InboxEvent> {
  return {
    name,
    schema: inboxEventSchema,
    claimKey: (event) => `forward:${event.metadata.id}`,
    precheck: (event) => {
      if (!config.enabled || !config.url) return { status: 'skipped', detail: 'forwarding is turned off' };
      if (!config.directions.includes(event.data.message.direction)) {
        return { status: 'skipped', detail: `${event.data.message.direction} is not forwarded` };
      }
      return undefined;
    },
    run: async (event) => {
      // A read of Wix Secrets Manager: retried under lib/retry.ts. The webhook has its own policy below.
      const getSecretValue = await elevatedGetSecret();
      const { value: secret } = await callWix('getSecretValue', 'idempotent', () => getSecretValue(config.secretName));
      if (!secret) throw new Error(`secret "${config.secretName}" is empty`);
      const body = JSON.stringify(forwardedBody(name, event, config.includeMessageText));
      for (let attempt = 1; ; attempt++) {
        try {
          await postOnce(config, body, secret, event.metadata.id, deps.now());
          return { status: 'done', detail: `forwarded (attempt ${attempt})` };
        } catch (error) {
          const retryable = error instanceof WebhookFailed && error.retryable;
          if (!retryable || attempt >= config.maxAttempts) throw error;
          await deps.sleep(200 * 2 ** (attempt - 1) * (0.5 + deps.random()));
        }
      }
    },
  };
}
