/** The emulator a fuzz target runs against: a fresh one with its fixture data, and how requests reach it. */
import type { IdentityType } from '../../../local/emulator/identity';
import { setupEmulator, type FetchHandler } from '../emulator';
import { totalChanges } from './invariants';

const ORIGIN = 'http://emulator.test';

/** The fixture's Wix Forms form (any GUID: the emulator keeps no forms, only their submissions). */
export const FORM_ID = '21bcb6c7-02b3-4ed1-b6db-7856094fac03';

/** Who calls an emulated API: a token of each identity, none, or one the emulator never minted. */
export const AUTHS = ['app', 'wixUser', 'member', 'visitor', 'none', 'bogus'] as const;
export type Auth = (typeof AUTHS)[number];

/** A request as generated: path (with its query), raw body and caller; the target adds the method. */
export interface HttpInput {
  path: string;
  body?: string;
  auth?: Auth;
}

/** A request with a raw body, as `token` (no Authorization without one). */
function sendAs(handler: FetchHandler, method: string, path: string, body: string | undefined, token?: string) {
  const headers = { 'content-type': 'application/json', ...(token ? { authorization: token } : {}) };
  return handler(new Request(ORIGIN + path, { method, headers, body }));
}

/** A fixture's POST: the parsed answer, or a throw unless it is 200. */
async function postJson<T>(handler: FetchHandler, path: string, body: unknown, token?: string): Promise<T> {
  const response = await sendAs(handler, 'POST', path, JSON.stringify(body), token);
  if (response.status !== 200) throw new Error(`fuzz setup: POST ${path} answered ${await response.text()}`);
  return (await response.json()) as T;
}

const CARA = { info: { name: { first: 'Cara' }, emails: { items: [{ email: 'cara@example.com' }] } } };

/** A contact who is not a member (submitted as the app) and a visitor's chat channel: what admin calls write to. */
export async function contactAndChannel(handler: FetchHandler, appToken: string, visitorId: string) {
  const { contactId } = await postJson<{ contactId: string }>(handler, '/contacts/v4/contact-submit', CARA, appToken);
  const { channel } = await postJson<{ channel: { id: string } }>(handler, '/_emulator/v1/chat/channels', {
    anonymousVisitorId: visitorId,
  });
  return { contactId, channelId: channel.id };
}

/** A fresh emulator with a member, a contact, conversations, a chat channel, a data item and a secret. */
export async function emulatorFixture() {
  const f = await setupEmulator();
  const mint = async (type: IdentityType, id?: string) => (await f.control.token(type, id)).token;
  const app = await mint('APP');
  const tokens: Record<Auth, string | undefined> = {
    app,
    wixUser: await mint('WIX_USER'),
    member: await mint('MEMBER', f.member.id),
    visitor: await mint('ANONYMOUS_VISITOR'),
    none: undefined,
    bogus: 'emu.app.never-minted',
  };
  const conversationId = async (participant: { memberId: string } | { anonymousVisitorId: string }) =>
    (await f.app.conversations.getOrCreateConversation(participant)).conversation!._id!;
  const contactChannel = await contactAndChannel(f.emulator.fetch, app, f.visitorId);
  await postJson(f.emulator.fetch, '/_emulator/v1/secrets', { name: 'webhook-secret', value: 's3cret' });
  const item = { dataCollectionId: 'FuzzItems', dataItem: { id: 'item-1', data: { title: 'Kept' } } };
  await postJson(f.emulator.fetch, '/wix-data/v2/items', item, app);
  const { submission } = await postJson<{ submission: { _id: string } }>(
    f.emulator.fetch,
    '/_emulator/v1/forms/submissions',
    { formId: FORM_ID, submissions: { email: 'cara@example.com' }, submitter: { visitorId: f.visitorId } },
  );
  return {
    send: (method: string, input: HttpInput) =>
      sendAs(f.emulator.fetch, method, input.path, input.body, input.auth && tokens[input.auth]),
    writes: () => totalChanges(f.emulator.context.db),
    close: () => f.emulator.close(),
    ids: {
      memberId: f.member.id,
      memberContactId: f.member.contactId,
      ...contactChannel,
      memberConversationId: await conversationId({ memberId: f.member.id }),
      visitorConversationId: await conversationId({ anonymousVisitorId: f.visitorId }),
      submissionId: submission._id,
    },
  };
}

export type Ids = Awaited<ReturnType<typeof emulatorFixture>>['ids'];
