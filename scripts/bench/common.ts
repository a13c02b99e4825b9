/**
 * What the benchmarks in scripts/bench share: the project root, settings from the environment, medians,
 * rounds that alternate the targets, the report each benchmark returns, table printing, and child
 * `node` processes that print JSON.
 *
 * Machines running the bench are shared and noisy, so no figure is a bare wall-clock time: each is a
 * ratio to a baseline measured in the same run, in rounds that alternate target and baseline, and the
 * median of the rounds is reported. Nothing here asserts a time bound; goals are reported, not enforced.
 */
import { execFile, type ExecFileOptions } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

export const root = resolve(__dirname, '..', '..');

/** `BENCH_QUICK=1`: every benchmark uses its short defaults (a smoke run, figures less stable). */
export const QUICK = process.env.BENCH_QUICK === '1';

/** A positive integer from the environment, or the default (`quick` under BENCH_QUICK=1). */
export function setting(name: string, fallback: number, quick = fallback): number {
  const raw = process.env[name];
  const value = Number(raw || (QUICK ? quick : fallback));
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got "${raw}".`);
  }
  return value;
}

/** The middle value (the upper middle for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/** A number rounded to `digits` decimals, for reports and results.json. */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * Runs `rounds` rounds; in each, every target is measured once, the order rotated by one each round
 * (round r starts at target r), so slow drift on the machine falls on every target alike. Returns each
 * target's measurements in round order.
 */
export async function alternateRounds<T extends { name: string }>(
  targets: readonly T[],
  rounds: number,
  measure: (target: T, round: number) => Promise<number>,
): Promise<Map<string, number[]>> {
  const results = new Map<string, number[]>(targets.map((t) => [t.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < targets.length; i++) {
      const target = targets[(round + i) % targets.length]!;
      results.get(target.name)!.push(await measure(target, round));
    }
  }
  return results;
}

/** For each round, target ÷ baseline; the median of these is robust to drift between rounds. */
export function roundRatios(target: readonly number[], baseline: readonly number[]): number[] {
  return target.map((value, i) => value / baseline[i]!);
}

export interface Goal {
  description: string;
  met: boolean;
}

/** What one benchmark returns: printed as a table, recorded in bench/results.json. */
export interface SectionReport {
  /** The section's main figure in a few words, for the summary. */
  headline: string;
  /** Lines before the table: what was measured, against what, how many times. */
  intro: string[];
  header: string[];
  rows: string[][];
  /** Lines after the table. */
  notes: string[];
  goals: Goal[];
  /** This section's entry in bench/results.json (plain data; keys are sorted when written). */
  results: Record<string, unknown>;
}

export interface Benchmark {
  /** Its key in bench/results.json, and its name on the command line (`npm run bench -- <key>`). */
  key: string;
  title: string;
  run(): Promise<SectionReport>;
}

/** A plain-text table: columns of figures right-aligned, the first column and text columns left-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((row) => (row[col] ?? '').length)));
  const isText = header.map((_, col) => col === 0 || rows.some((row) => /[a-z]{3}/i.test(row[col] ?? '')));
  const format = (cells: readonly string[]) =>
    cells
      .map((cell, col) => (isText[col] ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!)))
      .join('   ')
      .trimEnd();
  return [format(header), widths.map((w) => '-'.repeat(w)).join('   '), ...rows.map(format)].join('\n');
}

/** Runs `fn` with console.log silenced (the site's event handlers log one JSON line per event). */
export async function withoutConsoleLog<T>(fn: () => Promise<T>): Promise<T> {
  const original = console.log;
  console.log = () => undefined;
  try {
    return await fn();
  } finally {
    console.log = original;
  }
}

/** Milliseconds taken by `fn`. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const begin = performance.now();
  await fn();
  return performance.now() - begin;
}

/** Runs `node <args>` (plain node, no tsx) in the project root; returns what it printed, parsed as JSON. */
export async function nodeJson<T>(args: readonly string[], options: ExecFileOptions = {}): Promise<T> {
  const { stdout } = await promisify(execFile)(process.execPath, args, {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
    ...options,
  });
  return JSON.parse(String(stdout)) as T;
}
