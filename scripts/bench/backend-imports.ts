/**
 * Cold import of the backend (`npm run bench -- backendImports`): how long a fresh backend instance
 * takes to load each built web module and events.js before it can answer its first call.
 * `npm run build` runs first; then each sample is a fresh `node` child process (no tsx: JavaScript, as
 * Wix runs it) that times `import()` of one module.
 *
 * Resolution: each module is bundled with esbuild from the built site (dist/site/src), as Velo bundles
 * backend code: `backend/*` and `public/*` are the site's built files, inlined; npm packages stay
 * external and load from node_modules as they are, except @wix/web-methods, whose ESM build has
 * extensionless imports only a bundler resolves (it is two tiny files); the Velo-provided
 * `wix-chat-backend` is an empty stand-in (its cost is the platform's). No module loader hooks: they
 * would add a cross-thread round trip per module and about double every time measured.
 *
 * The baseline, `@wix/inbox` + `@wix/essentials` alone, is a module of those two imports bundled and
 * imported the same way. Why: no backend module of an Inbox connector can start without the Inbox SDK
 * and the call context (`auth.elevate`), so their cost is the floor; what a module pays above it is the
 * project's choice (other SDK packages, validation libraries, site code). Both are timed in fresh
 * processes, interleaved, so machine noise falls on both. Samples are interleaved: each round runs every target once, in rotated order.
 *
 * Informative, not a goal: the same child then makes the module's first call with input its check
 * rejects (FIRST_CALLS), so no Wix call is made, and reports the time from the start of the import to
 * the answer. Whatever a module defers to its first call (zod, schemas) shows there: the cold
 * container pays it before its first answer, only later.
 */
import { build, type Plugin } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { alternateRounds, median, nodeJson, root, round, roundRatios, setting, type Benchmark } from './common';

const SAMPLES = setting('BENCH_IMPORT_SAMPLES', 11, 3);
/** Each module costs a cold backend at most 1.3x what the Inbox SDK alone costs (issue #13). */
const GOAL = 1.3;

const siteDir = join(root, 'dist', 'site');
const siteSrc = join(siteDir, 'src');
const backendDir = join(siteSrc, 'backend');
/** Inside the project (git-ignored dist/), so the bundles' npm imports resolve from its node_modules. */
const outDir = join(root, 'dist', 'bench-imports');

const BASELINE = '@wix/inbox + @wix/essentials';

/** npm packages bundled rather than loaded by Node (see the header). */
const BUNDLED_PACKAGES = /^@wix\/web-methods$/;

/**
 * The child: imports its argument and times that; then, if given a first call, makes it (output to
 * stderr, so stdout keeps the JSON) and times the import and the call together.
 */
const CHILD = `const begin = performance.now();
const module = await import(process.argv[1]);
const importMs = performance.now() - begin;
const call = process.argv[2] ? JSON.parse(process.argv[2]) : undefined;
console.log = console.error;
const answer = call ? await module[call.name](...call.args) : undefined;
const firstCallMs = call ? performance.now() - begin : undefined;
process.stdout.write(JSON.stringify({ importMs, firstCallMs, answer }));
process.exit(0);`;

interface FirstCall {
  name: string;
  args: unknown[];
  /** What the answer must be: a rejection by the input check, before any Wix call. */
  rejected(answer: unknown): boolean;
}

const invalidInput = (answer: unknown) => (answer as { error?: { code?: unknown } })?.error?.code === 'INVALID_INPUT';

/** Each module's first call, with input its check rejects: the cost of getting to a first answer. */
const FIRST_CALLS: Record<string, FirstCall> = {
  'src/backend/events.js': {
    name: 'wixCrmInbox_onMessageSentToBusiness',
    args: [{}],
    rejected: (answer) => (answer as { status?: unknown })?.status === 'invalid',
  },
  'src/backend/inbox-admin.web.js': { name: 'sendBasicMessage', args: [{}, {}], rejected: invalidInput },
  'src/backend/inbox.web.js': { name: 'submitContactForm', args: [{}], rejected: invalidInput },
  'src/backend/chat.web.js': { name: 'sendChatMessage', args: ['', ''], rejected: invalidInput },
};

