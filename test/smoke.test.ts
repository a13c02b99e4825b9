import { setupEmulator } from './support/emulator';

it('answers health', async () => {
  const { control } = await setupEmulator();
  expect(await control.call('GET', '/_emulator/v1/health')).toEqual({ status: 200, body: { ok: true } });
});
