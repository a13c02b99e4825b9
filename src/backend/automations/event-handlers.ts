import { blogLikeHandler } from './blog-likes';
import { chatAutoReplyHandler } from './chat-auto-replies';
import type { AutomationConfig } from './config';
import { legacyFormHandler, wixFormsHandler } from './form-submissions';
import { forwardingHandler, type ForwardingDeps } from './forwarding';
import { inboxSettings } from '../lib/settings';
import type { Outcome } from './outcome';
import { runHandler } from './run-handler';

export type EventHandler = (event: unknown) => Promise<Outcome>;

export interface VeloEventHandlers {
  wixCrmInbox_onMessageSentToParticipant: EventHandler;
  wixCrmInbox_onMessageSentToBusiness: EventHandler;
  wixChat_onMessage: EventHandler;
  wixBlog_onPostLiked: EventHandler;
  wixForms_onSubmissionCreated: EventHandler;
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
  const likes = blogLikeHandler(config.blogLikes, deps.now);
  const formOptions = { sendNotifications: inboxSettings.notifications.inbound };
  const forms = wixFormsHandler(config.wixForms, formOptions);
  const legacyForms = legacyFormHandler(config.wixForms, formOptions);
  return {
    wixCrmInbox_onMessageSentToParticipant: (event) => runHandler(toParticipant, event),
    wixCrmInbox_onMessageSentToBusiness: (event) => runHandler(toBusiness, event),
    wixChat_onMessage: (event) => runHandler(chat, event),
    wixBlog_onPostLiked: (event) => runHandler(likes, event),
    wixForms_onSubmissionCreated: (event) => runHandler(forms, event),
    wixCrm_onFormSubmit: (event) => runHandler(legacyForms, event),
  };
}

export const systemDeps: ForwardingDeps = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};
