/**
 * Page bundle size (`npm run bench -- pageBundles`): what a visitor's browser downloads for each page's
 * code (src/pages/*.ts). Each page file is bundled with esbuild (bundle, minify, ESM, browser), with
 * what the Wix platform provides left external — `@wix/*`, `wix-*` and `backend/*.web` (Velo turns
 * these into calls to the web method) — and `public/*` resolved to src/public, as Velo does; npm
 * packages the page code uses are bundled in. Sizes are gzip level 9. The baseline is an empty page
 * file (Wix's new-page template, `$w.onReady(() => {})`) bundled the same way: the least any page costs,
 * so "over empty" is what this project's page code adds. The contact page's goal is an absolute size
 * (issue #13): it is the page every visitor may open, and its figure is exact, not a timing.
 *
 * Sizes are deterministic, so this needs no rounds.
 */
import { build, type Metafile, type Plugin } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root, round, type Benchmark } from './common';

const pagesDir = join(root, 'src', 'pages');
/** Each page's gzipped code stays within this many KB. */
const GOAL_KB = 10;
const KB = 1024;
/** The contact page, the one every visitor may open, within 3 KB gzipped (issue #13). */
const CONTACT_GOAL_KB = 3;
const isContact = (page: string) => page.startsWith('Contact.');
/** How many of the biggest inputs are listed for a page whose make-up is shown. */
const TOP_INPUTS = 8;

const EMPTY_PAGE = '$w.onReady(() => {});\n';

/** Velo's resolution for page code: backend web modules are external (RPC), public/* is src/public. */
function veloPageResolution(): Plugin {
  return {
    name: 'velo-page-resolution',
    setup(b) {
      b.onResolve({ filter: /^backend\// }, (args) => {
        if (!args.path.endsWith('.web')) {
          return { errors: [{ text: `page code may import only web modules, not ${args.path}` }] };
        }
        return { path: args.path, external: true };
      });
      b.onResolve({ filter: /^public\// }, (args) => {
        const path = join(root, 'src', `${args.path}.ts`);
        if (!existsSync(path)) return { errors: [{ text: `${args.path} does not exist in src/public` }] };
        return { path };
      });
    },
  };
}

interface Bundle {
  page: string;
  rawBytes: number;
  gzipBytes: number;
  metafile: Metafile;
}

async function bundle(page: string, entry: { file: string } | { contents: string }): Promise<Bundle> {
  const result = await build({
    ...('file' in entry
      ? { entryPoints: [entry.file] }
      : { stdin: { contents: entry.contents, resolveDir: pagesDir, loader: 'ts' as const } }),
    absWorkingDir: root, // metafile paths are relative to the project root
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    outdir: join(root, '.bench-out'), // not written: needed to name the output in the metafile
    external: ['@wix/*', 'wix-*'],
    plugins: [veloPageResolution()],
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return {
    page,
    rawBytes: code.byteLength,
    gzipBytes: gzipSync(code, { level: 9 }).byteLength,
    metafile: result.metafile,
  };
}

/** `zod` for node_modules/zod/..., else the path from the project root. */
function packageOf(input: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return match ? match[1]! : input.startsWith('src/') ? 'site code (src/)' : input;
}

/** The inputs with the most minified bytes in the output, and the same summed per npm package. */
function contributors(metafile: Metafile) {
  const inputs = Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs).map(([path, { bytesInOutput }]) => ({ path, bytes: bytesInOutput })),
  );
  const byPackage = new Map<string, number>();
  for (const { path, bytes } of inputs) byPackage.set(packageOf(path), (byPackage.get(packageOf(path)) ?? 0) + bytes);
  return {
    packages: [...byPackage]
      .map(([name, bytes]) => ({ name, bytes }))
      .sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name)),
    inputs: inputs.sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path)).slice(0, TOP_INPUTS),
  };
}

const kb = (bytes: number) => (bytes / KB).toFixed(2);

