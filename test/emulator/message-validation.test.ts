import { expectWixError, setupEmulator, type SdkClient } from '../support/emulator';

type Message = Parameters<SdkClient['messages']['sendMessage']>[1];
type SendOptions = Parameters<SdkClient['messages']['sendMessage']>[2];
type Violation = { field: string; violatedRule: string };

/** A fresh emulator with one member conversation; `send` takes anything, as untyped site code would. */
async function setup() {
  const env = await setupEmulator();
  const { conversation } = await env.app.conversations.getOrCreateConversation({ memberId: env.member.id });
  const conversationId = conversation!._id!;
  const { token } = await env.control.token('APP', env.appId);
  const sendTo = (id: unknown, message: unknown, options?: unknown) =>
    env.app.messages.sendMessage(id as string, message as Message, options as SendOptions);
  const send = (message: unknown, options?: unknown) => sendTo(conversationId, message, options);
  const rawJson = async (json: string) => {
    const response = await env.emulator.fetch(
      new Request('http://emulator.test/inbox/v2/messages', {
        method: 'POST',
        headers: { Authorization: token, 'content-type': 'application/json' },
        body: json,
      }),
    );
    const body = (await response.json()) as { details?: { validationError?: { fieldViolations: Violation[] } } };
    return { status: response.status, body, violations: body.details?.validationError?.fieldViolations ?? [] };
  };
  const storedCount = async () => (await env.control.conversations()).flatMap((c) => c.messages).length;
  const expectNothingStored = async () => {
    expect(await storedCount()).toBe(0);
    expect(await env.control.events()).toEqual([]);
  };
  return { ...env, conversationId, send, sendTo, rawJson, storedCount, expectNothingStored };
}

const str = (n: number) => 'a'.repeat(n);
const url = (n: number) => `https://example.com/${str(n - 20)}`;
const many = <T>(n: number, item: (i: number) => T) => Array.from({ length: n }, (_, i) => item(i));
const msg = (content: unknown, extra: Record<string, unknown> = {}) => ({
  visibility: 'BUSINESS_AND_PARTICIPANT',
  direction: 'BUSINESS_TO_PARTICIPANT',
  content,
  ...extra,
});
const basic = (...items: unknown[]) => msg({ basic: { items } });
const template = (t: Record<string, unknown>) => msg({ template: t });
const button = (b: Record<string, unknown>) => template({ buttons: [{ label: 'Go', ...b }] });
const form = (f: Record<string, unknown>) => msg({ form: { fields: [{ name: 'n', value: 'v' }], ...f } });
const minimal = (extra: Record<string, unknown>) => msg({ minimal: { text: 'x' } }, extra);
const postback = (interactionId: string) => button({ postbackProperties: { interactionId } });
// Factories, not shared objects: the SDK renames keys in place on the objects it is given.
const field = () => ({ name: 'n', value: 'v' });
const image = () => ({ image: { url: 'https://example.com/a.png' } });
const TPL = 'content.template';
const B0 = 'content.template.buttons[0]';
const I0 = 'content.basic.items[0]';
const C = 'message.content';

