/**
 * Resuming a stopped mutation run. A whole part of src/ takes hours here, longer than a working
 * session, and Stryker keeps a run's results for the next run (`--incremental`) only when the run
 * finishes. tested-mutants-reporter.mjs writes each result as it comes, with the tests and sources it
 * refers to; this turns those into the incremental report Stryker would have written, so the next run
 * of the part tests only the mutants not yet tested, and those whose code or tests changed since.
 *
 * Nothing is decided here about what may be reused: Stryker's own incremental rules apply, as for a
 * finished run (a killed mutant is reused while its killing test is unchanged; a surviving one while
 * no covering test was added; any mutant whose code changed is tested again).
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { Mutant } from './report';

/** `<part>.run.json`: the dry run's tests and the sources, as the stopped run saw them. */
export interface RunRecord {
  tests: { name: string; file: string; start?: Position }[];
  sources: Record<string, string>;
}

interface Position {
  line: number;
  column: number;
}

/** One line of `<part>.tested.jsonl`; test references are indices into `RunRecord.tests`. */
export interface TestedLine extends Mutant {
  file: string;
  location: { start: Position; end: Position };
  testsCompleted?: number;
  killedBy?: number[];
  coveredBy?: number[];
}

/** The part of mutation-testing-report-schema that Stryker's IncrementalDiffer reads. */
export interface IncrementalReport {
  schemaVersion: '1.0';
  thresholds: { high: number; low: number; break: null };
  files: Record<string, { language: 'typescript'; source: string; mutants: Record<string, unknown>[] }>;
  testFiles: Record<string, { source?: string; tests: { id: string; name: string; location?: { start: Position } }[] }>;
}

/** The incremental report of a stopped run: every result it wrote, against the sources it tested. */
export function incrementalReport(run: RunRecord, tested: TestedLine[]): IncrementalReport {
  const testIds = (indices: number[] | undefined) => indices?.map(String);
  const files: IncrementalReport['files'] = {};
  tested.forEach(({ file, killedBy, coveredBy, ...result }, index) => {
    const source = run.sources[file];
    if (source === undefined) throw new Error(`the run record has no source for ${file}, which it mutated`);
    const entry = (files[file] ??= { language: 'typescript', source, mutants: [] });
    entry.mutants.push({
      ...result,
      id: String(index),
      ...(killedBy ? { killedBy: testIds(killedBy) } : {}),
      ...(coveredBy ? { coveredBy: testIds(coveredBy) } : {}),
    });
  });
  const testFiles: IncrementalReport['testFiles'] = {};
  run.tests.forEach(({ name, file, start }, index) => {
    const entry = (testFiles[file] ??= { ...(file in run.sources ? { source: run.sources[file] } : {}), tests: [] });
    entry.tests.push({ id: String(index), name, ...(start ? { location: { start } } : {}) });
  });
  return { schemaVersion: '1.0', thresholds: { high: 80, low: 60, break: null }, files, testFiles };
}

/**
 * The results a run wrote. A run killed while appending can leave its last line cut short: that one
 * result is dropped (its mutant is tested again); a bad line anywhere else is an error.
 */
export function readTestedLines(path: string): TestedLine[] {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  return lines.flatMap((line, index) => {
    try {
      return [JSON.parse(line) as TestedLine];
    } catch (error) {
      if (index === lines.length - 1) return [];
      throw error;
    }
  });
}

/**
 * When the part's last run stopped before finishing (its results are newer than the incremental file,
 * which Stryker writes last, after every result), writes the incremental report of what that run
 * tested in place of the incremental file. Returns how many results it carries over (0: nothing to do).
 * A run that stopped before testing anything leaves the incremental file as it was.
 */
export function resumeStoppedRun(files: { tested: string; run: string; incremental: string }): number {
  if (!existsSync(files.tested) || !existsSync(files.run)) return 0;
  const finishedAt = existsSync(files.incremental) ? statSync(files.incremental).mtimeMs : 0;
  if (statSync(files.tested).mtimeMs <= finishedAt) return 0;
  const tested = readTestedLines(files.tested);
  if (tested.length === 0) return 0;
  const run = JSON.parse(readFileSync(files.run, 'utf8')) as RunRecord;
  writeFileSync(files.incremental, JSON.stringify(incrementalReport(run, tested)));
  return tested.length;
}
