/**
 * Jest test environment, set only by stryker.config.json, for mutant runs (the dry run is untouched):
 *
 * - Every test of the files the sequencer picked runs, not only the tests Stryker's per-test coverage
 *   names. Code that runs once per file (a schema built on its first use, a module loaded inside a
 *   test) counts as covered by whichever test ran it first, so the name filter left out the test that
 *   checks it: a schema's error message made `""` survived although another test of the same file
 *   asserts the message. Running whole files can only add tests.
 * - Once a test fails, the rest of the run is skipped (the tests left in the file, and every later
 *   file, hooks included). One failure is all Stryker needs to call a mutant killed, but its jest runner
 *   cannot bail (it forces `bail: false`), so a killed mutant in code most tests reach ran every
 *   covering file after its first failure. A surviving mutant has no failure and runs everything.
 */
const { TestEnvironment } = require('jest-environment-node');
const { activeMutant, noteKiller } = require('./covering-files-index.cjs');

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
  constructor(config, context) {
    super(config, context);
    this.testFile = context.testPath;
  }

  async handleTestEvent(event, state) {
    const mutant = activeMutant();
    if (mutant === undefined) return;
    // Jest reads the name filter from this state as the file starts running its tests.
    if (event.name === 'run_start') state.testNamePattern = null;
    if (event.name === 'test_done' && event.test.errors.length > 0 && failedUnder !== mutant) {
      failedUnder = mutant;
      noteKiller(this.testFile);
    }
    if (failedUnder !== mutant) return;
    // Before a file's first hook runs: with no test left to run, jest runs none of its hooks.
    if (event.name === 'run_start') skipEveryTest(state.rootDescribeBlock);
    // Jest reads a test's mode after announcing it, so this skips the rest of the current file.
    if (event.name === 'test_start') event.test.mode = 'skip';
  }
}

module.exports = BailOnFirstFailureEnvironment;
