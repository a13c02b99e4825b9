import * as inbox from 'backend/inbox.web';
import { MAX_LEDGER_PAGES } from 'backend/lib/rate-limit';
import { inboxSettings } from 'backend/lib/settings';
import fc from 'fast-check';
import { interleavedActions, type InterleavedAction } from '../support/fuzz';
import { setupSite } from '../support/site';

const FORMS = inboxSettings.contactForm.rateLimit.maxMessages;
const MESSAGES = inboxSettings.memberMessages.rateLimit.maxMessages;
const form = { firstName: 'Ann', email: 'ann@example.com', message: 'Hello' };

/** Runs the actions as ann; answers each web method's result code (`ok` or the error code). */
async function play(actions: InterleavedAction[]) {
  const site = await setupSite();
  const app = await site.control.token('APP');
  const post = (path: string, body: unknown) =>
    site.emulator.fetch(
      new Request(`http://emulator.test${path}`, {
        method: 'POST',
        headers: { authorization: app.token, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
  const { conversation } = (await (
    await post('/inbox/v2/conversations', { participantId: { memberId: site.members.ann.id } })
  ).json()) as { conversation: { id: string } };
  const codes: string[] = [];
  for (const action of actions) {
    if (action.kind === 'businessReplies') {
      for (let i = 0; i < action.count; i++) {
        await post('/inbox/v2/messages', {
          conversationId: conversation.id,
          message: {
            content: { basic: { items: [{ text: `reply ${i}` }] } },
            direction: 'BUSINESS_TO_PARTICIPANT',
            visibility: 'BUSINESS_AND_PARTICIPANT',
          },
        });
      }
      continue;
    }
    const result = (await (action.kind === 'form'
      ? site.call(inbox, 'submitContactForm', [form], 'ann')
      : site.call(inbox, 'sendMemberMessage', ['Hello'], 'ann'))) as { ok: boolean; error?: { code: string } };
    codes.push(result.ok ? 'ok' : result.error!.code);
  }
  const stored = (await site.control.conversations()).flatMap(
    (c) => c.messages as { direction: string; content: { contentType: string } }[],
  );
  const fromAnn = (type: string) =>
    stored.filter((m) => m.direction === 'PARTICIPANT_TO_BUSINESS' && m.content.contentType === type).length;
  site.emulator.close();
  return { codes, forms: fromAnn('FORM'), messages: fromAnn('BASIC') };
}

it('never stores more than the limits, whatever a member interleaves, and refuses the rest with RATE_LIMITED', async () => {
  await fc.assert(
    fc.asyncProperty(interleavedActions, async (actions) => {
      const { codes, forms, messages } = await play(actions);
      const asked = (kind: string) => actions.filter((a) => a.kind === kind).length;
      const replies = actions.reduce((n, a) => n + (a.kind === 'businessReplies' ? a.count : 0), 0);
      expect(forms).toBeLessThanOrEqual(Math.min(FORMS, asked('form')));
      expect(messages).toBeLessThanOrEqual(Math.min(MESSAGES, asked('memberMessage')));
      // Under the ledger's read bound (MAX_LEDGER_PAGES pages), nothing within the limits is refused.
      if (replies + asked('form') * 2 + asked('memberMessage') < MAX_LEDGER_PAGES * 100) {
        expect(forms).toBe(Math.min(FORMS, asked('form')));
        expect(messages).toBe(Math.min(MESSAGES, asked('memberMessage')));
      }
      expect(codes.every((code) => code === 'ok' || code === 'RATE_LIMITED')).toBe(true);
    }),
    { seed: 20_261_129, numRuns: 12 },
  );
});
