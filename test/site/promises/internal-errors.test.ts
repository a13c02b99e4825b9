import * as admin from 'backend/inbox-admin.web';
import * as inbox from 'backend/inbox.web';
import { invokeWebMethod } from '../../../local/velo/web-method-invoker';
import type { FetchHandler } from '../../support/emulator';
import { setupSite } from '../../support/site';

/*
 * The README's promise: web methods never throw to the browser, and an unexpected failure reaches it
 * only as the fixed INTERNAL message, with nothing of the error itself (its text, stack, ids or Wix's
 * error body). The full error is logged on the backend instead.
 */

const INTERNAL = {
  ok: false,
  error: { code: 'INTERNAL', message: 'Something went wrong on our side. Please try again later.' },
};
const FORM = { firstName: 'Cara', lastName: 'Diaz', email: 'cara@example.com', message: 'Do you ship to Portugal?' };

let logged: unknown[][];
beforeEach(() => {
  logged = [];
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
});
afterEach(() => {
  jest.restoreAllMocks();
});

/** What the browser receives: the web method's answer as JSON, the way Velo sends it. */
function asBrowserSees(result: unknown): string {
  return JSON.stringify(result);
}

it('answers INTERNAL, and nothing of the error, when Wix answers with a status the site does not map', async () => {
  const site = await setupSite();
  await site.control.fault('POST', '/inbox/v2/conversations', 409);

  const result = await site.call(inbox, 'sendMemberMessage', ['Hello'], 'ann');

  expect(result).toEqual(INTERNAL);
  const json = asBrowserSees(result);
  expect(json).not.toMatch(/Injected|409|ABORTED|conversations|stack|details/i);
  expect(json).not.toContain(site.members.ann.id);
  // The site owner still sees the real error, in the backend log.
  expect(logged).toEqual([['[inbox] sendMemberMessage failed:', expect.objectContaining({ status: 409 })]]);
});

it('answers INTERNAL for a programming error (a Wix answer missing a field), without its text or stack', async () => {
  const site = await setupSite();
  const appToken = (await site.control.token('APP')).token;
  // Wix answers get-or-create with no conversation id: the site's own check throws a plain Error.
  const handler: FetchHandler = async (request) => {
    if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/inbox/v2/conversations')) {
      return new Response(JSON.stringify({ conversation: {} }), { headers: { 'content-type': 'application/json' } });
    }
    return site.emulator.fetch(request);
  };

  const results = [
    await invokeWebMethod(handler, inbox, 'submitContactForm', [FORM], site.callers.visitor, appToken),
    await invokeWebMethod(handler, inbox, 'getMyMessages', [], site.callers.ann, appToken),
    await invokeWebMethod(
      handler,
      admin,
      'sendBasicMessage',
      [{ memberId: site.members.bob.id }, { items: [{ text: 'Hi' }] }],
      site.callers.admin,
      appToken,
    ),
  ];

  expect(results).toEqual([INTERNAL, INTERNAL, INTERNAL]);
  for (const result of results) {
    const json = asBrowserSees(result);
    expect(json).not.toMatch(/Unexpected|getOrCreateConversation|conversation id|Error|\bat \w|\.ts:/);
    expect(json).not.toContain(site.members.bob.id);
  }
  expect(logged).toHaveLength(3);
  for (const [, error] of logged) {
    expect((error as Error).message).toBe(
      'Unexpected Wix answer: getOrCreateConversation returned no conversation id.',
    );
  }
});

it("logs each admin web method's unexpected failure under the method's own name, for the site owner", async () => {
  const site = await setupSite();
  const calls: [name: string, args: unknown[]][] = [
    ['sendBasicMessage', [{ memberId: site.members.bob.id }, { items: [{ text: 'Hi' }] }]],
    ['sendTemplateMessage', [{ memberId: site.members.bob.id }, { title: 'Your order' }]],
    ['sendMinimalMessage', [{ memberId: site.members.bob.id }, { text: 'Shipped' }]],
    ['listConversationMessages', [{ memberId: site.members.bob.id }]],
  ];
  await site.control.fault('POST', '/inbox/v2/conversations', 409, calls.length);

  for (const [name, args] of calls) expect(await site.call(admin, name, args, 'admin')).toEqual(INTERNAL);

  expect(logged.map(([line]) => line)).toEqual(calls.map(([name]) => `[inbox] ${name} failed:`));
});
