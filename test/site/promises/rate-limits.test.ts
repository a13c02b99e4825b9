import * as admin from 'backend/inbox-admin.web';
import * as inbox from 'backend/inbox.web';
import { setupSite } from '../../support/site';

/*
 * The README's rate limits, pinned from the outside with the documented numbers written out:
 * at most 5 contact forms and 20 member messages per sender in 10 minutes.
 *
 * Time is the test's. The emulator stamps each message with its injected clock, and the web methods
 * read the platform's `Date.now()`, which jest's fake `Date` moves in step (timers stay real, so the
 * SDK, the emulator and the call timeouts run as usual).
 */

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-23T10:00:00Z');
const RATE_LIMITED = {
  ok: false,
  error: {
    code: 'RATE_LIMITED',
    message: 'Too many messages in a short time. Please wait a few minutes and try again.',
  },
};
const FORM = { firstName: 'Cara', lastName: 'Diaz', email: 'cara@example.com', message: 'Do you ship to Portugal?' };

async function setup() {
  const site = await setupSite();
  let now = T0;
  jest.useFakeTimers({
    now,
    doNotFake: [
      'nextTick',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
      'hrtime',
      'performance',
    ],
  });
  site.emulator.context.clock = { now: () => now };
  return {
    ...site,
    /** Moves the site's and the emulator's time to T0 + `minutes`. */
    at(minutes: number) {
      now = T0 + minutes * MINUTE;
      jest.setSystemTime(now);
    },
    async storedWithDirection(direction: string) {
      const messages = (await site.control.conversations()).flatMap((c) => c.messages);
      return messages.filter((m) => m.direction === direction);
    },
  };
}

afterEach(() => {
  jest.useRealTimers();
});

describe('contact form: 5 per sender per 10 minutes', () => {
  const submit = (site: Awaited<ReturnType<typeof setup>>, n: number) =>
    site.call(inbox, 'submitContactForm', [{ ...FORM, message: `Question ${n}` }], 'visitor');

  it('refuses a form 9 minutes after 5 earlier ones and accepts one 11 minutes after', async () => {
    const site = await setup();
    for (let n = 1; n <= 5; n++) expect(await submit(site, n)).toEqual({ ok: true, value: { received: true } });

    site.at(9);
    expect(await submit(site, 6)).toEqual(RATE_LIMITED);

    site.at(11);
    expect(await submit(site, 7)).toEqual({ ok: true, value: { received: true } });
    expect(await site.storedWithDirection('PARTICIPANT_TO_BUSINESS')).toHaveLength(6);
  });

  it('still counts a form sent exactly 10 minutes ago', async () => {
    const site = await setup();
    for (let n = 1; n <= 5; n++) await submit(site, n);
    site.at(10);
    expect(await submit(site, 6)).toEqual(RATE_LIMITED);
  });

  it('counts only the forms of the last 10 minutes when they are spread out', async () => {
    const site = await setup();
    // Minutes 0, 3, 6, 7, 8: five forms. At minute 14 the first two are more than 10 minutes old.
    for (const [n, minute] of [0, 3, 6, 7, 8].entries()) {
      site.at(minute);
      expect(await submit(site, n + 1)).toEqual({ ok: true, value: { received: true } });
    }
    site.at(9);
    expect(await submit(site, 6)).toEqual(RATE_LIMITED);
    site.at(14);
    expect(await submit(site, 7)).toEqual({ ok: true, value: { received: true } }); // 3 in the window
    expect(await submit(site, 8)).toEqual({ ok: true, value: { received: true } }); // 4 in the window
    expect(await submit(site, 9)).toEqual(RATE_LIMITED); // 5 in the window
  });
});

describe('member messages: 20 per member per 10 minutes', () => {
  const send = (site: Awaited<ReturnType<typeof setup>>, n: number) =>
    site.call(inbox, 'sendMemberMessage', [`Message ${n}`], 'ann');

  it('accepts 20 messages in the window and refuses the 21st, storing 20', async () => {
    const site = await setup();
    for (let n = 1; n <= 20; n++) expect(await send(site, n)).toEqual({ ok: true, value: { sent: true } });

    expect(await send(site, 21)).toEqual(RATE_LIMITED);
    expect(await site.storedWithDirection('PARTICIPANT_TO_BUSINESS')).toHaveLength(20);
  });

  it('accepts the 21st message once the first 20 are more than 10 minutes old', async () => {
    const site = await setup();
    for (let n = 1; n <= 20; n++) expect(await send(site, n)).toEqual({ ok: true, value: { sent: true } });

    site.at(9);
    expect(await send(site, 21)).toEqual(RATE_LIMITED);
    site.at(11);
    expect(await send(site, 22)).toEqual({ ok: true, value: { sent: true } });
  });

  it("counts only the member's own messages: 25 business replies in the window refuse nothing", async () => {
    const site = await setup();
    expect(await send(site, 1)).toEqual({ ok: true, value: { sent: true } });
    const ann = { memberId: site.members.ann.id };
    for (let n = 1; n <= 25; n++) {
      const reply = await site.call(admin, 'sendBasicMessage', [ann, { items: [{ text: `Reply ${n}` }] }], 'admin');
      expect(reply).toMatchObject({ ok: true });
    }
    expect(await site.storedWithDirection('BUSINESS_TO_PARTICIPANT')).toHaveLength(25);

    for (let n = 2; n <= 20; n++) expect(await send(site, n)).toEqual({ ok: true, value: { sent: true } });
    expect(await send(site, 21)).toEqual(RATE_LIMITED);
  });

  it('limits each member on their own: Bob is not refused because Ann is', async () => {
    const site = await setup();
    for (let n = 1; n <= 20; n++) await send(site, n);
    expect(await send(site, 21)).toEqual(RATE_LIMITED);
    expect(await site.call(inbox, 'sendMemberMessage', ['Hello'], 'bob')).toEqual({ ok: true, value: { sent: true } });
  });
});
