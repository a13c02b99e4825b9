import { contacts, submittedContact } from '@wix/crm';
import { conversations, messages } from '@wix/inbox';
import { createClient } from '@wix/sdk';

/**
 * The contract suite `npm run parity` runs against the emulator and, given an API key, a real site:
 * what Wix answers, not how this project uses it. Each case reduces the answer to the facts that
 * matter (status, code, shape), so the two answers can be compared as strings.
 */

/** A client with the modules the cases call; `fetch` given for the in-process emulator. */
export function parityClient(auth: Parameters<typeof createClient>[0]['auth'], fetch?: typeof globalThis.fetch) {
  return createClient({
    auth,
    modules: { messages, conversations, contacts, submittedContact },
    ...(fetch ? { fetch } : {}),
  });
}
export type ParityClient = ReturnType<typeof parityClient>;

export interface ParityTarget {
  /** Runs as the business: an app (elevated code) on the emulator, the API key on a site. */
  business: ParityClient;
  /** Runs as an anonymous visitor, un-elevated; absent where no visitor token can be had (API-key mode). */
  visitor?: ParityClient;
  /** The only participant the suite writes to: its own test contact. */
  testEmail: string;
}

export interface ParityCase {
  name: string;
  run(target: ParityTarget): Promise<string>;
}

/** A failed SDK call as `status code`, or the first field violation: what Wix's error contract fixes. */
export function describeError(error: unknown): string {
  const e = error as {
    status?: number;
    details?: {
      applicationError?: { code?: unknown };
      validationError?: { fieldViolations?: { field?: string; violatedRule?: string }[] };
    };
  };
  const violation = e.details?.validationError?.fieldViolations?.[0];
  if (violation) return `${e.status} ${violation.field} ${violation.violatedRule}`;
  return `${e.status ?? 'no answer'} ${String(e.details?.applicationError?.code ?? '')}`.trim();
}

async function answerOf(call: () => Promise<string>): Promise<string> {
  try {
    return await call();
  } catch (error) {
    return describeError(error);
  }
}

async function testContact(target: ParityTarget): Promise<string> {
  const { contactId } = await target.business.submittedContact.appendOrCreateContact({
    info: { name: { first: 'Parity', last: 'Check' }, emails: { items: [{ email: target.testEmail }] } },
  });
  if (!contactId) throw new Error('appendOrCreateContact returned no contact id');
  return contactId;
}

async function testConversation(target: ParityTarget): Promise<string> {
  const contactId = await testContact(target);
  const { conversation } = await target.business.conversations.getOrCreateConversation({ contactId });
  if (!conversation?._id) throw new Error('getOrCreateConversation returned no conversation id');
  return conversation._id;
}

const text = (value: string) => ({ basic: { items: [{ text: value }] } });
const UNKNOWN_CONVERSATION = '11111111-2222-4333-8444-555555555555';

export const PARITY_CASES: ParityCase[] = [
  {
    name: 'contact append-or-create, twice',
    run: (t) =>
      answerOf(async () => {
        const info = { emails: { items: [{ email: t.testEmail }] } };
        await t.business.submittedContact.appendOrCreateContact({ info });
        const again = await t.business.submittedContact.appendOrCreateContact({ info });
        return `same contact: ${again.contactId === (await testContact(t))}, newContact ${again.newContact}, ${again.identityType}`;
      }),
  },
  {
    name: 'get-or-create is idempotent',
    run: (t) =>
      answerOf(async () => {
        const contactId = await testContact(t);
        const first = await t.business.conversations.getOrCreateConversation({ contactId });
        const second = await t.business.conversations.getOrCreateConversation({ contactId });
        return `same id: ${first.conversation?._id === second.conversation?._id}, second new: ${second.newConversation}`;
      }),
  },
  {
    name: 'send a basic message (business, BUSINESS visibility)',
    run: (t) =>
      answerOf(async () => {
        const { message } = await t.business.messages.sendMessage(await testConversation(t), {
          content: text('Parity check: please ignore.'),
          direction: 'BUSINESS_TO_PARTICIPANT',
          visibility: 'BUSINESS',
        });
        const sender = Object.keys(message?.sender ?? {})
          .sort()
          .join('+');
        const kind = (message?.content as { contentType?: string } | undefined)?.contentType;
        return `200 ${kind} ${message?.visibility} sender ${sender}`;
      }),
  },
  {
    name: 'validation violation shape (empty basic items)',
    run: (t) =>
      answerOf(async () => {
        await t.business.messages.sendMessage(await testConversation(t), {
          content: { basic: { items: [] } },
          direction: 'BUSINESS_TO_PARTICIPANT',
          visibility: 'BUSINESS',
        });
        return '200 (accepted)';
      }),
  },
  {
    name: 'list paging: limit 2, then the next cursor',
    run: (t) =>
      answerOf(async () => {
        const id = await testConversation(t);
        for (const n of [1, 2, 3]) {
          await t.business.messages.sendMessage(id, {
            content: text(`Parity page ${n}`),
            direction: 'BUSINESS_TO_PARTICIPANT',
            visibility: 'BUSINESS',
          });
        }
        const first = await t.business.messages.listMessages(id, 'BUSINESS', { paging: { limit: 2 } });
        const cursor = first.pagingMetadata?.cursors?.next ?? undefined;
        const times = (first.messages ?? []).map((m) => Number(m._createdDate));
        const newestFirst = times.length === 2 && times[0]! >= times[1]!;
        const second = cursor
          ? await t.business.messages.listMessages(id, 'BUSINESS', { paging: { limit: 2, cursor } })
          : undefined;
        return `count ${first.pagingMetadata?.count}, next cursor: ${Boolean(cursor)}, newest first: ${newestFirst}, page 2 has ${second?.messages?.length ?? 0}`;
      }),
  },
  {
    name: 'send to an unknown conversation',
    run: (t) =>
      answerOf(async () => {
        await t.business.messages.sendMessage(UNKNOWN_CONVERSATION, {
          content: text('Parity check'),
          direction: 'BUSINESS_TO_PARTICIPANT',
          visibility: 'BUSINESS',
        });
        return '200 (accepted)';
      }),
  },
  {
    name: 'un-elevated visitor lists messages',
    run: (t) =>
      answerOf(async () => {
        if (!t.visitor) return 'n/a (no visitor token in API-key mode)';
        await t.visitor.messages.listMessages(UNKNOWN_CONVERSATION, 'BUSINESS');
        return '200 (allowed)';
      }),
  },
];
