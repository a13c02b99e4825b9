/**
 * A Stryker reporter (`tested-mutants`, loaded by stryker.config.json's `plugins`) that appends each
 * mutant's result to a JSON-lines file as soon as it is known: Stryker writes its own reports only when
 * a run ends, so a run stopped early (hours here for a part of src/) otherwise tells nothing. The file
 * is `$STRYKER_TESTED_MUTANTS_FILE` (run-by-part.ts sets one per part), else
 * reports/mutation/tested-mutants.jsonl; report.ts reads it as a partial report.
 *
 * Beside it, `<part>.run.json` (for `<part>.tested.jsonl`) keeps what the results refer to: the tests of the run's dry run and the
 * source of every file the run mutated or tested, as they were. With both, resume.ts turns a stopped
 * run into an incremental report, so the next run of the part tests only what is left (and what
 * changed since), the way Stryker reuses a finished run's results.
 */
import { declareClassPlugin, PluginKind } from '@stryker-mutator/api/plugin';
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** A failure message can be a whole jest diff; its start is enough to tell what killed a mutant. */
const MAX_REASON = 300;

class TestedMutantsReporter {
  constructor() {
    this.file = process.env.STRYKER_TESTED_MUTANTS_FILE || join('reports', 'mutation', 'tested-mutants.jsonl');
    this.runFile = this.file.replace(/(\.tested)?\.jsonl$/, '.run.json');
    /** Test id (jest: the test's full name) → its index in the run file's `tests`. */
    this.testIndex = new Map();
    this.tests = [];
    mkdirSync(dirname(this.file), { recursive: true });
    rmSync(this.file, { force: true });
    rmSync(this.runFile, { force: true });
  }

  onDryRunCompleted({ result }) {
    if (result.status !== 'complete') return;
    this.tests = result.tests.map((test, index) => {
      this.testIndex.set(test.id, index);
      return {
        name: test.name,
        file: test.fileName ? relative(process.cwd(), test.fileName) : '',
        // As Stryker's own report writes it: 1-based (the runner's position is 0-based).
        ...(test.startPosition
          ? { start: { line: test.startPosition.line + 1, column: test.startPosition.column + 1 } }
          : {}),
      };
    });
  }

  onMutationTestingPlanReady({ mutantPlans }) {
    const mutated = mutantPlans.map(({ mutant }) => relative(process.cwd(), mutant.fileName));
    const tested = this.tests.map((test) => test.file).filter(Boolean);
    const sources = {};
    for (const file of new Set([...mutated, ...tested])) sources[file] = readFileSync(file, 'utf8');
    writeFileSync(this.runFile, JSON.stringify({ tests: this.tests, sources }));
  }

  onMutantTested(result) {
    const { mutatorName, replacement, status, statusReason, location, testsCompleted } = result;
    const line = { file: relative(process.cwd(), result.fileName), mutatorName, replacement, status, location };
    if (statusReason !== undefined) line.statusReason = statusReason.slice(0, MAX_REASON);
    if (testsCompleted !== undefined) line.testsCompleted = testsCompleted;
    const indices = (ids) => ids?.map((id) => this.testIndex.get(id)).filter((index) => index !== undefined);
    if (result.killedBy) line.killedBy = indices(result.killedBy);
    if (result.coveredBy) line.coveredBy = indices(result.coveredBy);
    appendFileSync(this.file, `${JSON.stringify(line)}\n`);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'tested-mutants', TestedMutantsReporter)];