/** Velo's resolution for backend code, over the built site. */
function veloBackendResolution(): Plugin {
  return {
    name: 'velo-backend-resolution',
    setup(b) {
      b.onResolve({ filter: /^(backend|public)\// }, (args) => ({ path: join(siteSrc, `${args.path}.js`) }));
      b.onResolve({ filter: /^wix-(chat|captcha)-backend$/ }, (args) => ({
        path: args.path,
        namespace: 'velo-provided',
      }));
      b.onLoad({ filter: /.*/, namespace: 'velo-provided' }, () => ({
        contents:
          'export function sendMessage() {}\nexport function authorize() {}\nexport default { sendMessage, authorize };\n',
        loader: 'js',
      }));
      b.onResolve({ filter: /^[^./]/ }, (args) => (BUNDLED_PACKAGES.test(args.path) ? undefined : { external: true }));
    },
  };
}

/** Bundles one entry (a built module, or source text for the baseline) to `<outDir>/<name>.mjs`. */
async function bundle(name: string, entry: { file: string } | { contents: string }): Promise<string> {
  const outfile = join(outDir, `${name.replace(/[^\w.-]+/g, '_')}.mjs`);
  await build({
    ...('file' in entry
      ? { entryPoints: [entry.file] }
      : { stdin: { contents: entry.contents, resolveDir: backendDir, loader: 'js' as const } }),
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    plugins: [veloBackendResolution()],
    logLevel: 'silent',
  });
  return pathToFileURL(outfile).href;
}

interface Target {
  name: string;
  url: string;
  firstCall?: FirstCall;
}

interface Sample {
  importMs: number;
  firstCallMs?: number;
}

/** One sample: a fresh node process importing the target (and making its first call), in ms. */
async function sample(target: Target): Promise<Sample> {
  const { firstCall } = target;
  const call = firstCall ? [JSON.stringify({ name: firstCall.name, args: firstCall.args })] : [];
  const printed = await nodeJson<{ importMs?: unknown; firstCallMs?: unknown; answer?: unknown }>(
    ['--input-type=module', '-e', CHILD, target.url, ...call],
    { env: { ...process.env, NODE_OPTIONS: '' } }, // nothing of tsx's
  );
  const { importMs, firstCallMs, answer } = printed;
  if (typeof importMs !== 'number' || !Number.isFinite(importMs)) {
    throw new Error(`import of ${target.name} printed ${JSON.stringify(printed)}`);
  }
  if (!firstCall) return { importMs };
  if (typeof firstCallMs !== 'number' || !firstCall.rejected(answer)) {
    throw new Error(`${target.name} ${firstCall.name} did not answer as a rejected input: ${JSON.stringify(answer)}`);
  }
  return { importMs, firstCallMs };
}

/** dist/site/src/backend/**\/*.web.js and events.js, sorted. */
function backendEntryPoints(dir = backendDir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return backendEntryPoints(path);
      const isEntry = entry.name.endsWith('.web.js') || (dir === backendDir && entry.name === 'events.js');
      return isEntry ? [path] : [];
    })
    .sort();
}

