import { deliveryLines, quietConsole, webMethodLine } from '../../local/playground/terminal';

const delivery = (name: string, result: unknown, redelivery = false) => ({
  seq: 1,
  eventId: 'e1',
  name,
  redelivery,
  result,
});

it('prints one line per handled event and sums up the skipped ones in one line', () => {
  expect(
    deliveryLines([
      delivery('wixBlog_onPostLiked', { status: 'done', detail: 'like message sent' }),
      delivery('wixCrmInbox_onMessageSentToBusiness', { status: 'skipped', detail: 'forwarding is turned off' }),
      delivery('wixCrmInbox_onMessageSentToParticipant', { status: 'skipped', detail: 'forwarding is turned off' }),
      delivery('wixChat_onMessage', { status: 'skipped', detail: 'no keyword matched' }),
      delivery('wixBlog_onPostLiked', { status: 'duplicate', detail: 'already handled' }, true),
    ]),
  ).toEqual([
    'event  wixBlog_onPostLiked → done: like message sent',
    'event  wixBlog_onPostLiked → duplicate: already handled (redelivery)',
    'event  3 handlers skipped (forwarding is turned off ×2; no keyword matched)',
  ]);
  expect(deliveryLines([])).toEqual([]);
});

it('prints a web-method call as one line with its outcome', () => {
  expect(webMethodLine('/_webMethods/inbox.web/sendMemberMessage', 200, 12)).toBe(
    'web    inbox.web.sendMemberMessage → 200 ok (12 ms)',
  );
  expect(webMethodLine('/_webMethods/inbox-admin.web/sendTemplateMessage', 403, 3)).toBe(
    'web    inbox-admin.web.sendTemplateMessage → 403 refused (3 ms)',
  );
  expect(webMethodLine('/_webMethods/inbox.web/getMyMessages', 200, 9, 'NOT_ALLOWED')).toBe(
    'web    inbox.web.getMyMessages → 200 NOT_ALLOWED (9 ms)',
  );
});

describe('quietConsole', () => {
  const original = { log: console.log, error: console.error };
  afterEach(() => Object.assign(console, original));

  it('drops handler outcome lines and prints an error on one line, without its stack', () => {
    const written: string[] = [];
    console.log = (...args: unknown[]) => written.push(`log: ${args.join(' ')}`);
    console.error = (...args: unknown[]) => written.push(`error: ${args.join(' ')}`);
    quietConsole(false);

    console.log('{"source":"inbox-connector","status":"skipped"}');
    console.log('Local Wix site ready');
    console.error(
      '[inbox] sendMemberMessage failed:',
      Object.assign(new Error('Service Unavailable'), { status: 503 }),
    );

    const sdkError = new Error(JSON.stringify({ message: 'Injected fault', details: {} }, null, 2));
    console.error('[inbox] getMyMessages failed:', sdkError);

    expect(written).toEqual([
      'log: Local Wix site ready',
      'error: [inbox] sendMemberMessage failed: Error: Service Unavailable (status 503)',
      'error: [inbox] getMyMessages failed: Error: Injected fault',
    ]);
  });
});
