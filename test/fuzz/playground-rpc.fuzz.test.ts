import {
  WEB_METHOD_CASES,
  assertInvariants,
  inheritedNameTarget,
  playgroundWebHost,
  webMethodName,
  webMethodTarget,
  type WebMethodHost,
} from '../support/fuzz';

/** Per web method and caller, through HTTP: fewer runs than in process, the same invariants. */
const NUM_RUNS = 60;

let host: WebMethodHost;

// A fresh playground for each target, as in web-methods.fuzz.test.ts: no target depends on another's state.
beforeEach(async () => {
  // Site code logs the Wix errors it turns into safe ones, and event handlers log one line per event.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  host = await playgroundWebHost();
});

afterEach(async () => {
  await host.close();
  jest.restoreAllMocks();
});

it.each(WEB_METHOD_CASES.map((c) => [webMethodName(c), c] as const))(
  'POST /_webMethods/%s never answers 5xx, and a rejected call stores nothing and says why',
  async (_name, c) => {
    await assertInvariants(webMethodTarget(host, c), NUM_RUNS);
  },
);

it('finds web modules and exports by their own names only: inherited names are a 404, never a call', async () => {
  await assertInvariants(inheritedNameTarget(host), NUM_RUNS);
});
