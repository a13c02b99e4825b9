import { EMULATOR_TARGETS, assertInvariants, emulatorTarget, type EmulatorTargetDef } from '../support/fuzz';
import { setupEmulator } from '../support/emulator';

/** Per endpoint: enough to cover every kind of generated input, few enough to keep `npm test` quick. */
const NUM_RUNS = 150;

const def = (name: string): EmulatorTargetDef => {
  const found = EMULATOR_TARGETS.find((d) => d.name === name);
  if (!found) throw new Error(`no fuzz target ${name}`);
  return found;
};

beforeAll(() => {
  // A 500 logs the emulator's stack; the failing property reports it with its input instead.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterAll(() => jest.restoreAllMocks());

it.each(EMULATOR_TARGETS.map((d) => [d.name, d] as const))(
  '%s never answers 5xx, and a rejected input stores nothing and says why',
  async (_name, targetDef) => {
    const target = await emulatorTarget(targetDef);
    try {
      await assertInvariants(target, NUM_RUNS);
    } finally {
      target.close();
    }
  },
);

describe('the fuzz harness', () => {
  it('counts the rows an accepted message stores and sees the field a rejected one names', async () => {
    const target = await emulatorTarget(def('POST /inbox/v2/messages'));
    const request = (text: string) => ({
      path: '/inbox/v2/messages',
      auth: 'app' as const,
      body: JSON.stringify({
        conversationId: target.ids.memberConversationId,
        message: {
          content: { basic: { items: [{ text }] } },
          direction: 'BUSINESS_TO_PARTICIPANT',
          visibility: 'BUSINESS',
        },
      }),
    });

    const accepted = await target.run(request('Hello'));
    const rejected = await target.run(request(''));
    target.close();

    expect(accepted.status).toBe(200);
    expect(accepted.stored).toBeGreaterThanOrEqual(2); // the message and its event
    expect(rejected).toEqual({ status: 400, stored: 0, hasFieldReason: true });
  });
});

describe('counterexamples the fuzzer found', () => {
  it.each([
    ['a JSON array for a message', '/inbox/v2/messages', '[]'],
    ['a number for a secret', '/_emulator/v1/secrets', '0'],
    ['a like with no liker', '/_emulator/v1/blog/likes', '{"postId":"p1"}'],
    ['an empty body for a chat channel', '/_emulator/v1/chat/channels', undefined],
  ])('rejects %s with a violation that names the whole request as its field', async (_case, path, body) => {
    const { control, emulator } = await setupEmulator();
    const { token } = await control.token('APP');

    const response = await emulator.fetch(
      new Request(`http://emulator.test${path}`, { method: 'POST', headers: { authorization: token }, body }),
    );

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      details: { validationError: { fieldViolations: [{ field: 'request', description: expect.any(String) }] } },
    });
    expect(await control.events()).toEqual([]);
  });
});
