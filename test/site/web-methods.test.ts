import * as chat from 'backend/chat.web';
import * as admin from 'backend/inbox-admin.web';
import * as inbox from 'backend/inbox.web';
import { inboxSettings } from 'backend/lib/settings';
import { safeMessage } from 'backend/lib/site-error';
import { setupSite } from '../support/site';

/** A stored message as the control API shows it (REST shape). */
interface Stored {
  id: string;
  direction: string;
  visibility: string;
  sender: Record<string, string>;
  content: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const form = { firstName: 'Cara', lastName: 'Diaz', email: 'cara@example.com', message: 'Do you ship to Portugal?' };

let site: Awaited<ReturnType<typeof setupSite>>;
beforeEach(async () => {
  site = await setupSite();
});

async function conversationOf(participant: { memberId: string } | { contactId: string }) {
  const [key, id] = Object.entries(participant)[0]!;
  const conversation = (await site.control.conversations()).find((c) => c.participant[key] === id);
  if (!conversation) throw new Error(`no conversation for ${key} ${id}`);
  return { ...conversation, messages: conversation.messages as unknown as Stored[] };
}

async function allMessages(): Promise<Stored[]> {
  return (await site.control.conversations()).flatMap((c) => c.messages as unknown as Stored[]);
}

describe('submitContactForm', () => {
  it('stores a member submission in the member conversation, sent by the member, with a business acknowledgement', async () => {
    const { ann } = site.members;
    expect(await site.call(inbox, 'submitContactForm', [form], 'ann')).toEqual({ ok: true, value: { received: true } });
    const conversation = await conversationOf({ memberId: ann.id });
    expect(conversation.participant).toMatchObject({ memberId: ann.id });
    const [sent, ack] = conversation.messages;
    expect(sent).toMatchObject({
      direction: 'PARTICIPANT_TO_BUSINESS',
      visibility: 'BUSINESS',
      sender: { memberId: ann.id },
      content: { contentType: 'FORM', form: { title: inboxSettings.contactForm.formTitle } },
    });
    expect(sent!.content.form.fields).toContainEqual({ name: 'Message', value: form.message });
    expect(ack).toMatchObject({
      direction: 'BUSINESS_TO_PARTICIPANT',
      visibility: 'BUSINESS_AND_PARTICIPANT',
      sender: { appId: expect.any(String) },
      content: { basic: { items: [{ text: inboxSettings.contactForm.acknowledgement.text }] } },
    });
    expect(await allMessages()).toHaveLength(2);
  });

  it('emits onMessageSentToBusiness for the form and onMessageSentToParticipant for the acknowledgement', async () => {
    await site.call(inbox, 'submitContactForm', [form], 'ann');
    const { messages } = await conversationOf({ memberId: site.members.ann.id });
    const events = (await site.control.events()).map((e) => [e.name, e.payload.metadata.entityId]);
    expect(events).toEqual([
      ['wixCrmInbox_onMessageSentToBusiness', messages[0]!.id],
      ['wixCrmInbox_onMessageSentToParticipant', messages[1]!.id],
    ]);
  });

  it('refuses the sixth form from the same sender within the window and keeps only five', async () => {
    const results = [];
    for (let i = 1; i <= 6; i++) {
      results.push(await site.call(inbox, 'submitContactForm', [{ ...form, message: `Question ${i}` }], 'visitor'));
    }
    expect(results.slice(0, 5)).toEqual(Array(5).fill({ ok: true, value: { received: true } }));
    expect(results[5]).toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', message: expect.stringMatching(/too many messages/i) },
    });
    const forms = (await allMessages()).filter((m) => m.content.contentType === 'FORM');
    expect(forms).toHaveLength(5);
    expect(forms.map((m) => m.content.form.fields.find((f: { name: string }) => f.name === 'Message').value)).toEqual([
      'Question 1',
      'Question 2',
      'Question 3',
      'Question 4',
      'Question 5',
    ]);
  });

