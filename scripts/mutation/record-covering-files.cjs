/**
 * Jest setup file, added only by stryker.config.json: during Stryker's dry run (per-test coverage, no
 * active mutant) it records which mutants this test file's tests covered, and how long the file took. Stryker's test environment
 * names the running test in `__stryker__.currentTestId` and counts each test's mutant hits in
 * `__stryker__.mutantCoverage.perTest`, keyed by the same name.
 */
const { activeMutant, recordFileCoverage } = require('./covering-files-index.cjs');

const stryker = globalThis.__stryker__;

if (stryker !== undefined && activeMutant() === undefined) {
  const started = Date.now();
  const testsInThisFile = new Set();
  afterEach(() => {
    if (stryker.currentTestId !== undefined) testsInThisFile.add(stryker.currentTestId);
  });
  afterAll(() => {
    const perTest = stryker.mutantCoverage?.perTest ?? {};
    const mutantIds = new Set();
    for (const test of testsInThisFile) for (const id of Object.keys(perTest[test] ?? {})) mutantIds.add(id);
    recordFileCoverage(expect.getState().testPath, Date.now() - started, [...mutantIds]);
  });
}