describe('sendMessage length and size limits', () => {
  it.each<[string, number, number, string, (n: number) => unknown]>([
    ['content.previewText', 256, 257, 'MAX_LENGTH', (n) => msg({ previewText: str(n), minimal: { text: 'x' } })],
    [`${I0}.text`, 16384, 16385, 'MAX_LENGTH', (n) => basic({ text: str(n) })],
    [`${I0}.text`, 1, 0, 'MIN_LENGTH', (n) => basic({ text: str(n) })],
    ['content.basic.items', 1, 0, 'MIN_SIZE', (n) => basic(...many(n, () => ({ text: 'x' })))],
    ['content.minimal.text', 16384, 16385, 'MAX_LENGTH', (n) => msg({ minimal: { text: str(n) } })],
    ['content.minimal.text', 1, 0, 'MIN_LENGTH', (n) => msg({ minimal: { text: str(n) } })],
    ['content.minimal.iconUrl', 2000, 2001, 'MAX_LENGTH', (n) => msg({ minimal: { text: 'x', iconUrl: url(n) } })],
    ['content.minimal.url', 2000, 2001, 'MAX_LENGTH', (n) => msg({ minimal: { text: 'x', url: url(n) } })],
    [`${TPL}.imageUrl`, 2000, 2001, 'MAX_LENGTH', (n) => template({ imageUrl: url(n) })],
    [
      `${TPL}.buttons`,
      10,
      11,
      'MAX_SIZE',
      (n) => template({ buttons: many(n, () => ({ label: 'b', launchUrl: url(30) })) }),
    ],
    [`${TPL}.textLines`, 10, 11, 'MAX_SIZE', (n) => template({ textLines: many(n, String) })],
    [`${TPL}.textLines[0]`, 512, 513, 'MAX_LENGTH', (n) => template({ textLines: [str(n)] })],
    [`${B0}.label`, 16384, 16385, 'MAX_LENGTH', (n) => button({ label: str(n), launchUrl: url(30) })],
    [`${B0}.label`, 1, 0, 'MIN_LENGTH', (n) => button({ label: str(n), launchUrl: url(30) })],
    [`${B0}.launchUrl`, 16384, 16385, 'MAX_LENGTH', (n) => button({ launchUrl: url(n) })],
    [`${B0}.postbackProperties.interactionId`, 256, 257, 'MAX_LENGTH', (n) => postback(str(n))],
    [`${B0}.postbackProperties.interactionId`, 1, 0, 'MIN_LENGTH', (n) => postback(str(n))],
    [`${I0}.image.url`, 2000, 2001, 'MAX_LENGTH', (n) => basic({ image: { url: url(n) } })],
    [`${I0}.image.id`, 2000, 2001, 'MAX_LENGTH', (n) => basic({ image: { url: url(30), _id: str(n) } })],
    [`${I0}.image.filename`, 255, 256, 'MAX_LENGTH', (n) => basic({ image: { url: url(30), filename: str(n) } })],
    [`${I0}.file.url`, 2000, 2001, 'MAX_LENGTH', (n) => basic({ file: { url: url(n) } })],
    [`${I0}.file.filename`, 255, 256, 'MAX_LENGTH', (n) => basic({ file: { url: url(30), filename: str(n) } })],
    [`${I0}.file.mimeType`, 100, 101, 'MAX_LENGTH', (n) => basic({ file: { url: url(30), mimeType: str(n) } })],
    ['content.form.title', 256, 257, 'MAX_LENGTH', (n) => form({ title: str(n) })],
    ['content.form.title', 1, 0, 'MIN_LENGTH', (n) => form({ title: str(n) })],
    ['content.form.description', 16384, 16385, 'MAX_LENGTH', (n) => form({ description: str(n) })],
    ['content.form.fields[0].name', 8192, 8193, 'MAX_LENGTH', (n) => form({ fields: [{ name: str(n), value: 'v' }] })],
    ['content.form.fields[0].value', 8192, 8193, 'MAX_LENGTH', (n) => form({ fields: [{ name: 'n', value: str(n) }] })],
    ['content.form.fields', 15, 16, 'MAX_SIZE', (n) => form({ fields: many(n, field) })],
    ['content.form.fields', 1, 0, 'MIN_SIZE', (n) => form({ fields: many(n, field) })],
    ['content.form.media', 15, 16, 'MAX_SIZE', (n) => form({ media: many(n, image) })],
    ['content.form.media[0].image.url', 2000, 2001, 'MAX_LENGTH', (n) => form({ media: [{ image: { url: url(n) } }] })],
    ['badges', 1, 2, 'MAX_SIZE', (n) => minimal({ badges: many(n, () => ({ text: 'b' })) })],
    ['badges[0].iconUrl', 2000, 2001, 'MAX_LENGTH', (n) => minimal({ badges: [{ iconUrl: url(n) }] })],
    ['targetChannelIds', 100, 101, 'MAX_SIZE', (n) => minimal({ targetChannelIds: many(n, String) })],
    ['targetChannelIds[0]', 100, 101, 'MAX_LENGTH', (n) => minimal({ targetChannelIds: [str(n)] })],
    ['sourceChannelId', 100, 101, 'MAX_LENGTH', (n) => minimal({ sourceChannelId: str(n) })],
  ])('accepts message.%s at %i, rejects it at %i with %s and stores nothing', async (path, ok, bad, rule, build) => {
    const { send, expectNothingStored, storedCount } = await setup();
    await expectWixError(send(build(bad)), 400, { field: `message.${path}`, rule });
    await expectNothingStored();
    await send(build(ok));
    expect(await storedCount()).toBe(1);
  });
});

