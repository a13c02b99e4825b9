/**
 * Jest test sequencer, set only by stryker.config.json: for a mutant run it keeps the test files whose
 * tests covered the active mutant in the dry run, instead of loading all of them to skip most, the
 * likeliest to fail first.
 *
 * It can only leave out files none of whose tests reached the mutant; Stryker's name filter would
 * skip every test in them anyway, hooks included. When there is no index, or the mutant or its files
 * are not in it, every file runs, as without this sequencer.
 */
const Sequencer = require('@jest/test-sequencer').default;
const { activeMutant, killerRank, readIndex, resetIndex } = require('./covering-files-index.cjs');

let index;

class CoveringFilesSequencer extends Sequencer {
  sort(tests) {
    const mutant = activeMutant();
    if (mutant === undefined) {
      // The dry run: record-covering-files.cjs writes a fresh index as the files finish.
      resetIndex();
      return super.sort(tests);
    }
    index ??= readIndex();
    const files = index?.filesByMutant.get(mutant);
    const covering = files ? tests.filter((test) => files.has(test.path)) : [];
    if (covering.length === 0) return super.sort(tests);
    // A run stops at its first failure (bail-environment.cjs), so the files likeliest to fail go
    // first: those that killed the latest mutants (often the same code), then the quickest.
    return covering.sort(
      (a, b) => killerRank(b.path) - killerRank(a.path) || index.durations.get(a.path) - index.durations.get(b.path),
    );
  }
}

module.exports = CoveringFilesSequencer;
