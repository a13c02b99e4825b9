/* eslint-disable @typescript-eslint/no-require-imports -- the hooks are CommonJS: jest requires them untransformed */
import type { Test } from '@jest/test-result';

/**
 * The mutation-testing sequencer (scripts/mutation/covering-files-sequencer.cjs): a mutant's run gets
 * only the test files whose tests covered it in the dry run, quickest first; anything it cannot place
 * runs every file.
 */
const index = require('../../scripts/mutation/covering-files-index.cjs') as {
  resetIndex(): void;
  recordFileCoverage(testFile: string, durationMs: number, mutantIds: string[]): void;
};

const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__';

/** A fresh copy of the sequencer (it reads the index once per process), with its `noteKiller`. */
function sequencer(): { sort(tests: Test[]): Test[]; noteKiller(testFile: string): void } {
  let Sequencer!: new () => { sort(tests: Test[]): Test[] };
  let noteKiller!: (testFile: string) => void;
  jest.isolateModules(() => {
    Sequencer = require('../../scripts/mutation/covering-files-sequencer.cjs');
    ({ noteKiller } = require('../../scripts/mutation/covering-files-index.cjs'));
  });
  return Object.assign(new Sequencer(), { noteKiller });
}

/** A test file as jest hands it to a sequencer (no perf cache: `cache: false`). */
const test = (path: string) =>
  ({ path, context: { config: { cache: false }, hasteFS: { getSize: () => path.length } } }) as unknown as Test;
const slow = test('/repo/test/site/slow.test.ts');
const quick = test('/repo/test/site/quick.test.ts');
const other = test('/repo/test/events/other.test.ts');
const paths = (tests: Test[]) => tests.map((t) => t.path).sort();

beforeEach(() => {
  index.resetIndex();
  index.recordFileCoverage(slow.path, 900, ['1', '2']);
  index.recordFileCoverage(quick.path, 40, ['2']);
  index.recordFileCoverage(other.path, 300, []);
});
afterEach(() => {
  delete process.env[ACTIVE_MUTANT];
  index.resetIndex();
});

it('gives a mutant run only the files whose tests covered the mutant, quickest first', () => {
  process.env[ACTIVE_MUTANT] = '2';
  expect(
    sequencer()
      .sort([slow, other, quick])
      .map((t) => t.path),
  ).toEqual([quick.path, slow.path]);
  process.env[ACTIVE_MUTANT] = '1';
  expect(
    sequencer()
      .sort([slow, other, quick])
      .map((t) => t.path),
  ).toEqual([slow.path]);
});

it('puts first the files that killed the latest mutants, the most recent first', () => {
  process.env[ACTIVE_MUTANT] = '2';
  const files = sequencer();
  files.noteKiller(slow.path);
  expect(files.sort([quick, slow]).map((t) => t.path)).toEqual([slow.path, quick.path]);
  files.noteKiller(quick.path);
  expect(files.sort([quick, slow]).map((t) => t.path)).toEqual([quick.path, slow.path]);
});

it('runs every file for a mutant the dry run did not place, or when there is no index', () => {
  process.env[ACTIVE_MUTANT] = '7';
  expect(paths(sequencer().sort([slow, other, quick]))).toEqual(paths([slow, other, quick]));
  index.resetIndex();
  process.env[ACTIVE_MUTANT] = '2';
  expect(paths(sequencer().sort([slow, other, quick]))).toEqual(paths([slow, other, quick]));
});

it('starts a fresh index for the dry run (no active mutant) and runs every file', () => {
  expect(paths(sequencer().sort([slow, other, quick]))).toEqual(paths([slow, other, quick]));
  process.env[ACTIVE_MUTANT] = '2';
  expect(paths(sequencer().sort([slow, other, quick]))).toEqual(paths([slow, other, quick]));
});
