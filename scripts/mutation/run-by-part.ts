/**
 * `npm run mutate:parts [-- --part <name> …] [-- <stryker options>]`: mutation testing of src/ one part
 * at a time, each part's JSON report kept in reports/mutation/parts/<part>.json, then the merged
 * summary (summary.ts).
 *
 * Why parts: a whole run of src/ takes hours on a 2-core machine, and Stryker writes its report only
 * at the end, so a run stopped early tells nothing. Run by part, every finished part is a result, and
 * one part (or one file, with `npm run mutate -- --mutate <file>` and the report copied into parts/)
 * can be re-run after its tests change; a part's re-run is incremental (see below), and a part whose
 * run was stopped goes on where it stopped (resume.ts). The parts together are exactly
 * stryker.config.json's `mutate`.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PARTS_DIR } from './report';
import { resumeStoppedRun } from './resume';

export const PARTS: Record<string, string> = {
  public: 'src/public/**/*.ts',
  'web-modules': 'src/backend/*.ts',
  automations: 'src/backend/automations/**/*.ts',
  lib: 'src/backend/lib/**/*.ts',
};

const STRYKER_REPORT = join('reports', 'mutation', 'mutation.json');

function partsToRun(args: string[]): string[] {
  const chosen: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] !== '--part') continue;
    const name = args[i + 1];
    if (!name || !(name in PARTS)) throw new Error(`--part must be one of: ${Object.keys(PARTS).join(', ')}`);
    chosen.push(name);
  }
  return chosen.length > 0 ? chosen : Object.keys(PARTS);
}

function strykerOptions(args: string[]): string[] {
  return args.filter((arg, i) => arg !== '--part' && args[i - 1] !== '--part');
}

function main(args: string[]): void {
  mkdirSync(PARTS_DIR, { recursive: true });
  const extra = strykerOptions(args);
  for (const part of partsToRun(args)) {
    const started = Date.now();
    console.log(`== ${part} (${PARTS[part]})`);
    // Each part keeps its own incremental file: a re-run tests only the mutants whose code or covering
    // tests changed since (`--force` tests them all again).
    const incrementalFile = join(PARTS_DIR, `${part}.incremental.json`);
    const tested = join(PARTS_DIR, `${part}.tested.jsonl`);
    // A run of this part that was stopped goes on where it stopped (resume.ts).
    const carried = resumeStoppedRun({
      tested,
      run: join(PARTS_DIR, `${part}.run.json`),
      incremental: incrementalFile,
    });
    if (carried > 0) console.log(`== ${part}: resuming a stopped run (${carried} results kept for Stryker to reuse)`);
    const incremental = ['--incremental', '--incrementalFile', incrementalFile];
    const run = spawnSync('npx', ['stryker', 'run', '--mutate', PARTS[part]!, ...incremental, ...extra], {
      stdio: 'inherit',
      // Each mutant's result as it comes (tested-mutants-reporter.mjs): a stopped part still counts.
      env: { ...process.env, STRYKER_TESTED_MUTANTS_FILE: tested },
    });
    const minutes = ((Date.now() - started) / 60_000).toFixed(1);
    if (run.status !== 0) throw new Error(`stryker failed on ${part} after ${minutes} min (exit ${run.status})`);
    copyFileSync(STRYKER_REPORT, join(PARTS_DIR, `${part}.json`));
    console.log(`== ${part}: ${minutes} min`);
  }
  spawnSync('npx', ['tsx', join('scripts', 'mutation', 'summary.ts')], { stdio: 'inherit' });
}

main(process.argv.slice(2));
