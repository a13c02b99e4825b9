import { ChangeFeed, consoleRoutes, type ConversationPage } from '../../local/playground/console-api';
import type { PlaygroundSession } from '../../local/playground/session';
import { setupEmulator, type ConversationState } from '../support/emulator';

type Page = { conversations: ConversationState[]; nextCursor?: string };
type Setup = Awaited<ReturnType<typeof setupEmulator>>;

const visitor = (n: number) => `7f000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** `count` conversations, oldest first, each with `messages` messages from the business. */
async function withConversations(f: Setup, count: number, messages = 0): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const { conversation } = await f.app.conversations.getOrCreateConversation({ anonymousVisitorId: visitor(n) });
    ids.push(conversation!._id!);
    for (let m = 0; m < messages; m++) {
      await f.app.messages.sendMessage(conversation!._id!, {
        content: { basic: { items: [{ text: `Message ${m}` }] } },
        direction: 'BUSINESS_TO_PARTICIPANT',
        visibility: 'BUSINESS_AND_PARTICIPANT',
      });
    }
  }
  return ids;
}

describe('GET /_emulator/v1/conversations', () => {
  it('answers 20 conversations a page, oldest first, and the rest after nextCursor', async () => {
    const f = await setupEmulator();
    const ids = await withConversations(f, 25);
    const first = await f.control.call<Page>('GET', '/_emulator/v1/conversations');
    expect(first.body.conversations.map((c) => c.id)).toEqual(ids.slice(0, 20));
    const second = await f.control.call<Page>(
      'GET',
      `/_emulator/v1/conversations?cursor=${encodeURIComponent(first.body.nextCursor!)}`,
    );
    expect(second.body.conversations.map((c) => c.id)).toEqual(ids.slice(20));
    expect(second.body.nextCursor).toBeUndefined();
    expect(await f.control.conversations()).toHaveLength(25); // the helper follows the pages
  });

  it('answers one conversation by id, with its newest messageLimit messages and how many it holds', async () => {
    const f = await setupEmulator();
    const [, id] = await withConversations(f, 3, 3);
    const { body } = await f.control.call<Page>(
      'GET',
      `/_emulator/v1/conversations?conversationId=${id}&messageLimit=2`,
    );
    expect(body.conversations.map((c) => c.id)).toEqual([id]);
    expect(body.conversations[0]!.messageCount).toBe(3);
    expect(body.conversations[0]!.messages.map((m) => m.content)).toEqual([
      expect.objectContaining({ basic: { items: [{ text: 'Message 1' }] } }),
      expect.objectContaining({ basic: { items: [{ text: 'Message 2' }] } }),
    ]);
  });

  it('keeps an answer small by default: at most 100 messages of a conversation', async () => {
    const f = await setupEmulator();
    await withConversations(f, 1, 101);
    const { body } = await f.control.call<Page>('GET', '/_emulator/v1/conversations');
    expect(body.conversations[0]!.messages).toHaveLength(100);
    expect(body.conversations[0]!.messageCount).toBe(101);
    await expect(f.control.conversations()).resolves.toHaveLength(1); // asks for up to 10,000
  });

  it.each([['limit=0'], ['limit=101'], ['limit=x'], ['messageLimit=10001'], ['cursor=12'], ['conversationId=nope']])(
    'answers 400 for %s',
    async (query) => {
      const f = await setupEmulator();
      const { status, body } = await f.control.call('GET', `/_emulator/v1/conversations?${query}`);
      expect(status).toBe(400);
      expect(JSON.stringify(body)).toMatch(/limit|cursor|conversationId/i);
    },
  );
});

describe("the console's conversation list", () => {
  it('pages by latest activity without repeating or skipping a conversation', async () => {
    const f = await setupEmulator();
    const ids = await withConversations(f, 7, 1);
    // The oldest conversation gets a new message: it moves to the top.
    await f.app.messages.sendMessage(ids[0]!, {
      content: { basic: { items: [{ text: 'Again' }] } },
      direction: 'BUSINESS_TO_PARTICIPANT',
      visibility: 'BUSINESS_AND_PARTICIPANT',
    });
    const routes = consoleRoutes(
      f.emulator,
      { identities: [] } as unknown as PlaygroundSession,
      () => [],
      new ChangeFeed(),
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const response = await routes.request(`/_playground/conversations?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      const page = (await response.json()) as ConversationPage;
      expect(page.conversations.length).toBeLessThanOrEqual(3);
      seen.push(...page.conversations.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ids[0], ...ids.slice(1).reverse()]);
  });
});
