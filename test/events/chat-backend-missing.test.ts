import type * as EventsModule from 'backend/events';
import type * as EventHandlersModule from 'backend/automations/event-handlers';
import { automationConfig, setupEvents } from '../support/events';

/**
 * Wix has deprecated `wix-chat-backend`: on a site where it no longer resolves, events.js must still
 * load and every other handler work. The site modules are loaded in an isolated registry in which
 * resolving `wix-chat-backend` throws, as Velo's loader would.
 */
function withoutChatBackend<T>(load: () => T): T {
  let loaded!: T;
  jest.isolateModules(() => {
    jest.doMock('wix-chat-backend', () => {
      throw Object.assign(new Error("Cannot find module 'wix-chat-backend'"), { code: 'MODULE_NOT_FOUND' });
    });
    loaded = load();
  });
  return loaded;
}

// Loaded before the tests, not in one: module-level code run inside a test would count, for mutation
// testing, as covered by that test alone (docs/testing.md, "Static mutants").
let events: typeof EventsModule;
let eventHandlers: typeof EventHandlersModule;
beforeAll(() => {
  events = withoutChatBackend(() => jest.requireActual<typeof EventsModule>('backend/events'));
  eventHandlers = withoutChatBackend(() =>
    jest.requireActual<typeof EventHandlersModule>('backend/automations/event-handlers'),
  );
});

const VISITOR = '7f000000-0000-4000-8000-0000000000e1';
let errors: jest.SpyInstance;
beforeEach(() => {
  errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

it('loads events.js with every handler when wix-chat-backend cannot be resolved', () => {
  expect(Object.keys(events).sort()).toEqual([
    'wixBlog_onPostLiked',
    'wixChat_onMessage',
    'wixCrmInbox_onMessageSentToBusiness',
    'wixCrmInbox_onMessageSentToParticipant',
    'wixCrm_onFormSubmit',
    'wixForms_onSubmissionCreated',
    'wixForms_onSubmissionUpdated',
  ]);
  for (const handler of Object.values(events)) expect(typeof handler).toBe('function');
});

it('keeps the other handlers working; the chat handler fails with one clear line and does not throw', async () => {
  const { createEventHandlers, systemDeps } = eventHandlers;
  const config = automationConfig({
    chatAutoReplies: { enabled: true, answer: 'legacy-chat', rules: [{ keywords: ['hours'], reply: '9 to 5' }] },
  });
  const site = await setupEvents({ handlers: { ...createEventHandlers(config, systemDeps) } });

  await site.like('post-1', { memberId: site.members.ann.id });
  const channelId = await site.openChannel({ anonymousVisitorId: VISITOR });
  await site.chat(channelId, 'What are your hours?');
  const [like, chat] = await site.deliver();

  expect(like!.result).toMatchObject({ status: 'done' });
  expect(chat!.result).toMatchObject({ status: 'failed' });
  const lines = errors.mock.calls.map((args) => args.map(String).join(' '));
  expect(lines).toContainEqual(expect.stringContaining('wix-chat-backend is not available on this site'));
  const stored = (await site.control.conversations()).flatMap((c) => c.messages);
  expect(stored).toHaveLength(1);
});