describe('sendMessage rule classes', () => {
  const ok = () => msg({ minimal: { text: 'x' } });
  // The test function gives `options` a default so its length stays 3: with 3-item rows, jest would
  // otherwise take a fourth parameter for a `done` callback and wait for it.
  it.each<[string, string, unknown, unknown?]>([
    ['message', 'REQUIRED_FIELD', undefined],
    [C, 'REQUIRED_FIELD', { visibility: 'BUSINESS', direction: 'BUSINESS_TO_PARTICIPANT' }],
    ['message.visibility', 'REQUIRED_FIELD', { ...ok(), visibility: undefined }],
    ['message.direction', 'REQUIRED_FIELD', { ...ok(), direction: undefined }],
    [`${C}.minimal.text`, 'REQUIRED_FIELD', msg({ minimal: {} })],
    [`${C}.basic.items[0].image.url`, 'REQUIRED_FIELD', basic({ image: { filename: 'a.png' } })],
    [`${C}.template.buttons[0].label`, 'REQUIRED_FIELD', template({ buttons: [{ launchUrl: url(30) }] })],
    [`${C}.form.fields`, 'REQUIRED_FIELD', msg({ form: { title: 'F' } })],
    [`${C}.form.fields[0].value`, 'REQUIRED_FIELD', form({ fields: [{ name: 'n' }] })],
    ['businessUserId', 'REQUIRED_FIELD', ok(), { sendAs: 'BUSINESS_USER' }],
    [`${C}.template.buttons[0].launchUrl`, 'FORMAT', button({ launchUrl: 'ftp://example.com/x' })],
    [`${C}.template.imageUrl`, 'FORMAT', template({ imageUrl: 'not a url' })],
    [`${C}.minimal.iconUrl`, 'FORMAT', msg({ minimal: { text: 'x', iconUrl: '/relative/icon.png' } })],
    [`${C}.minimal.url`, 'FORMAT', msg({ minimal: { text: 'x', url: 'javascript:alert(1)' } })],
    ['message.badges[0].iconUrl', 'FORMAT', minimal({ badges: [{ iconUrl: 'mailto:a@example.com' }] })],
    ['message.visibility', 'INVALID_ENUM_VALUE', { ...ok(), visibility: 'PUBLIC' }],
    ['message.visibility', 'INVALID_ENUM_VALUE', { ...ok(), visibility: 'UNKNOWN_VISIBILITY' }],
    ['message.direction', 'INVALID_ENUM_VALUE', { ...ok(), direction: 'SIDEWAYS' }],
    [`${C}.template.orientation`, 'INVALID_ENUM_VALUE', template({ orientation: 'DIAGONAL' })],
    ['message.targetChannels[0]', 'INVALID_ENUM_VALUE', minimal({ targetChannels: ['PIGEON'] })],
    ['message.sourceChannel', 'INVALID_ENUM_VALUE', minimal({ sourceChannel: 'FAX' })],
    ['message.badges[0].badgeVisibility', 'INVALID_ENUM_VALUE', minimal({ badges: [{ badgeVisibility: 'ALL' }] })],
    ['options.sendAs', 'INVALID_ENUM_VALUE', ok(), { sendAs: 'ROBOT' }],
    [C, 'ONE_OF_ALIGNMENT', msg({ previewText: 'no payload' })],
    [C, 'ONE_OF_ALIGNMENT', msg({ minimal: { text: 'x' }, basic: { items: [{ text: 'x' }] } })],
    [`${C}.basic.items[0]`, 'ONE_OF_ALIGNMENT', basic({})],
    [`${C}.basic.items[1]`, 'ONE_OF_ALIGNMENT', basic({ text: 'x' }, { text: 'y', ...image() })],
    [`${C}.form.media[0]`, 'ONE_OF_ALIGNMENT', form({ media: [{ ...image(), file: { url: url(30) } }] })],
    [`${C}.form.media[0]`, 'ONE_OF_ALIGNMENT', form({ media: [{}] })],
    [
      `${C}.template.buttons[0]`,
      'ONE_OF_ALIGNMENT',
      button({ launchUrl: url(30), postbackProperties: { interactionId: 'i' } }),
    ],
    [`${C}.template.buttons[0]`, 'ONE_OF_ALIGNMENT', button({})],
    [`${C}.system`, 'FIELD_NOT_ALLOWED', msg({ system: { text: 'Conversation closed' } })],
    [`${C}.system`, 'FIELD_NOT_ALLOWED', msg({ minimal: { text: 'x' }, system: { text: 'hidden' } })],
    [`${C}.basic.items[0].text`, 'VALIDATION', basic({ text: 42 })],
    ['message.badges', 'VALIDATION', minimal({ badges: 'VIP' })],
    ['options.silent', 'VALIDATION', ok(), { silent: 'yes' }],
  ])('rejects %s with %s and stores nothing (%#)', async (field, rule, message, options = undefined) => {
    const { send, expectNothingStored } = await setup();
    await expectWixError(send(message, options), 400, { field, rule });
    await expectNothingStored();
  });

  it.each<[string, string, unknown]>([
    ['a non-GUID string', 'FORMAT', 'conv-1'],
    ['a GUID with trailing text', 'FORMAT', '11111111-2222-4333-8444-555555555555x'],
    ['an empty string', 'FORMAT', ''],
    ['a missing value', 'REQUIRED_FIELD', undefined],
  ])('rejects %s as conversationId with %s and stores nothing', async (_name, rule, id) => {
    const { sendTo, expectNothingStored } = await setup();
    await expectWixError(sendTo(id, msg({ minimal: { text: 'x' } })), 400, { field: 'conversationId', rule });
    await expectNothingStored();
  });

  it('reports every violation of one request, sorted by field, in the SDK error message', async () => {
    const { sendTo, expectNothingStored } = await setup();
    const bad = { ...basic({ text: '' }, {}), visibility: 'NOBODY' };
    const error = await expectWixError(sendTo('x', bad, { sendAs: 'ROBOT' }), 400);
    expect(error.details?.validationError?.fieldViolations.map((v) => [v.field, v.violatedRule])).toEqual([
      ['conversationId', 'FORMAT'],
      [`${C}.basic.items[0].text`, 'MIN_LENGTH'],
      [`${C}.basic.items[1]`, 'ONE_OF_ALIGNMENT'],
      ['message.visibility', 'INVALID_ENUM_VALUE'],
      ['options.sendAs', 'INVALID_ENUM_VALUE'],
    ]);
    expect(JSON.parse(error.message).message).toMatch(/^INVALID_ARGUMENT: "conversationId" must be a GUID, /);
    await expectNothingStored();
  });
});

