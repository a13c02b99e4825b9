/**
 * Which test files cover which mutant, recorded during Stryker's initial (dry) run and read during
 * mutant runs (see covering-files-sequencer.cjs and record-covering-files.cjs).
 *
 * Why: Stryker's jest runner runs every mutant with a test-name filter over *all* test files, so each
 * mutant pays for loading the whole suite (about 11 s here) even when one file holds its covering
 * tests. Jest's test sequencer may hand back fewer files; this index tells it which.
 *
 * CommonJS on purpose: jest loads a test sequencer with a plain `require`, without a transform.
 */
const { appendFileSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');

// In the Stryker sandbox this is the sandbox's root, which every test runner process shares.
const INDEX_FILE = join(__dirname, '..', '..', '.stryker-covering-files.jsonl');

// Set by Stryker for each mutant run (@stryker-mutator/api INSTRUMENTER_CONSTANTS.ACTIVE_MUTANT_ENV_VARIABLE).
const ACTIVE_MUTANT_ENV = '__STRYKER_ACTIVE_MUTANT__';

function activeMutant() {
  return process.env[ACTIVE_MUTANT_ENV];
}

function resetIndex() {
  rmSync(INDEX_FILE, { force: true });
}

/** One line per test file: how long it took in the dry run, and the mutants its tests covered. */
function recordFileCoverage(testFile, durationMs, mutantIds) {
  appendFileSync(INDEX_FILE, `${JSON.stringify({ testFile, durationMs, mutantIds })}\n`);
}

/**
 * What the dry run recorded: mutant id → the set of test files whose tests covered it, and each test
 * file's duration. Undefined when there is no index.
 */
function readIndex() {
  let text;
  try {
    text = readFileSync(INDEX_FILE, 'utf8');
  } catch {
    return undefined;
  }
  const filesByMutant = new Map();
  const durations = new Map();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const { testFile, durationMs, mutantIds } = JSON.parse(line);
    durations.set(testFile, durationMs);
    for (const id of mutantIds) {
      if (!filesByMutant.has(id)) filesByMutant.set(id, new Set());
      filesByMutant.get(id).add(testFile);
    }
  }
  return { filesByMutant, durations };
}

/**
 * When each test file last failed a mutant run (a rising count), for the sequencer to put recent
 * killers first: a file that kills one mutant of a piece of code often kills the next ones. Shared in
 * the runner process: jest requires the sequencer and the environment from the same module cache.
 */
const lastKill = new Map();
let kills = 0;

function noteKiller(testFile) {
  lastKill.set(testFile, ++kills);
}

/** Higher for a file that failed more recently; 0 for a file that never failed a run. */
function killerRank(testFile) {
  return lastKill.get(testFile) ?? 0;
}

module.exports = { activeMutant, resetIndex, recordFileCoverage, readIndex, noteKiller, killerRank };
