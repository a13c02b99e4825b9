import { forwardedBody } from 'backend/automations/forwarding';
import type { InboxEvent } from 'backend/automations/event-schemas';

/*
 * What leaves the site in a forwarded webhook, for each shape Velo may give an event: `_createdDate`
 * as a Date (Velo) or a string (JSON), or missing; a preview that is there, null or missing.
 */

const event = (message: Partial<InboxEvent['data']['message']>): InboxEvent => ({
  data: {
    conversationId: 'conversation-1',
    message: { _id: 'message-1', direction: 'PARTICIPANT_TO_BUSINESS', ...message },
  },
  metadata: { id: 'event-1' },
});
const ENVELOPE = { eventId: 'event-1', event: 'wixCrmInbox_onMessageSentToBusiness', conversationId: 'conversation-1' };
const NAME = 'wixCrmInbox_onMessageSentToBusiness';

it('sends the time as an ISO string whether Velo gives a Date or a string', () => {
  const asDate = forwardedBody(NAME, event({ _createdDate: new Date('2026-11-23T10:00:00Z') }), false);
  const asString = forwardedBody(NAME, event({ _createdDate: '2026-11-23T10:00:00.000Z' }), false);
  const expected = {
    ...ENVELOPE,
    message: { id: 'message-1', direction: 'PARTICIPANT_TO_BUSINESS', sentAt: '2026-11-23T10:00:00.000Z' },
  };
  expect(asDate).toEqual(expected);
  expect(asString).toEqual(expected);
});

it('leaves out the time when the event has none', () => {
  expect(forwardedBody(NAME, event({}), false)).toEqual({
    ...ENVELOPE,
    message: { id: 'message-1', direction: 'PARTICIPANT_TO_BUSINESS' },
  });
});

it('sends the preview only when the site opts in and the message has one', () => {
  const withPreview = event({ content: { previewText: 'My order #12 is late' } });
  expect(forwardedBody(NAME, withPreview, false).message).not.toHaveProperty('previewText');
  expect(forwardedBody(NAME, withPreview, true).message).toEqual({
    id: 'message-1',
    direction: 'PARTICIPANT_TO_BUSINESS',
    previewText: 'My order #12 is late',
  });
  for (const content of [undefined, {}, { previewText: null }, { previewText: '' }]) {
    expect(forwardedBody(NAME, event(content ? { content } : {}), true).message).not.toHaveProperty('previewText');
  }
});
