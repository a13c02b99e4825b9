import * as inbox from 'backend/inbox.web';
import { setRetryClock } from 'backend/lib/retry';
import { inboxSettings } from 'backend/lib/settings';
import { setupSite } from '../support/site';

const form = { firstName: 'Cara', email: 'cara@example.com', message: 'Hello' };
const RECEIVED = { ok: true, value: { received: true } };
const settings = inboxSettings.contactForm as { captchaRequired: boolean };

let site: Awaited<ReturnType<typeof setupSite>>;
beforeEach(async () => {
  site = await setupSite();
  settings.captchaRequired = true;
});
afterEach(() => {
  settings.captchaRequired = false;
});

/** A token as the page's reCAPTCHA element produces when a visitor solves the challenge. */
async function solvedCaptcha(): Promise<string> {
  const { status, body } = await site.control.call<{ token: string }>('POST', '/_emulator/v1/captcha/tokens');
  expect(status).toBe(200);
  return body.token;
}

const refusedOnCaptcha = {
  ok: false,
  error: { code: 'INVALID_INPUT', fieldErrors: { captchaToken: expect.any(String) } },
};
const storedMessages = async () => (await site.control.conversations()).flatMap((c) => c.messages);

it('authorizes the token before any other call, then stores the form', async () => {
  const token = await solvedCaptcha();
  expect(await site.call(inbox, 'submitContactForm', [{ ...form, captchaToken: token }], 'visitor')).toEqual(RECEIVED);
  const operations = (await site.control.requests()).map((r) => r.operation);
  expect(operations[0]).toBe('captcha.authorize');
  expect(operations.slice(1)).toContain('inbox.sendMessage');
  expect(await storedMessages()).toHaveLength(1);
});

it('refuses a form without a token with a field error on captchaToken, and calls nothing', async () => {
  const result = await site.call(inbox, 'submitContactForm', [form], 'visitor');
  expect(result).toMatchObject(refusedOnCaptcha);
  expect(await site.control.requests()).toEqual([]);
});

it('refuses a reused token, a forged one and an expired one, and stores nothing for them', async () => {
  const token = await solvedCaptcha();
  expect(await site.call(inbox, 'submitContactForm', [{ ...form, captchaToken: token }], 'visitor')).toEqual(RECEIVED);
  const before = (await storedMessages()).length;

  const reused = await site.call(inbox, 'submitContactForm', [{ ...form, captchaToken: token }], 'visitor');
  const forged = await site.call(
    inbox,
    'submitContactForm',
    [{ ...form, captchaToken: 'local-captcha-forged' }],
    'visitor',
  );
  const expiring = await solvedCaptcha();
  site.emulator.context.db.prepare('UPDATE captcha_tokens SET expires_at = 0 WHERE token = ?').run(expiring);
  const expired = await site.call(inbox, 'submitContactForm', [{ ...form, captchaToken: expiring }], 'visitor');

  for (const result of [reused, forged, expired]) expect(result).toMatchObject(refusedOnCaptcha);
  expect(await storedMessages()).toHaveLength(before);
});

it('tells the visitor what to do: complete the captcha, or do it again', async () => {
  const missing = 'Please complete the captcha.';
  const refused = 'The captcha has expired or is not valid. Please do it again.';
  expect(await site.call(inbox, 'submitContactForm', [form], 'visitor')).toEqual({
    ok: false,
    error: { code: 'INVALID_INPUT', message: missing, fieldErrors: { captchaToken: missing } },
  });
  const forged = { ...form, captchaToken: 'local-captcha-forged' };
  expect(await site.call(inbox, 'submitContactForm', [forged], 'visitor')).toEqual({
    ok: false,
    error: { code: 'INVALID_INPUT', message: refused, fieldErrors: { captchaToken: refused } },
  });
});

it('names the captcha check in the site log when it does not answer in time', async () => {
  const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  // Every call's time is up as it starts: the authorize call, the first, is abandoned and not repeated.
  const restore = setRetryClock({
    startTimer: (_ms, onTimeout) => {
      onTimeout();
      return () => undefined;
    },
  });
  try {
    const token = await solvedCaptcha();
    const result = await site.call(inbox, 'submitContactForm', [{ ...form, captchaToken: token }], 'visitor');
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    const logged = log.mock.calls.map((args) => args.map(String).join(' '));
    expect(logged).toContainEqual(
      expect.stringContaining('wix-captcha-backend authorize did not answer within 10000 ms'),
    );
  } finally {
    restore();
    log.mockRestore();
  }
});

it('asks a logged-in member for the captcha too when the site requires it', async () => {
  expect(await site.call(inbox, 'submitContactForm', [form], 'ann')).toMatchObject(refusedOnCaptcha);
  const token = await solvedCaptcha();
  expect(await site.call(inbox, 'submitContactForm', [{ ...form, captchaToken: token }], 'ann')).toEqual(RECEIVED);
});

it('needs no token while the setting is off (the default)', async () => {
  settings.captchaRequired = false;
  expect(await site.call(inbox, 'submitContactForm', [form], 'visitor')).toEqual(RECEIVED);
  expect((await site.control.requests()).map((r) => r.operation)).not.toContain('captcha.authorize');
});

it('answers UNAVAILABLE, storing nothing, when the captcha service fails', async () => {
  const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  await site.control.fault('POST', '/captcha/v1/authorize', 503);
  const token = await solvedCaptcha();
  expect(await site.call(inbox, 'submitContactForm', [{ ...form, captchaToken: token }], 'visitor')).toMatchObject({
    ok: false,
    error: { code: 'UNAVAILABLE' },
  });
  expect(await storedMessages()).toEqual([]);
  log.mockRestore();
});
