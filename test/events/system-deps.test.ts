import { systemDeps } from 'backend/automations/event-handlers';

/** The real clock the site's events use on Wix (tests pass their own): the webhook's retry waits. */
it('waits the whole time it is asked to before a webhook retry', async () => {
  jest.useFakeTimers();
  try {
    let waited = false;
    const wait = systemDeps.sleep(500).then(() => {
      waited = true;
    });
    await jest.advanceTimersByTimeAsync(499);
    expect(waited).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await wait;
    expect(waited).toBe(true);
  } finally {
    jest.useRealTimers();
  }
});