  it('accepts a honeypot submission and stores nothing', async () => {
    const result = await site.call(
      inbox,
      'submitContactForm',
      [{ ...form, website: 'http://spam.example' }],
      'visitor',
    );
    expect(result).toEqual({ ok: true, value: { received: true } });
    expect(await site.control.conversations()).toEqual([]);
    expect(await site.control.requests()).toEqual([]);
  });
});

describe('sendMemberMessage and getMyMessages', () => {
  it('stores a member message as BASIC from the member to the business, visible to both', async () => {
    const { ann } = site.members;
    expect(await site.call(inbox, 'sendMemberMessage', ['  Is my order ready?  '], 'ann')).toEqual({
      ok: true,
      value: { sent: true },
    });
    const { messages } = await conversationOf({ memberId: ann.id });
    expect(messages).toEqual([
      expect.objectContaining({
        direction: 'PARTICIPANT_TO_BUSINESS',
        visibility: 'BUSINESS_AND_PARTICIPANT',
        sender: expect.objectContaining({ memberId: ann.id }),
        content: expect.objectContaining({ contentType: 'BASIC', basic: { items: [{ text: 'Is my order ready?' }] } }),
      }),
    ]);
    expect((await site.control.events()).map((e) => e.name)).toEqual(['wixCrmInbox_onMessageSentToBusiness']);
  });

  it('shows a member only the shared messages of their own conversation, newest first', async () => {
    const { ann } = site.members;
    await site.call(inbox, 'submitContactForm', [form], 'ann');
    await site.call(inbox, 'sendMemberMessage', ['Ann asks'], 'ann');
    await site.call(inbox, 'sendMemberMessage', ['Bob asks'], 'bob');
    await site.call(admin, 'sendBasicMessage', [{ memberId: ann.id }, { items: [{ text: 'Shop answers' }] }], 'admin');
    const result = (await site.call(inbox, 'getMyMessages', [], 'ann')) as {
      ok: true;
      value: { fromBusiness: boolean; text: string; sentAt: string }[];
    };
    expect(result.ok).toBe(true);
    expect(result.value.map(({ fromBusiness, text }) => ({ fromBusiness, text }))).toEqual([
      { fromBusiness: true, text: 'Shop answers' },
      { fromBusiness: false, text: 'Ann asks' },
      { fromBusiness: true, text: inboxSettings.contactForm.acknowledgement.text },
    ]);
    expect(result.value.every((m) => !Number.isNaN(Date.parse(m.sentAt)))).toBe(true);
    expect(await site.call(inbox, 'getMyMessages', [], 'bob')).toEqual({
      ok: true,
      value: [
        {
          _id: expect.any(String),
          kind: 'BASIC',
          fromBusiness: false,
          text: 'Bob asks',
          sentAt: expect.any(String),
          links: [],
          actions: [],
        },
      ],
    });
  });

  it('shows a long member message in full, not cut at the 256-character preview', async () => {
    const long = `${'a'.repeat(300)} ${'b'.repeat(1500)}`;
    await site.call(inbox, 'sendMemberMessage', [long], 'ann');
    expect(await site.call(inbox, 'getMyMessages', [], 'ann')).toMatchObject({ ok: true, value: [{ text: long }] });
  });
});

