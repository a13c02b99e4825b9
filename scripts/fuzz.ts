/**
 * `npm run fuzz`: property-based fuzzing of every emulator endpoint and every web method, in process
 * and through the playground's HTTP RPC. Prints one row per target and exits non-zero when any
 * must-be-zero figure is not zero, with the seed and a shrunk counterexample per failing target.
 *
 *   FUZZ_RUNS     inputs per target (default 10000)
 *   FUZZ_SEED     fixes the seed (default: random, printed)
 *   FUZZ_TARGETS  only targets whose name contains this text (for example `sendBasicMessage`)
 *
 * The invariants and the targets are in test/support/fuzz/; the jest suites in test/fuzz
 * run the same targets with a fixed seed and few runs.
 */
// First: site modules import Velo-only modules such as wix-chat-backend.
import '../local/velo/velo-modules';
import fc from 'fast-check';
import {
  EMULATOR_TARGETS,
  WEB_METHOD_CASES,
  emulatorTarget,
  hasRequestLevelReason,
  inheritedNameTarget,
  inProcessWebHost,
  invariantsHold,
  isAccepted,
  isRejected,
  isServerError,
  playgroundWebHost,
  webMethodName,
  webMethodTarget,
  type EmulatorTargetDef,
  type FuzzTarget,
  type WebMethodHost,
} from '../test/support/fuzz';

