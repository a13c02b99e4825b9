/**
 * A Stryker reporter (`tested-mutants`, loaded by stryker.config.json's `plugins`) that appends each
 * mutant's result to a JSON-lines file as soon as it is known: Stryker writes its own reports only when
 * a run ends, so a run stopped early (hours here for a part of src/) otherwise tells nothing. The file
 * is `$STRYKER_TESTED_MUTANTS_FILE` (run-by-part.ts sets one per part), else
 * reports/mutation/tested-mutants.jsonl; report.ts reads it as a partial report.
 */
import { declareClassPlugin, PluginKind } from '@stryker-mutator/api/plugin';
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

class TestedMutantsReporter {
  constructor() {
    this.file = process.env.STRYKER_TESTED_MUTANTS_FILE || join('reports', 'mutation', 'tested-mutants.jsonl');
    mkdirSync(dirname(this.file), { recursive: true });
    rmSync(this.file, { force: true });
  }

  onMutantTested(result) {
    const { mutatorName, replacement, status, statusReason, location } = result;
    const line = { file: relative(process.cwd(), result.fileName), mutatorName, replacement, status, location };
    if (status === 'Ignored') line.statusReason = statusReason;
    appendFileSync(this.file, `${JSON.stringify(line)}\n`);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'tested-mutants', TestedMutantsReporter)];
