import * as admin from 'backend/inbox-admin.web';
import {
  WEB_METHOD_CASES,
  assertInvariants,
  inheritedNameTarget,
  inProcessWebHost,
  webMethodName,
  webMethodTarget,
  type WebMethodHost,
} from '../support/fuzz';
import { setupSite } from '../support/site';

/** Per web method and caller: every kind of generated argument list, quickly. */
const NUM_RUNS = 150;

let host: WebMethodHost;

// A fresh site for each target: no target starts from what another left (a rate limit another target
// used up, conversations it opened), so each result depends on its own inputs only, in any order.
beforeEach(async () => {
  // Site code logs the Wix errors it turns into safe ones; the invariants are what is checked here.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  host = await inProcessWebHost();
});

afterEach(async () => {
  await host.close();
  jest.restoreAllMocks();
});

it.each(WEB_METHOD_CASES.map((c) => [webMethodName(c), c] as const))(
  '%s never fails or throws, and a rejected call stores nothing and says why',
  async (_name, c) => {
    await assertInvariants(webMethodTarget(host, c), NUM_RUNS);
  },
);

it('finds web modules and exports by their own names only: inherited names are a 404, never a call', async () => {
  await assertInvariants(inheritedNameTarget(host), NUM_RUNS);
});

describe('the fuzz harness', () => {
  it('counts the rows an accepted form stores and sees the field errors of a rejected one', async () => {
    const target = webMethodTarget(host, { file: 'inbox.web', method: 'submitContactForm', as: 'visitor' });
    const form = { firstName: 'Cara', email: 'harness@example.com', message: 'Hello' };

    const accepted = await target.run([form]);
    const rejected = await target.run([{ ...form, email: 'harness@' }]);

    expect(accepted.status).toBe(200);
    expect(accepted.stored).toBeGreaterThan(0);
    expect(rejected).toEqual({ status: 400, stored: 0, hasFieldReason: true, code: 'INVALID_INPUT' });
  });
});

describe('counterexamples the fuzzer found', () => {
  it('leaves only an empty conversation behind when a forged cursor is the first read of a contact', async () => {
    // @wix/inbox resolves a participant only with getOrCreateConversation, and only Wix can judge a
    // cursor: the conversation is opened before the cursor is refused. No message or event is stored.
    const { call, control, emulator } = await setupSite();
    const { token } = await control.token('APP');
    const submitted = await emulator.fetch(
      new Request('http://emulator.test/contacts/v4/contact-submit', {
        method: 'POST',
        headers: { authorization: token },
        body: JSON.stringify({ info: { emails: { items: [{ email: 'cara@example.com' }] } } }),
      }),
    );
    const { contactId } = (await submitted.json()) as { contactId: string };

    const result = await call(admin, 'listConversationMessages', [{ contactId }, { cursor: 'forged' }], 'admin');

    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fieldErrors: { 'page.cursor': expect.any(String) } },
    });
    expect((await control.conversations()).find((c) => c.participant.contactId === contactId)?.messages).toEqual([]);
    expect(await control.events()).toEqual([]);
  });

  it.each([
    ['not-a-cursor'],
    ['eyJhZnRlciI6MX0'],
    [Buffer.from('{"after":1,"visibility":"X","order":"ASC"}').toString('base64url')],
  ])(
    'answers listConversationMessages with cursor %s, which Wix never issued, with a field error on page.cursor',
    async (cursor) => {
      const { call, members } = await setupSite();

      const result = await call(admin, 'listConversationMessages', [{ memberId: members.ann.id }, { cursor }], 'admin');

      expect(result).toEqual({
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: 'Please correct the highlighted fields.',
          fieldErrors: { 'page.cursor': 'Cursor must be the nextCursor of a previous page' },
        },
      });
    },
  );
});