function buildSite(): void {
  const result = spawnSync('npm', ['run', 'build'], {
    cwd: root,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}`);
}

export const backendImports: Benchmark = {
  key: 'backendImports',
  title: 'Cold import of each built backend module vs @wix/inbox + @wix/essentials alone (fresh node per sample)',
  async run() {
    buildSite();
    rmSync(outDir, { recursive: true, force: true });
    const baseline: Target = {
      name: BASELINE,
      url: await bundle('baseline', { contents: "import '@wix/inbox';\nimport '@wix/essentials';\n" }),
    };
    const targets: Target[] = [baseline];
    for (const path of backendEntryPoints()) {
      const name = relative(siteDir, path);
      const firstCall = FIRST_CALLS[name];
      targets.push({
        name,
        url: await bundle(relative(backendDir, path), { file: path }),
        ...(firstCall ? { firstCall } : {}),
      });
    }
    for (const target of targets) await sample(target); // warms the file system cache: no first-sample outlier

    const samples = new Map<string, Sample[]>(targets.map((t) => [t.name, []]));
    const times = await alternateRounds(targets, SAMPLES, async (target) => {
      const measured = await sample(target);
      samples.get(target.name)!.push(measured);
      return measured.importMs;
    });
    const ms = (t: Target) => median(times.get(t.name)!);
    const ratio = (t: Target) => median(roundRatios(times.get(t.name)!, times.get(baseline.name)!));
    /** Import and first call, informative: median ms and median per-round ratio to the baseline's import. */
    const firstCallTimes = (t: Target) => samples.get(t.name)!.map((s) => s.firstCallMs ?? NaN);
    const firstCallMs = (t: Target) => (t.firstCall ? median(firstCallTimes(t)) : undefined);
    const firstCallRatio = (t: Target) =>
      t.firstCall ? median(roundRatios(firstCallTimes(t), times.get(baseline.name)!)) : undefined;
    const slowest = targets.filter((t) => t !== baseline).sort((a, b) => ratio(b) - ratio(a))[0]!;
    return {
      headline: `slowest ${slowest.name}: ${ratio(slowest).toFixed(2)}x the baseline (${ms(slowest).toFixed(0)} vs ${ms(baseline).toFixed(0)} ms)`,
      intro: [
        `${SAMPLES} samples per module, each a fresh \`node\` process timing import() of the built module,`,
        'interleaved with the baseline. Resolution: each module bundled with esbuild from dist/site/src (site code',
        'inlined; npm packages external, loaded from node_modules, except @wix/web-methods; wix-chat-backend is an',
        'empty stand-in, Velo provides it). The baseline is bundled and imported the same way.',
        'Informative, not a goal: the same process then makes the first call, with input its check rejects',
        '(no Wix call), timed from the start of the import: what a cold container pays before its first answer.',
      ],
      header: [
        'module',
        'import ms (median)',
        'over baseline (ms)',
        'vs baseline',
        'goal',
        'goal met',
        'first call',
        'import + first call ms',
        'vs baseline import',
      ],
      rows: targets.map((t) => [
        t.name + (t === baseline ? '  <- baseline' : ''),
        ms(t).toFixed(0),
        t === baseline ? '' : (ms(t) - ms(baseline)).toFixed(0),
        t === baseline ? '' : ratio(t).toFixed(2),
        t === baseline ? '' : `<= ${GOAL.toFixed(2)}`,
        t === baseline ? '' : ratio(t) <= GOAL ? 'met' : 'NOT met',
        t.firstCall?.name ?? '',
        firstCallMs(t)?.toFixed(0) ?? '',
        firstCallRatio(t)?.toFixed(2) ?? '',
      ]),
      notes: [
        '"vs baseline" is the median of the per-round ratios (module and baseline sampled in the same round).',
        '"import + first call" is informative (no goal): a first call with input its check rejects, so it makes',
        'no Wix call; it shows what a module loads on first use instead of on import (zod, for the input check).',
      ],
      goals: targets
        .filter((t) => t !== baseline)
        .map((t) => ({ description: `cold import of ${t.name} <= ${GOAL}x the baseline`, met: ratio(t) <= GOAL })),
      results: {
        settings: { samples: SAMPLES },
        goal: GOAL,
        resolution: 'esbuild bundle of dist/site/src per module; npm packages external except @wix/web-methods',
        baseline: { module: baseline.name, importMs: round(ms(baseline), 1) },
        modules: targets
          .filter((t) => t !== baseline)
          .map((t) => ({
            module: t.name,
            importMs: round(ms(t), 1),
            ratio: round(ratio(t)),
            ...(t.firstCall
              ? {
                  firstCall: t.firstCall.name,
                  importAndFirstCallMs: round(firstCallMs(t)!, 1),
                  importAndFirstCallRatio: round(firstCallRatio(t)!),
                }
              : {}),
          })),
      },
    };
  },
};
