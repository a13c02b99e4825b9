import * as inbox from 'backend/inbox.web';
import { MAX_LEDGER_PAGES } from 'backend/lib/rate-limit';
import { inboxSettings } from 'backend/lib/settings';
import { setupSite } from '../support/site';

const form = { firstName: 'Ann', email: 'ann@example.com', message: 'Where is my order?' };
const RECEIVED = { ok: true, value: { received: true } };
const { maxMessages: FORM_LIMIT } = inboxSettings.contactForm.rateLimit;
const { maxMessages: MESSAGE_LIMIT } = inboxSettings.memberMessages.rateLimit;

type Site = Awaited<ReturnType<typeof setupSite>>;

async function setup() {
  const site = await setupSite();
  const app = await site.control.token('APP');
  const api = async (path: string, body: unknown) => {
    const response = await site.emulator.fetch(
      new Request(`http://emulator.test${path}`, {
        method: 'POST',
        headers: { authorization: app.token, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as { conversation?: { id: string } };
  };
  const { conversation } = await api('/inbox/v2/conversations', { participantId: { memberId: site.members.ann.id } });
  /** `count` business replies in ann's conversation: messages the ledger must read past. */
  const businessReplies = async (count: number) => {
    for (let n = 0; n < count; n += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, count - n) }, (_, i) =>
          api('/inbox/v2/messages', {
            conversationId: conversation!.id,
            message: {
              content: { basic: { items: [{ text: `reply ${n + i}` }] } },
              direction: 'BUSINESS_TO_PARTICIPANT',
              visibility: 'BUSINESS_AND_PARTICIPANT',
            },
          }),
        ),
      );
    }
  };
  return { site, businessReplies };
}

async function storedOfKind(site: Site, contentType: string) {
  return (await site.control.conversations())
    .flatMap((c) => c.messages as { content: { contentType: string } }[])
    .filter((m) => m.content.contentType === contentType);
}

it('keeps a member who alternates contact forms and member messages to the form limit', async () => {
  const { site } = await setup();
  const forms = [];
  for (let i = 0; i < 12; i++) {
    forms.push(await site.call(inbox, 'submitContactForm', [{ ...form, message: `Form ${i}` }], 'ann'));
    await site.call(inbox, 'sendMemberMessage', [`Message ${i}`], 'ann');
  }
  expect(forms.slice(0, FORM_LIMIT)).toEqual(Array(FORM_LIMIT).fill(RECEIVED));
  expect(forms.slice(FORM_LIMIT).every((r) => (r as { error?: { code: string } }).error?.code === 'RATE_LIMITED')).toBe(
    true,
  );
  expect(await storedOfKind(site, 'FORM')).toHaveLength(FORM_LIMIT);
});

it('still refuses the sixth form with hundreds of other messages after the first five', async () => {
  const { site, businessReplies } = await setup();
  for (let i = 0; i < FORM_LIMIT; i++)
    expect(await site.call(inbox, 'submitContactForm', [form], 'ann')).toEqual(RECEIVED);
  await businessReplies(250);
  expect(await site.call(inbox, 'submitContactForm', [form], 'ann')).toMatchObject({
    ok: false,
    error: { code: 'RATE_LIMITED' },
  });
  expect(await storedOfKind(site, 'FORM')).toHaveLength(FORM_LIMIT);
});

it('still refuses a member message over the limit with hundreds of other messages in between', async () => {
  const { site, businessReplies } = await setup();
  for (let i = 0; i < MESSAGE_LIMIT; i++) {
    expect(await site.call(inbox, 'sendMemberMessage', [`Message ${i}`], 'ann')).toEqual({
      ok: true,
      value: { sent: true },
    });
    if (i % 5 === 0) await businessReplies(30);
  }
  expect(await site.call(inbox, 'sendMemberMessage', ['One more'], 'ann')).toMatchObject({
    ok: false,
    error: { code: 'RATE_LIMITED' },
  });
});

it('refuses, and says so in the log, when the ledger is longer than it may read inside the window', async () => {
  const { site, businessReplies } = await setup();
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  await businessReplies(MAX_LEDGER_PAGES * 100 + 1);
  expect(await site.call(inbox, 'submitContactForm', [form], 'ann')).toMatchObject({
    ok: false,
    error: { code: 'RATE_LIMITED' },
  });
  expect(warn).toHaveBeenCalledWith(expect.stringContaining(`${MAX_LEDGER_PAGES} pages`));
  expect((await site.control.requests()).filter((r) => r.operation === 'inbox.listMessages')).toHaveLength(
    MAX_LEDGER_PAGES,
  );
  warn.mockRestore();
});

it('reads one page when the conversation is short', async () => {
  const { site } = await setup();
  await site.call(inbox, 'submitContactForm', [form], 'ann');
  expect((await site.control.requests()).filter((r) => r.operation === 'inbox.listMessages')).toHaveLength(1);
});