describe('sendMessage raw JSON', () => {
  const content = '{"minimal":{"text":"x"}}';

  it('does not let a top-level __proto__ key supply the message or pollute Object.prototype', async () => {
    const { rawJson, conversationId, expectNothingStored } = await setup();
    const message = `{"visibility":"BUSINESS","direction":"BUSINESS_TO_PARTICIPANT","content":${content}}`;
    const { status, violations } = await rawJson(
      `{"conversationId":"${conversationId}","__proto__":{"message":${message},"polluted":true}}`,
    );
    expect(status).toBe(400);
    expect(violations).toEqual([expect.objectContaining({ field: 'message', violatedRule: 'REQUIRED_FIELD' })]);
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('message');
    await expectNothingStored();
  });

  it('does not let nested __proto__ or constructor.prototype keys supply required fields', async () => {
    const { rawJson, conversationId, expectNothingStored } = await setup();
    const { status, violations } = await rawJson(
      `{"conversationId":"${conversationId}","message":{"content":${content},` +
        `"__proto__":{"visibility":"BUSINESS"},"constructor":{"prototype":{"direction":"BUSINESS_TO_PARTICIPANT"}}}}`,
    );
    expect(status).toBe(400);
    expect(violations.map((v) => [v.field, v.violatedRule])).toEqual([
      ['message.direction', 'REQUIRED_FIELD'],
      ['message.visibility', 'REQUIRED_FIELD'],
    ]);
    expect(Object.prototype).not.toHaveProperty('visibility');
    expect(Object.prototype).not.toHaveProperty('direction');
    await expectNothingStored();
  });

  it('reports the REST field name conversationId when raw JSON leaves it out', async () => {
    const { rawJson, expectNothingStored } = await setup();
    const { status, violations } = await rawJson(`{"message":{"content":${content}}}`);
    expect(status).toBe(400);
    expect(violations.map((v) => v.field)).toEqual(['conversationId', 'message.direction', 'message.visibility']);
    await expectNothingStored();
  });

  it('rejects a body that is not JSON with MALFORMED_JSON and stores nothing', async () => {
    const { rawJson, expectNothingStored } = await setup();
    const { status, body } = await rawJson('{"conversationId":');
    expect(status).toBe(400);
    expect(body.details).toMatchObject({ applicationError: { code: 'MALFORMED_JSON' } });
    await expectNothingStored();
  });
});
