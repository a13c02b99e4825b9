import { createEmulator } from '../../local/emulator';
import { CAPTCHA_TOKEN_LIFETIME_MS } from '../../local/emulator/captcha/tokens';
import { controlClient } from '../support/emulator';

/** The emulator with a clock the test moves. */
function setup() {
  const clock = { time: Date.parse('2026-11-29T10:00:00Z'), now: () => clock.time };
  const emulator = createEmulator({ clock });
  const control = controlClient(emulator.fetch);
  const authorize = (body: unknown) =>
    control.call<{ success?: boolean; message?: string }>('POST', '/captcha/v1/authorize', body);
  const mint = async () =>
    (await control.call<{ token: string; expiresAt: string }>('POST', '/_emulator/v1/captcha/tokens')).body;
  return { clock, authorize, mint };
}

it('authorizes a minted token once, as { success: true }', async () => {
  const { authorize, mint } = setup();
  const { token } = await mint();
  expect(await authorize({ token })).toEqual({ status: 200, body: { success: true } });
  expect(await authorize({ token })).toMatchObject({
    status: 400,
    body: { message: expect.stringMatching(/invalid/) },
  });
});

it('answers 400 for a request without a token, with an empty or non-string token, or with an unknown one', async () => {
  const { authorize } = setup();
  for (const body of [{}, { token: '' }, { token: 42 }, { token: 'made-up' }]) {
    expect((await authorize(body)).status).toBe(400);
  }
});

it('answers 400 for a token submitted more than 120 seconds after it was generated', async () => {
  const { clock, authorize, mint } = setup();
  const { token, expiresAt } = await mint();
  expect(Date.parse(expiresAt)).toBe(clock.time + CAPTCHA_TOKEN_LIFETIME_MS);
  clock.time += CAPTCHA_TOKEN_LIFETIME_MS + 1;
  expect(await authorize({ token })).toMatchObject({
    status: 400,
    body: { message: expect.stringMatching(/timed out/) },
  });
});
