import * as admin from 'backend/inbox-admin.web';
import * as inbox from 'backend/inbox.web';
import { FORM, harness, useFaultPolicyHooks } from '../../support/fault-policy';

/*
 * A send is retried only after a 429 (Wix refused it before doing anything); after an ambiguous failure
 * it may have been stored, so it is never repeated and nothing is ever stored twice.
 */

useFaultPolicyHooks();

describe('a send is never repeated', () => {
  it.each(['503', 'timeout', 'drop'] as const)(
    'makes exactly one sendMessage request after a %s, stores nothing, and a resubmit stores the form once',
    async (fault) => {
      const h = await harness();
      h.arm('sendMessage', 1, fault, 1);

      expect(await h.web(inbox, 'submitContactForm', [FORM], 'ann')).toEqual({ ok: false, code: 'UNAVAILABLE' });
      expect(await h.requests('sendMessage')).toHaveLength(1);
      expect(await h.inboxMessages()).toEqual([]);

      expect(await h.web(inbox, 'submitContactForm', [FORM], 'ann')).toEqual({ ok: true });
      const contentTypes = (await h.inboxMessages()).map(
        (m) => (m as { content: { contentType: string } }).content.contentType,
      );
      expect(contentTypes).toEqual(['FORM', 'BASIC']);
    },
  );

  it('stores a member message once when its answer is lost after Wix stored it, and says UNAVAILABLE', async () => {
    const h = await harness();
    h.arm('sendMessage', 1, 'drop-after', 1);

    expect(await h.web(inbox, 'sendMemberMessage', ['Is my order ready?'], 'ann')).toEqual({
      ok: false,
      code: 'UNAVAILABLE',
    });

    const sends = await h.requests('sendMessage');
    expect(sends.map((r) => [r.status, r.fault])).toEqual([[200, 'drop-after']]);
    expect(await h.inboxMessages()).toHaveLength(1);
    expect((await h.control.events()).map((e) => e.name)).toEqual(['wixCrmInbox_onMessageSentToBusiness']);
  });

  it('retries a send that Wix refused with 429, which stores it once', async () => {
    const h = await harness();
    h.arm('sendMessage', 1, '429', 1);

    expect(await h.web(admin, 'sendMinimalMessage', [{ memberId: h.members.ann.id }, { text: 'Hi' }], 'admin')).toEqual(
      { ok: true },
    );
    expect((await h.requests('sendMessage')).map((r) => r.status)).toEqual([429, 200]);
    expect(await h.inboxMessages()).toHaveLength(1);
  });
});
