import { setupBrowser } from './support';

let env: Awaited<ReturnType<typeof setupBrowser>>;
beforeEach(async () => {
  env = await setupBrowser();
});
afterEach(async () => {
  await env.close();
});

/** An Inbox API call as the site's admin, outside the browser. */
const api = (path: string, body: unknown) =>
  env.post<{ conversation?: { id: string } }>(path, body, env.playground.session.identities.admin.token);

const visitor = (n: number) => `7e000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

it('stays correct with thousands of messages: pages of conversations and of a thread, never all', async () => {
  // 120 conversations with one message each, then one conversation with 1,500 messages (newest).
  for (let n = 0; n < 120; n += 20) {
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const { conversation } = await api('/inbox/v2/conversations', {
          participantId: { anonymousVisitorId: visitor(n + i) },
        });
        await api('/inbox/v2/messages', {
          conversationId: conversation!.id,
          message: {
            content: { basic: { items: [{ text: `hello ${n + i}` }] } },
            direction: 'PARTICIPANT_TO_BUSINESS',
            visibility: 'BUSINESS_AND_PARTICIPANT',
          },
        });
      }),
    );
  }
  const { conversation } = await api('/inbox/v2/conversations', {
    participantId: { anonymousVisitorId: visitor(999) },
  });
  for (let n = 0; n < 1500; n += 50) {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api('/inbox/v2/messages', {
          conversationId: conversation!.id,
          message: {
            content: { basic: { items: [{ text: `message ${n + i}` }] } },
            direction: 'PARTICIPANT_TO_BUSINESS',
            visibility: 'BUSINESS_AND_PARTICIPANT',
          },
        }),
      ),
    );
  }

  const page = await env.open('/console', 'admin');
  await page.locator('body[data-ready="true"]').waitFor();
  const conversations = page.locator('[data-testid="conversation"]');
  const messages = page.locator('#thread [data-testid="message"]');
  expect(await conversations.count()).toBe(50);
  expect(await messages.count()).toBe(30);
  expect(
    await page.locator('[data-testid="conversation"][aria-current="true"]').getAttribute('data-conversation-id'),
  ).toBe(conversation!.id);

  await page.click('#load-more-conversations');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="conversation"]').length === 100);
  await page.click('#load-older');
  await page.waitForFunction(() => document.querySelectorAll('#thread [data-testid="message"]').length === 60);
  const ids = await messages.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-message-id')));
  expect(new Set(ids).size).toBe(60);
  // A hang guard, not a speed bound: seeding 1,620 messages over HTTP before the browser steps took
  // over 30 s (the suite's default) on a 2-core machine busy with mutation runs.
}, 120_000);
