/**
 * Reading Stryker's JSON reports (mutation-testing-report-schema): the statuses that count, and the
 * score the way issue #15 defines it. One place for this mapping, used by the summary and by its test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTestedLines } from './resume';

/** Where `npm run mutate:parts` keeps each part's report (git-ignored, like all of reports/). */
export const PARTS_DIR = join('reports', 'mutation', 'parts');

export type MutantStatus =
  'Killed' | 'Timeout' | 'Survived' | 'NoCoverage' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';

export interface Mutant {
  mutatorName: string;
  replacement?: string;
  status: MutantStatus;
  statusReason?: string;
  static?: boolean;
  location: { start: { line: number; column: number } };
}

export interface MutationReport {
  files: Record<string, { mutants: Mutant[] }>;
}

export interface FileTally {
  /** Killed, or made a test time out: the tests noticed. */
  detected: number;
  /**
   * Of the detected, those that made a test run past Stryker's time limit. Stryker counts them as
   * detected (a mutant that hangs the code is noticed), but on a loaded machine a slow run of a
   * harmless mutant times out too, so the summary also prints the score without them.
   */
  timedOut: number;
  /** Survived, or reached by no test: the tests did not notice. */
  undetected: number;
  /** Excluded with a reason in the source (`// Stryker disable … : reason`): judged equivalent. */
  equivalent: number;
  /** Module-level mutants skipped by `ignoreStatic` (not measured; see docs/testing.md). */
  staticSkipped: number;
  /** Did not compile (the TypeScript checker) or crashed the runner: not mutants of running code. */
  invalid: number;
}

const STATIC_REASON = /static mutant/i;

/**
 * A Stryker JSON report, or the results a run wrote as it went (`.jsonl`, tested-mutants-reporter.mjs):
 * the mutants tested so far, which is all of them only if the run finished.
 */
export function readReport(path: string): MutationReport {
  if (!path.endsWith('.jsonl')) return JSON.parse(readFileSync(path, 'utf8')) as MutationReport;
  const files: MutationReport['files'] = {};
  for (const { file, ...mutant } of readTestedLines(path)) (files[file] ??= { mutants: [] }).mutants.push(mutant);
  return { files };
}

export function tally(mutants: Mutant[]): FileTally {
  const counts: FileTally = { detected: 0, timedOut: 0, undetected: 0, equivalent: 0, staticSkipped: 0, invalid: 0 };
  for (const mutant of mutants) {
    switch (mutant.status) {
      case 'Killed':
        counts.detected++;
        break;
      case 'Timeout':
        counts.detected++;
        counts.timedOut++;
        break;
      case 'Survived':
      case 'NoCoverage':
        counts.undetected++;
        break;
      case 'Ignored':
        if (STATIC_REASON.test(mutant.statusReason ?? '')) counts.staticSkipped++;
        else counts.equivalent++;
        break;
      case 'CompileError':
      case 'RuntimeError':
        counts.invalid++;
        break;
      case 'Pending':
        throw new Error('a report with pending mutants is not a finished run');
    }
  }
  return counts;
}

/** Detected / (detected + undetected); equivalents, static skips and invalid mutants are not counted. */
export function score({ detected, undetected }: FileTally): number | undefined {
  const counted = detected + undetected;
  return counted === 0 ? undefined : detected / counted;
}

/** The score if every timed-out mutant had survived: the lower bound when the machine was loaded. */
export function scoreWithoutTimeouts({ detected, timedOut, undetected }: FileTally): number | undefined {
  const counted = detected + undetected;
  return counted === 0 ? undefined : (detected - timedOut) / counted;
}

export function sum(tallies: FileTally[]): FileTally {
  return tallies.reduce(
    (total, t) => ({
      detected: total.detected + t.detected,
      timedOut: total.timedOut + t.timedOut,
      undetected: total.undetected + t.undetected,
      equivalent: total.equivalent + t.equivalent,
      staticSkipped: total.staticSkipped + t.staticSkipped,
      invalid: total.invalid + t.invalid,
    }),
    { detected: 0, timedOut: 0, undetected: 0, equivalent: 0, staticSkipped: 0, invalid: 0 },
  );
}

/**
 * Several reports over parts of src/ (one run per part) merged file by file. A file found in more than
 * one report is taken from the last one given: a re-run of one file replaces its earlier results.
 */
export function mergeReports(reports: MutationReport[]): Map<string, Mutant[]> {
  const files = new Map<string, Mutant[]>();
  for (const report of reports) {
    for (const [path, file] of Object.entries(report.files)) files.set(path, file.mutants);
  }
  return files;
}
