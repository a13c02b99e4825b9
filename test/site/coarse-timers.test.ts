import { startCoarseTimer } from '../../src/backend/lib/coarse-timers';

// Fake timers move Date.now and setTimeout together, so deadlines are exact here.
beforeEach(() => {
  jest.useFakeTimers({ now: 1_000_050 });
});
afterEach(() => {
  jest.useRealTimers();
});

it('fires no earlier than asked, and at most one granule (100 ms) later', () => {
  const fired = jest.fn();
  startCoarseTimer(1_000, fired);

  jest.advanceTimersByTime(999);
  expect(fired).not.toHaveBeenCalled();
  jest.advanceTimersByTime(100);
  expect(fired).toHaveBeenCalledTimes(1);
});

it('shares one Node timer among calls due in the same granule', () => {
  const [a, b] = [jest.fn(), jest.fn()];
  startCoarseTimer(1_000, a);
  startCoarseTimer(1_010, b);

  expect(jest.getTimerCount()).toBe(1);
  jest.advanceTimersByTime(1_100);
  expect(a).toHaveBeenCalledTimes(1);
  expect(b).toHaveBeenCalledTimes(1);
});

it('does not fire a cancelled timer, and cancels each call separately even with one callback', () => {
  const fired = jest.fn();
  const cancelFirst = startCoarseTimer(1_000, fired);
  startCoarseTimer(1_000, fired);

  cancelFirst();
  cancelFirst(); // a second cancel changes nothing
  jest.advanceTimersByTime(1_100);

  expect(fired).toHaveBeenCalledTimes(1);
});

it('keeps later deadlines apart from earlier ones', () => {
  const [early, late] = [jest.fn(), jest.fn()];
  startCoarseTimer(100, early);
  startCoarseTimer(5_000, late);

  jest.advanceTimersByTime(300);
  expect(early).toHaveBeenCalledTimes(1);
  expect(late).not.toHaveBeenCalled();
  jest.advanceTimersByTime(5_000);
  expect(late).toHaveBeenCalledTimes(1);
});
