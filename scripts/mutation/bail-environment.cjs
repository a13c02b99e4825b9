/**
 * Jest test environment, set only by stryker.config.json: once a test fails during a mutant run, the
 * rest of that run is skipped (the tests left in the file, and every later file, hooks included).
 *
 * Why: one failing test is all Stryker needs to call a mutant killed, but its jest runner cannot bail
 * (it forces `bail: false`), so a killed mutant in code most tests reach ran hundreds of tests after the
 * first failure. A surviving mutant has no failure, so it still runs every covering test. The dry run
 * (no active mutant) is never cut short.
 */
const { TestEnvironment } = require('jest-environment-node');
const { activeMutant } = require('./covering-files-index.cjs');

// The mutant whose run has a failed test. Jest loads this module once per test runner process, so it
// is shared by the test files of a run; the next mutant run has another id and runs in full.
let failedUnder;

function skipEveryTest(describeBlock) {
  for (const child of describeBlock.children) {
    if (child.type === 'test') child.mode = 'skip';
    else skipEveryTest(child);
  }
}

class BailOnFirstFailureEnvironment extends TestEnvironment {
  async handleTestEvent(event, state) {
    const mutant = activeMutant();
    if (mutant === undefined) return;
    if (event.name === 'test_done' && event.test.errors.length > 0) failedUnder = mutant;
    if (failedUnder !== mutant) return;
    // Before a file's first hook runs: with no test left to run, jest runs none of its hooks.
    if (event.name === 'run_start') skipEveryTest(state.rootDescribeBlock);
    // Jest reads a test's mode after announcing it, so this skips the rest of the current file.
    if (event.name === 'test_start') event.test.mode = 'skip';
  }
}

module.exports = BailOnFirstFailureEnvironment;
