/**
 * `npm run bench`: every benchmark in scripts/bench, one after another, printed as tables, then written
 * to bench/results.json (keys sorted, formatted as prettier formats it, so a re-run diffs cleanly).
 *
 * `npm run bench -- <key> ...` runs only those sections (keys below) and prints them; bench/results.json
 * is written only by a full run without BENCH_QUICK, so every figure in it comes from the same full run. `BENCH_QUICK=1` runs
 * every section with short defaults (a smoke run). Each benchmark module lists its own settings.
 *
 * A report, not a test: goals are printed as met or NOT met and the exit code is 0 either way; it is
 * non-zero only when a benchmark cannot run (a failed build, a failed request, an action that errs).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join, relative } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { apiCalls } from './api-calls';
import { backendImports } from './backend-imports';
import { QUICK, formatTable, root, type Benchmark, type SectionReport } from './common';
import { emulatorData } from './emulator-data';
import { emulatorThroughput } from './emulator-throughput';
import { pageBundles } from './page-bundles';
import { webMethodOverhead } from './web-method-overhead';

/** In the order they run (the slowest, throughput over HTTP, last). */
const BENCHMARKS: readonly Benchmark[] = [
  apiCalls,
  webMethodOverhead,
  pageBundles,
  backendImports,
  emulatorData,
  emulatorThroughput,
];

const RESULTS_FILE = join(root, 'bench', 'results.json');

/** A copy with every object's keys in sorted order (arrays keep theirs). */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

function environment() {
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    quick: QUICK,
  };
}

function printSection(index: number, benchmark: Benchmark, report: SectionReport, seconds: number): void {
  console.log(`\n${index + 1}. ${benchmark.title}  [${benchmark.key}, ${seconds.toFixed(0)} s]`);
  for (const line of report.intro) console.log(`   ${line}`);
  console.log(`\n${formatTable(report.header, report.rows)}`);
  for (const line of report.notes) console.log(line);
  for (const goal of report.goals) console.log(`goal: ${goal.description} — ${goal.met ? 'met' : 'NOT met'}`);
}

async function writeResults(sections: { benchmark: Benchmark; report: SectionReport }[]): Promise<void> {
  const data = {
    environment: environment(),
    sections: Object.fromEntries(
      sections.map(({ benchmark, report }) => [
        benchmark.key,
        { title: benchmark.title, summary: report.headline, goals: report.goals, ...report.results },
      ]),
    ),
  };
  const text = await format(JSON.stringify(sortedKeys(data)), {
    ...(await resolveConfig(RESULTS_FILE)),
    filepath: RESULTS_FILE,
  });
  mkdirSync(join(root, 'bench'), { recursive: true });
  writeFileSync(RESULTS_FILE, text);
}

/** Runs the benchmarks named in `keys` (all when none), prints them, and writes results for a full run. */
async function main(keys: readonly string[]): Promise<void> {
  const unknown = keys.filter((key) => !BENCHMARKS.some((b) => b.key === key));
  if (unknown.length > 0) {
    throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.key).join(', ')}`);
  }
  const selected = keys.length === 0 ? BENCHMARKS : BENCHMARKS.filter((b) => keys.includes(b.key));
  const env = environment();
  console.log(
    `bench: Node ${env.node}, ${env.platform}, ${env.cpus} CPUs (${env.cpuModel})${QUICK ? ', BENCH_QUICK=1' : ''}`,
  );
  console.log('Every figure is relative to a baseline measured in this run; times are medians of rounds.');

  const sections: { benchmark: Benchmark; report: SectionReport }[] = [];
  const began = performance.now();
  for (const [index, benchmark] of selected.entries()) {
    const start = performance.now();
    const report = await benchmark.run();
    printSection(BENCHMARKS.indexOf(benchmark), benchmark, report, (performance.now() - start) / 1000);
    sections.push({ benchmark, report });
    if (index < selected.length - 1) await new Promise((r) => setTimeout(r, 100)); // let sockets close
  }

  console.log(`\nSummary (${((performance.now() - began) / 1000).toFixed(0)} s)`);
  console.log(
    formatTable(
      ['benchmark', 'headline', 'goal'],
      sections.map(({ benchmark, report }) => [
        benchmark.key,
        report.headline,
        report.goals.length === 0 ? '(none)' : report.goals.every((g) => g.met) ? 'met' : 'NOT met',
      ]),
    ),
  );
  if (selected.length === BENCHMARKS.length && !QUICK) {
    await writeResults(sections);
    console.log(`\nWrote ${relative(root, RESULTS_FILE)}`);
  } else {
    console.log(
      `\n${relative(root, RESULTS_FILE)} not written: only a full run (every benchmark, no BENCH_QUICK) writes it.`,
    );
  }
}

main(process.argv.slice(2))
  .then(() => process.exit(0)) // the clients' keep-alive sockets would otherwise hold the process a while
  .catch((error: unknown) => {
    console.error(`bench failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  });
