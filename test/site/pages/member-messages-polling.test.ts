import { initMemberMessagesPage } from 'public/pages/member-messages-page';
import { fakeW } from '../../support/fake-w';
import { countingReads } from '../../support/member-api';
import { setupSite } from '../../support/site';

/** When the member messages page reads the thread by itself (its polling), and when it stops. */

const afterTest: (() => void)[] = [];
afterEach(() => afterTest.splice(0).forEach((stop) => stop()));

it('never reads the thread again by itself when the page turns polling off (an interval of 0)', async () => {
  const site = await setupSite();
  const { api, reads } = countingReads(site);
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  const intervals = jest.spyOn(globalThis, 'setInterval');
  try {
    const page = await initMemberMessagesPage(fakeW(), api, { pollMs: 0 });
    afterTest.push(page.stop);
    // Checked before the clock moves: an interval of 0 set by mistake would fire without end.
    expect(intervals).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(60 * 60_000);
    expect(reads()).toBe(1); // the first read only
  } finally {
    intervals.mockRestore();
    jest.useRealTimers();
  }
});

it('stops reading the thread when the page is stopped', async () => {
  const site = await setupSite();
  const { api, reads } = countingReads(site);
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  try {
    const page = await initMemberMessagesPage(fakeW(), api, { pollMs: 1_000 });
    afterTest.push(page.stop);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(reads()).toBe(2);
    page.stop();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(reads()).toBe(2);
  } finally {
    jest.useRealTimers();
  }
});
