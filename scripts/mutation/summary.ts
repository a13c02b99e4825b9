/**
 * `npm run mutate:summary [report.json …]`: the mutation score of src/ per file and in all, from one or
 * more Stryker JSON reports (by default every part written by `npm run mutate:parts`, oldest first, so
 * a later re-run of a file replaces its earlier results). `--survivors` also lists every mutant the
 * tests did not notice, as `file:line mutator → replacement`.
 *
 * The score is issue #15's: detected (killed or timed out) / (detected + survived + no coverage).
 * Mutants excluded in the source with a reason (`// Stryker disable next-line <mutator>: <reason>`) are
 * judged equivalent and not counted; module-level mutants skipped by `ignoreStatic` and mutants that
 * do not compile are not counted either, and their numbers are printed beside the score.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  mergeReports,
  PARTS_DIR,
  readReport,
  score,
  scoreWithoutTimeouts,
  sum,
  tally,
  type FileTally,
  type Mutant,
} from './report';

const GOAL = 0.9;

/**
 * Each part's report: Stryker's JSON report when the part's run finished, else the results its run
 * wrote as it went (`<part>.tested.jsonl`), which cover only the mutants tested before it stopped.
 */
function defaultReports(): string[] {
  let names: string[];
  try {
    names = readdirSync(PARTS_DIR);
  } catch {
    return [];
  }
  // `<part>.json`; not `<part>.incremental.json`.
  const finished = names.filter((name) => /^[\w-]+\.json$/.test(name));
  const partial = names.filter(
    (name) => name.endsWith('.tested.jsonl') && !finished.includes(name.replace('.tested.jsonl', '.json')),
  );
  return [...finished, ...partial]
    .map((name) => join(PARTS_DIR, name))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
}

const percent = (value: number | undefined) => (value === undefined ? 'n/a' : `${(value * 100).toFixed(1)}%`);

function describe(path: string, mutant: Mutant): string {
  const replacement = (mutant.replacement ?? '').replace(/\s+/g, ' ').slice(0, 60);
  return `${path}:${mutant.location.start.line} ${mutant.mutatorName} → ${replacement} (${mutant.status})`;
}

function main(args: string[]): void {
  const listSurvivors = args.includes('--survivors');
  const paths = args.filter((arg) => !arg.startsWith('--'));
  const reports = paths.length > 0 ? paths : defaultReports();
  if (reports.length === 0) {
    console.error('No mutation reports: run `npm run mutate:parts` (or pass report files).');
    process.exitCode = 2;
    return;
  }
  const files = [...mergeReports(reports.map(readReport)).entries()].sort(([a], [b]) => a.localeCompare(b));
  const rows = files.map(([path, mutants]) => ({ path, counts: tally(mutants) }));
  const total = sum(rows.map((row) => row.counts));

  console.log(`From ${reports.length} report(s): ${reports.join(', ')}`);
  const partial = reports.filter((path) => path.endsWith('.jsonl'));
  if (partial.length > 0)
    console.log(`Partial (a run that did not finish: the mutants tested so far): ${partial.join(', ')}`);
  console.log('');
  console.log(
    '| file | score | without timeouts | detected | of which timed out | undetected | equivalent | static (not run) | did not compile |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const line = (name: string, c: FileTally) =>
    `| ${name} | ${percent(score(c))} | ${percent(scoreWithoutTimeouts(c))} | ${c.detected} | ${c.timedOut} | ${c.undetected} | ${c.equivalent} | ${c.staticSkipped} | ${c.invalid} |`;
  for (const { path, counts } of rows) console.log(line(path, counts));
  console.log(line(`**all ${rows.length} files**`, total));
  const totalScore = score(total);
  const met = totalScore !== undefined && totalScore >= GOAL;
  // A partial run's figure is a sample: it says whether the mutants tested so far were detected, not
  // whether the goal is met, so it is not printed as met.
  const verdict =
    met && partial.length > 0 ? 'not measured (partial runs; so far at or above it)' : met ? 'met' : 'not met';
  console.log(`\ngoal: mutation score of the files above >= ${GOAL * 100}%: ${verdict}`);

  if (listSurvivors) {
    console.log('\nNot detected:');
    for (const [path, mutants] of files) {
      for (const mutant of mutants) {
        if (mutant.status === 'Survived' || mutant.status === 'NoCoverage') console.log(`- ${describe(path, mutant)}`);
      }
    }
  }
}

main(process.argv.slice(2));
