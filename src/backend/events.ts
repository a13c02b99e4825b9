import { createEventHandlers, systemDeps } from './automations/event-handlers';
import { defaultAutomationConfig } from './automations/config';

/**
 * Backend events (Velo: src/backend/events.js). Wix calls these by name; each returns after handling
 * the event and never throws. What they do is set in automations/config.ts.
 */
const handlers = createEventHandlers(defaultAutomationConfig, systemDeps);

/** A business reply or message to a participant: forwarded to the webhook if configured. */
export function wixCrmInbox_onMessageSentToParticipant(event: unknown) {
  return handlers.wixCrmInbox_onMessageSentToParticipant(event);
}

/** A participant's message to the business: forwarded to the webhook if configured. */
export function wixCrmInbox_onMessageSentToBusiness(event: unknown) {
  return handlers.wixCrmInbox_onMessageSentToBusiness(event);
}

/** A legacy Wix Chat message: keyword and away auto-replies. */
export function wixChat_onMessage(event: unknown) {
  return handlers.wixChat_onMessage(event);
}

/** A blog post liked: a minimal message in the liker's conversation. */
export function wixBlog_onPostLiked(event: unknown) {
  return handlers.wixBlog_onPostLiked(event);
}

/** A Wix Forms submission: one FORM message from the submitter to the business. */
export async function wixForms_onSubmissionCreated(event: unknown) {
  return handlers.wixForms_onSubmissionCreated(event);
}

/** A Wix Forms submission confirmed or its payment status changed: forwarded then if it was not yet. */
export async function wixForms_onSubmissionUpdated(event: unknown) {
  return handlers.wixForms_onSubmissionUpdated(event);
}

/** A legacy Wix Forms submission: one FORM message in the submitting contact's conversation. */
export async function wixCrm_onFormSubmit(event: unknown) {
  return handlers.wixCrm_onFormSubmit(event);
}