describe('business messages (Admin)', () => {
  const cases = [
    {
      method: 'sendBasicMessage',
      input: {
        items: [
          { text: 'Your order shipped' },
          { image: { url: 'https://static.example.com/parcel.png', filename: 'parcel.png' } },
          {
            file: {
              url: 'https://static.example.com/invoice.pdf',
              filename: 'invoice.pdf',
              mimeType: 'application/pdf',
            },
          },
        ],
      },
      stored: {
        contentType: 'BASIC',
        basic: {
          items: [
            { text: 'Your order shipped' },
            {
              image: expect.objectContaining({ url: 'https://static.example.com/parcel.png', filename: 'parcel.png' }),
            },
            {
              file: {
                url: 'https://static.example.com/invoice.pdf',
                filename: 'invoice.pdf',
                mimeType: 'application/pdf',
              },
            },
          ],
        },
      },
    },
    {
      method: 'sendTemplateMessage',
      input: {
        title: 'Rate your order',
        imageUrl: 'https://static.example.com/stars.png',
        textLines: ['How was it?', 'Tell us in one click.'],
        buttons: [
          { label: 'Open review page', launchUrl: 'https://shop.example.com/review' },
          { label: 'Loved it', interactionId: 'rating-5' },
        ],
      },
      stored: {
        contentType: 'TEMPLATE',
        previewText: 'Rate your order',
        template: expect.objectContaining({
          title: 'Rate your order',
          imageUrl: 'https://static.example.com/stars.png',
          textLines: ['How was it?', 'Tell us in one click.'],
          buttons: [
            { label: 'Open review page', launchUrl: 'https://shop.example.com/review' },
            { label: 'Loved it', postbackProperties: { appId: expect.any(String), interactionId: 'rating-5' } },
          ],
        }),
      },
    },
    {
      method: 'sendMinimalMessage',
      input: {
        text: 'Ann liked a post',
        iconUrl: 'https://static.example.com/heart.png',
        url: 'https://blog.example.com/p',
      },
      stored: {
        contentType: 'MINIMAL',
        minimal: {
          text: 'Ann liked a post',
          iconUrl: 'https://static.example.com/heart.png',
          url: 'https://blog.example.com/p',
        },
      },
    },
  ];

  it.each(cases)(
    '$method lands business-to-participant, visible to both, in the member conversation and fires the event',
    async ({ method, input, stored }) => {
      const { ann } = site.members;
      const result = (await site.call(admin, method, [{ memberId: ann.id }, input], 'admin')) as {
        ok: true;
        value: { messageId: string };
      };
      expect(result).toEqual({ ok: true, value: { messageId: expect.any(String) } });
      const conversation = await conversationOf({ memberId: ann.id });
      expect(conversation.messages).toEqual([
        expect.objectContaining({
          id: result.value.messageId,
          direction: 'BUSINESS_TO_PARTICIPANT',
          visibility: 'BUSINESS_AND_PARTICIPANT',
          sender: { appId: expect.any(String) },
          content: expect.objectContaining(stored),
        }),
      ]);
      expect(await site.control.conversations()).toHaveLength(1);
      const [event] = await site.control.events();
      expect(event).toMatchObject({
        name: 'wixCrmInbox_onMessageSentToParticipant',
        payload: {
          data: { conversationId: conversation.id, message: { _id: result.value.messageId } },
          metadata: { entityId: result.value.messageId },
        },
      });
    },
  );

  it("sends to a contact's conversation by contact id, and a member's contact id reaches the member", async () => {
    await site.call(inbox, 'submitContactForm', [form], 'visitor');
    const [visitorConversation] = await site.control.conversations();
    const contactId = visitorConversation!.participant.contactId!;
    const text = { items: [{ text: 'We ship to Portugal' }] };
    expect(await site.call(admin, 'sendBasicMessage', [{ contactId }, text], 'admin')).toMatchObject({ ok: true });
    expect(
      await site.call(admin, 'sendBasicMessage', [{ contactId: site.members.ann.contactId }, text], 'admin'),
    ).toMatchObject({ ok: true });
    expect((await conversationOf({ contactId })).messages.at(-1)!.content.basic.items).toEqual([
      { text: 'We ship to Portugal' },
    ]);
    expect((await conversationOf({ memberId: site.members.ann.id })).messages).toHaveLength(1);
    expect(await site.control.conversations()).toHaveLength(2);
  });

  it('pages through a conversation newest first with a cursor', async () => {
    const to = { memberId: site.members.ann.id };
    for (const text of ['one', 'two', 'three']) await site.call(admin, 'sendMinimalMessage', [to, { text }], 'admin');
    type Page = { ok: true; value: { messages: { content: { minimal: { text: string } } }[]; nextCursor?: string } };
    const first = (await site.call(admin, 'listConversationMessages', [to, { limit: 2 }], 'admin')) as Page;
    expect(first.value.messages.map((m) => m.content.minimal.text)).toEqual(['three', 'two']);
    expect(first.value.nextCursor).toEqual(expect.any(String));
    const cursor = first.value.nextCursor;
    const second = (await site.call(admin, 'listConversationMessages', [to, { limit: 2, cursor }], 'admin')) as Page;
    expect(second.value.messages.map((m) => m.content.minimal.text)).toEqual(['one']);
    expect(second.value.nextCursor).toBeUndefined();
  });

  it('answers a cursor Wix does not recognise as a field error on the cursor', async () => {
    const to = { memberId: site.members.ann.id };
    await site.call(admin, 'sendMinimalMessage', [to, { text: 'one' }], 'admin');
    expect(await site.call(admin, 'listConversationMessages', [to, { cursor: 'not-a-cursor' }], 'admin')).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Please correct the highlighted fields.',
        fieldErrors: { 'page.cursor': 'Cursor must be the nextCursor of a previous page' },
      },
    });
  });

  it.each([401, 403])(
    'answers NOT_ALLOWED, with the fixed message, when Wix refuses a send with %i',
    async (status) => {
      const to = { memberId: site.members.ann.id };
      const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      await site.control.fault('POST', '/inbox/v2/messages', status);
      expect(await site.call(admin, 'sendMinimalMessage', [to, { text: 'Hi' }], 'admin')).toEqual({
        ok: false,
        error: { code: 'NOT_ALLOWED', message: safeMessage('NOT_ALLOWED') },
      });
      error.mockRestore();
    },
  );

  it("blames the cursor only for Wix's 400, and only when a cursor was sent", async () => {
    const to = { memberId: site.members.ann.id };
    await site.call(admin, 'sendMinimalMessage', [to, { text: 'one' }], 'admin');
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    // An outage while reading a page with a cursor is an outage (a read: retried, three attempts).
    await site.control.fault('GET', '/inbox/v2/messages', 503, 3);
    const cursor = 'a'.repeat(20);
    expect(await site.call(admin, 'listConversationMessages', [to, { cursor }], 'admin')).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', message: safeMessage('UNAVAILABLE') },
    });
    // A 400 for a first page (no cursor) is not the cursor's.
    await site.control.fault('GET', '/inbox/v2/messages', 400);
    expect(await site.call(admin, 'listConversationMessages', [to], 'admin')).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: safeMessage('INVALID_INPUT') },
    });
    error.mockRestore();
  });
});

describe('sendChatMessage (Admin, legacy chat)', () => {
  it('stores a business chat message in the channel and emits wixChat_onMessage', async () => {
    const { body } = await site.control.call<{ channel: { id: string } }>('POST', '/_emulator/v1/chat/channels', {
      memberId: site.members.ann.id,
    });
    const channelId = body.channel.id;
    expect(await site.call(chat, 'sendChatMessage', [channelId, ' Hello from the shop '], 'admin')).toEqual({
      ok: true,
      value: { sent: true },
    });
    const response = await site.emulator.fetch(
      new Request(`http://emulator.test/chat/v1/channels/${channelId}/messages`, {
        headers: { Authorization: site.callers.admin.token },
      }),
    );
    const { messages } = (await response.json()) as { messages: unknown[] };
    expect(messages).toEqual([
      expect.objectContaining({ channelId, direction: 'BusinessToVisitor', text: 'Hello from the shop' }),
    ]);
    expect(await site.control.events()).toEqual([
      expect.objectContaining({
        name: 'wixChat_onMessage',
        payload: expect.objectContaining({
          channelId,
          direction: 'BusinessToVisitor',
          payload: { text: 'Hello from the shop' },
        }),
      }),
    ]);
  });
});