function positiveInteger(name: string, fallback: number): number {
  const value = Number(process.env[name] || fallback);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got "${process.env[name]}".`);
  }
  return value;
}

const RUNS = positiveInteger('FUZZ_RUNS', 10_000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const ONLY = process.env.FUZZ_TARGETS ?? '';
if (!Number.isSafeInteger(SEED)) throw new Error(`FUZZ_SEED must be an integer, got "${process.env.FUZZ_SEED}".`);

interface Row {
  target: string;
  inputs: number;
  accepted: number;
  rejected: number;
  /** Rejections whose reason is about the request as a whole or the caller: an error code, no field. */
  byCode: number;
  serverErrors: number;
  storedFromInvalid: number;
  noReason: number;
  seconds: number;
  codes: Map<string, number>;
  counterexample?: string;
}

const COLUMNS: [title: string, width: number, value: (row: Row) => string | number][] = [
  ['target', 52, (r) => r.target],
  ['inputs', 7, (r) => r.inputs],
  ['accepted', 9, (r) => r.accepted],
  ['rejected', 9, (r) => r.rejected],
  ['by code', 8, (r) => r.byCode],
  ['5xx', 4, (r) => r.serverErrors],
  ['stored', 7, (r) => r.storedFromInvalid],
  ['no reason', 10, (r) => r.noReason],
  ['s', 6, (r) => r.seconds.toFixed(1)],
];

function line(cells: (string | number)[]): string {
  return cells
    .map((cell, i) => {
      const [, width] = COLUMNS[i]!;
      const text = String(cell);
      return i === 0 ? text.slice(0, width).padEnd(width) : text.padStart(width);
    })
    .join(' ');
}

const print = (text = '') => process.stdout.write(`${text}\n`);
const failing = (row: Row) => row.serverErrors + row.storedFromInvalid + row.noReason > 0;

/** Runs every input, counting outcomes; then, if any broke an invariant, finds a shrunk counterexample. */
async function survey<I>(target: FuzzTarget<I>): Promise<Row> {
  const started = Date.now();
  const row: Row = {
    target: target.name,
    inputs: 0,
    accepted: 0,
    rejected: 0,
    byCode: 0,
    serverErrors: 0,
    storedFromInvalid: 0,
    noReason: 0,
    seconds: 0,
    codes: new Map(),
  };
  await fc.check(
    fc.asyncProperty(target.arbitrary, async (input) => {
      const o = await target.run(input);
      row.inputs += 1;
      if (isAccepted(o)) row.accepted += 1;
      if (isServerError(o)) row.serverErrors += 1;
      if (isRejected(o)) {
        row.rejected += 1;
        if (o.stored !== 0) row.storedFromInvalid += 1;
        if (hasRequestLevelReason(o)) row.byCode += 1;
        if (!o.hasFieldReason && !hasRequestLevelReason(o)) row.noReason += 1;
        if (o.code) row.codes.set(o.code, (row.codes.get(o.code) ?? 0) + 1);
      }
      return true;
    }),
    { seed: SEED, numRuns: RUNS },
  );
  if (failing(row)) {
    const details = await fc.check(invariantsHold(target), { seed: SEED, numRuns: RUNS });
    const shown = (text: string) => (text.length > 2000 ? `${text.slice(0, 2000)}… (${text.length} characters)` : text);
    row.counterexample = details.failed
      ? `${shown(fc.stringify(details.counterexample))}\n    ${(details.errorInstance as Error)?.message}`
      : 'the failure did not repeat on a second pass (it depends on state left by earlier inputs)';
  }
  row.seconds = (Date.now() - started) / 1000;
  return row;
}

async function section(title: string, targets: AsyncIterable<FuzzTarget> | Iterable<FuzzTarget>): Promise<Row[]> {
  print();
  print(title);
  print(line(COLUMNS.map(([name]) => name)));
  const rows: Row[] = [];
  for await (const target of targets) {
    const row = await survey(target);
    rows.push(row);
    print(line(COLUMNS.map(([, , value]) => value(row))));
  }
  return rows;
}

const selected = (name: string) => name.includes(ONLY);

async function emulatorSection(): Promise<Row[]> {
  const defs = EMULATOR_TARGETS.filter((d) => selected(d.name));
  return defs.length === 0 ? [] : section('Emulator endpoints (in process)', emulatorTargets(defs));
}

async function* emulatorTargets(defs: readonly EmulatorTargetDef[]): AsyncIterable<FuzzTarget> {
  for (const def of defs) {
    const target = await emulatorTarget(def);
    try {
      yield target as FuzzTarget;
    } finally {
      target.close();
    }
  }
}

async function withHost(open: () => Promise<WebMethodHost>, title: string): Promise<Row[]> {
  const cases = WEB_METHOD_CASES.filter((c) => selected(webMethodName(c)));
  const byInheritedNames = selected('web methods by inherited names');
  if (cases.length === 0 && !byInheritedNames) return [];
  const host = await open();
  try {
    return await section(title, [
      ...cases.map((c) => webMethodTarget(host, c) as FuzzTarget),
      ...(byInheritedNames ? [inheritedNameTarget(host) as FuzzTarget] : []),
    ]);
  } finally {
    await host.close();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  print(`npm run fuzz: ${RUNS} inputs per target, seed ${SEED}${ONLY ? `, targets matching "${ONLY}"` : ''}`);
  print('Columns: by code = rejections whose reason is an error code, not a field (malformed JSON, unknown');
  print('token, not found, a web error code other than INVALID_INPUT); 5xx, stored (rows written for a');
  print('rejected input) and no reason (a rejection with neither field-level reason nor code) must be 0.');

  // Site code and the emulator log to the console on purpose (handled SDK errors, event outcomes).
  // Silenced here so the table stays readable; 5xx answers are counted in the table instead.
  const quiet = () => undefined;
  const console_ = { error: console.error, log: console.log, warn: console.warn };
  Object.assign(console, { error: quiet, log: quiet, warn: quiet });
  let rows: Row[];
  try {
    rows = [
      ...(await emulatorSection()),
      ...(await withHost(inProcessWebHost, 'Web methods (in process: Velo invoker, real SDK, emulator)')),
      ...(await withHost(playgroundWebHost, 'Web methods (playground HTTP RPC)')),
    ];
  } finally {
    Object.assign(console, console_);
  }

  const total = rows.reduce((n, r) => n + r.inputs, 0);
  const minutes = (Date.now() - started) / 60_000;
  print();
  print(`${rows.length} targets, ${total} inputs in ${minutes.toFixed(1)} min, seed ${SEED}.`);
  const codes = new Map<string, number>();
  for (const row of rows) for (const [code, n] of row.codes) codes.set(code, (codes.get(code) ?? 0) + n);
  print(
    `Rejection codes: ${[...codes]
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => `${code} ${n}`)
      .join(', ')}`,
  );
  const failures = rows.filter(failing);
  if (failures.length === 0) {
    print('Every invariant held.');
    return;
  }
  print();
  print(
    `${failures.length} targets broke an invariant. Reproduce with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}${ONLY ? ` FUZZ_TARGETS='${ONLY}'` : ''}.`,
  );
  for (const row of failures) print(`- ${row.target}\n    ${row.counterexample}`);
  process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
