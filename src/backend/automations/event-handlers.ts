import { blogLikeHandler } from './blog-likes';
import { chatAutoReplyHandler } from './chat-auto-replies';
import type { AutomationConfig } from './config';
import { legacyFormHandler, wixFormsHandler } from './form-submissions';
import { forwardingHandler, type ForwardingDeps } from './forwarding';
import { inboxSettings } from '../lib/settings';
import { inboxAutoReplyHandler } from './inbox-auto-replies';
import { logOutcome, type Outcome } from './outcome';
import { runHandler } from './run-handler';

export type EventHandler = (event: unknown) => Promise<Outcome>;

export interface VeloEventHandlers {
  wixCrmInbox_onMessageSentToParticipant: EventHandler;
  wixCrmInbox_onMessageSentToBusiness: EventHandler;
  wixChat_onMessage: EventHandler;
  wixBlog_onPostLiked: EventHandler;
  wixForms_onSubmissionCreated: EventHandler;
  wixForms_onSubmissionUpdated: EventHandler;
  wixCrm_onFormSubmit: EventHandler;
}

/**
 * Builds the backend event handlers from a config. events.ts exports one set built from the site's
 * config; tests build their own with other settings, a fixed clock and no real waiting.
 */
export function createEventHandlers(config: AutomationConfig, deps: ForwardingDeps): VeloEventHandlers {
  const toParticipant = forwardingHandler('wixCrmInbox_onMessageSentToParticipant', config.forwarding, deps);
  const toBusiness = forwardingHandler('wixCrmInbox_onMessageSentToBusiness', config.forwarding, deps);
  const chat = chatAutoReplyHandler(config, deps.now);
  const autoReply = inboxAutoReplyHandler(config, deps.now);
  const likes = blogLikeHandler(config.blogLikes, deps.now);
  const formOptions = { sendNotifications: inboxSettings.notifications.inbound };
  const forms = wixFormsHandler(config.wixForms, formOptions, 'wixForms_onSubmissionCreated');
  const formUpdates = wixFormsHandler(config.wixForms, formOptions, 'wixForms_onSubmissionUpdated');
  const legacyForms = legacyFormHandler(config.wixForms, formOptions);
  return {
    wixCrmInbox_onMessageSentToParticipant: (event) => runHandler(toParticipant, event),
    // Two automations on one event, each with its own claim; one log line for the event.
    wixCrmInbox_onMessageSentToBusiness: async (event) => {
      const forwarded = await runHandler(toBusiness, event, { log: false });
      // Both read the same payload: one that forwarding rejected is not looked at twice.
      const outcome =
        forwarded.status === 'invalid'
          ? forwarded
          : combined(forwarded, await runHandler(autoReply, event, { log: false }));
      return logOutcome('wixCrmInbox_onMessageSentToBusiness', eventIdOf(event), outcome);
    },
    wixChat_onMessage: (event) => runHandler(chat, event),
    wixBlog_onPostLiked: (event) => runHandler(likes, event),
    wixForms_onSubmissionCreated: (event) => runHandler(forms, event),
    wixForms_onSubmissionUpdated: (event) => runHandler(formUpdates, event),
    wixCrm_onFormSubmit: (event) => runHandler(legacyForms, event),
  };
}

function eventIdOf(event: unknown): string | undefined {
  const id = (event as { metadata?: { id?: unknown } } | null)?.metadata?.id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * One outcome for two automations: one that had nothing to do gives way to the other; otherwise the
 * more telling status wins (a failure over work done) and both details are kept. Each has already
 * logged its own line.
 */
const RANK: Outcome['status'][] = ['failed', 'invalid', 'done', 'throttled', 'duplicate', 'skipped'];
function combined(first: Outcome, second: Outcome): Outcome {
  if (second.status === 'skipped' && first.status !== 'skipped') return first;
  if (first.status === 'skipped' && second.status !== 'skipped') return second;
  const status = RANK.find((s) => s === first.status || s === second.status)!;
  return { status, detail: `${first.detail}; ${second.detail}` };
}

export const systemDeps: ForwardingDeps = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};
