/**
 * The one place an outbox payload becomes the event object Velo passes to events.js handlers: the
 * same JSON, with dates as `Date` objects where Velo documents a `Date` (message `_createdDate`, chat
 * `createdAt`, a form submission's `_createdDate` / `_updatedDate` (created and updated events), a legacy form's `submissionTime`).
 * `metadata.eventTime` stays a string, as documented.
 */
export function toVeloEvent(name: string, payload: unknown): unknown {
  const event = structuredClone(payload) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (name.startsWith('wixCrmInbox_') && typeof event?.data?.message?._createdDate === 'string') {
    event.data.message._createdDate = new Date(event.data.message._createdDate);
  }
  if (name === 'wixChat_onMessage' && typeof event?.createdAt === 'string') {
    event.createdAt = new Date(event.createdAt);
  }
  if (name === 'wixForms_onSubmissionCreated' || name === 'wixForms_onSubmissionUpdated') {
    for (const field of ['_createdDate', '_updatedDate']) {
      if (typeof event?.entity?.[field] === 'string') event.entity[field] = new Date(event.entity[field]);
    }
  }
  if (name === 'wixCrm_onFormSubmit' && typeof event?.submissionTime === 'string') {
    event.submissionTime = new Date(event.submissionTime);
  }
  return event;
}