export const pageBundles: Benchmark = {
  key: 'pageBundles',
  title: `Page code bundle size per page (minified + gzip -9) vs an empty page; goal <= ${GOAL_KB} KB gzipped`,
  async run() {
    const pageFiles = readdirSync(pagesDir)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
      .sort();
    const empty = await bundle('(empty page)', { contents: EMPTY_PAGE });
    const pages: Bundle[] = [];
    for (const name of pageFiles) pages.push(await bundle(name, { file: join(pagesDir, name) }));

    const over = pages.filter((p) => p.gzipBytes > GOAL_KB * KB);
    const largest = [...pages].sort((a, b) => b.gzipBytes - a.gzipBytes)[0]!;
    const notes: string[] = [`1 KB = ${KB} bytes; "over empty" is the page's gzipped size minus the empty page's.`];
    const details: Record<string, unknown> = {};
    // What the bundle is made of: for every page over the goal, and for the largest page in any case.
    for (const page of [...new Set([...over, largest])]) {
      const { packages, inputs } = contributors(page.metafile);
      details[page.page] = {
        packages: packages.map((p) => ({ name: p.name, minifiedBytes: p.bytes })),
        topInputs: inputs.map((i) => ({ path: i.path, minifiedBytes: i.bytes })),
      };
      notes.push(
        '',
        `${page.page} (${page.gzipBytes > GOAL_KB * KB ? `over ${GOAL_KB} KB` : 'the largest page'}): ` +
          'minified KB in its bundle (before gzip), by package:',
        ...packages.map((p) => `  ${kb(p.bytes).padStart(6)} KB  ${p.name}`),
        `  biggest inputs:`,
        ...inputs.map((i) => `  ${kb(i.bytes).padStart(6)} KB  ${i.path}`),
      );
    }

    return {
      headline: `largest ${largest.page}: ${kb(largest.gzipBytes)} KB gzipped (empty page ${kb(empty.gzipBytes)} KB)`,
      intro: [
        'esbuild bundle + minify, ESM, browser; external: @wix/*, wix-*, backend/*.web (provided by Velo);',
        'public/* from src/public; npm packages bundled. Baseline: an empty page (`$w.onReady(() => {})`).',
      ],
      header: ['page', 'minified KB', 'gzip KB', 'over empty (gzip KB)', `<= ${GOAL_KB} KB`],
      rows: [empty, ...pages].map((p) => [
        p.page + (p === empty ? '  <- baseline' : ''),
        kb(p.rawBytes),
        kb(p.gzipBytes),
        p === empty ? '' : kb(p.gzipBytes - empty.gzipBytes),
        p === empty ? '' : p.gzipBytes <= GOAL_KB * KB ? 'yes' : 'NO',
      ]),
      notes,
      goals: [
        {
          description: `every page's code <= ${GOAL_KB} KB gzipped${over.length ? ` (over: ${over.map((p) => p.page).join(', ')})` : ''}`,
          met: over.length === 0,
        },
        ...pages
          .filter((p) => isContact(p.page))
          .map((p) => ({
            description: `contact page ${p.page} <= ${CONTACT_GOAL_KB} KB gzipped (${kb(p.gzipBytes)} KB)`,
            met: p.gzipBytes <= CONTACT_GOAL_KB * KB,
          })),
      ],
      results: {
        goalKb: GOAL_KB,
        contactGoalKb: CONTACT_GOAL_KB,
        baseline: { page: empty.page, minifiedBytes: empty.rawBytes, gzipBytes: empty.gzipBytes },
        pages: pages.map((p) => ({
          page: p.page,
          minifiedBytes: p.rawBytes,
          gzipBytes: p.gzipBytes,
          gzipOverEmptyBytes: p.gzipBytes - empty.gzipBytes,
          gzipKb: round(p.gzipBytes / KB, 1),
          withinGoal: p.gzipBytes <= GOAL_KB * KB,
        })),
        contributors: details,
      },
    };
  },
};
